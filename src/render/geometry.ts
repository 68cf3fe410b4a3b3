/** Plain 2-D geometry shared by the topology scene and the packet animator (world or screen units). */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned box: top-left corner and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A pan and zoom: screen = world × k + (x, y). Same shape as the store's viewport. */
export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** Area shared by two boxes (0 when they only touch). */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Whether two boxes overlap by more than touching. */
export function boxesOverlap(a: Box, b: Box): boolean {
  return overlapArea(a, b) > 0;
}

/** The smallest box holding every box given; undefined for none. */
export function unionBoxes(boxes: Iterable<Box>): Box | undefined {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return x0 === Infinity ? undefined : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** A box grown by `m` on every side. */
export function inflate(b: Box, m: number): Box {
  return { x: b.x - m, y: b.y - m, w: b.w + 2 * m, h: b.h + 2 * m };
}

function segmentsCross(p1: Point, p2: Point, p3: Point, p4: Point): boolean {
  const d = (a: Point, b: Point, c: Point) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = d(p3, p4, p1), d2 = d(p3, p4, p2), d3 = d(p1, p2, p3), d4 = d(p1, p2, p4);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Whether the segment a–b passes through the box (or lies inside it). */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  const inside = (p: Point) => p.x > box.x && p.x < box.x + box.w && p.y > box.y && p.y < box.y + box.h;
  if (inside(a) || inside(b)) return true;
  const c = [
    { x: box.x, y: box.y }, { x: box.x + box.w, y: box.y },
    { x: box.x + box.w, y: box.y + box.h }, { x: box.x, y: box.y + box.h },
  ] as const;
  return segmentsCross(a, b, c[0], c[1]) || segmentsCross(a, b, c[1], c[2]) || segmentsCross(a, b, c[2], c[3]) || segmentsCross(a, b, c[3], c[0]);
}

/** The point a fraction `t` of the way from a to b. */
export function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

/** World to screen. */
export function toScreen(p: Point, v: ViewTransform): Point {
  return { x: p.x * v.k + v.x, y: p.y * v.k + v.y };
}

/** Screen to world. */
export function toWorld(p: Point, v: ViewTransform): Point {
  return { x: (p.x - v.x) / v.k, y: (p.y - v.y) / v.k };
}
