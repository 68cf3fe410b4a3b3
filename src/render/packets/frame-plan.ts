import type { TraceRecord } from '../../sim/model/trace.ts';
import { boxesOverlap, inflate, overlapArea, type Box, type Point, type ViewTransform } from '../geometry.ts';
import type { TopologyLayout } from '../topology/layout.ts';
import type { PacketKind } from './chips.ts';
import { CHIP } from './paint.ts';
import { forEachInFlight, lowerBound, recordAt, upperBound, type TraceIndex } from './trace-index.ts';

/** How long a drop mark stays at the node, in virtual µs (about a second at 1×). */
export const DROP_VISIBLE_US = 150;
/** At most this many chip stacks per frame; the rest of the frames in flight are dots. */
export const MAX_CHIP_STACKS = 24;
/** Frames on one link keep to their own side, requests and replies apart. */
const LANE = 5;

/** A frame on its link at the time drawn, in screen pixels. */
export interface Flying {
  readonly flight: number;
  readonly seq: number;
  readonly kind: PacketKind;
  readonly x: number;
  readonly y: number;
}

/** A drop mark at a node, in screen pixels. */
export interface DropMark {
  readonly seq: number;
  readonly x: number;
  readonly y: number;
}

/**
 * The frames in flight at time t (egress ≤ t < arrival), each placed linearly along its link
 * between the two icons, keeping to the right of its direction of travel.
 */
export function flyingAt(ix: TraceIndex, layout: TopologyLayout, t: number, v: ViewTransform, kindOf: (seq: number) => PacketKind): Flying[] {
  const linkByIndex = new Map(layout.links.map((l) => [l.index, l]));
  const out: Flying[] = [];
  forEachInFlight(ix, t, (f) => {
    const link = linkByIndex.get(ix.link[f]!);
    if (!link) return;
    const fwd = ix.forward[f] === 1;
    const from = fwd ? link.a.edge : link.b.edge, to = fwd ? link.b.edge : link.a.edge;
    const span = ix.end[f]! - ix.start[f]!;
    const frac = span > 0 ? (t - ix.start[f]!) / span : 0;
    const dx = to.x - from.x, dy = to.y - from.y;
    const len = Math.hypot(dx, dy) || 1;
    const wx = from.x + dx * frac - (dy / len) * LANE, wy = from.y + dy * frac + (dx / len) * LANE;
    const seq = ix.seq[f]!;
    out.push({ flight: f, seq, kind: kindOf(seq), x: wx * v.k + v.x, y: wy * v.k + v.y });
  });
  return out;
}

/** Drops of the last DROP_VISIBLE_US before t, marked at the upper right of their node's icon. */
export function dropsAt(ix: TraceIndex, layout: TopologyLayout, records: readonly TraceRecord[], t: number, v: ViewTransform): DropMark[] {
  const out: DropMark[] = [];
  const d0 = lowerBound(ix.dropTime, t - DROP_VISIBLE_US), d1 = upperBound(ix.dropTime, t);
  for (let i = d0; i < d1; i++) {
    const seq = ix.dropSeq[i]!;
    const node = layout.nodeById.get(recordAt(records, seq)?.node ?? '');
    if (!node) continue;
    out.push({
      seq,
      x: (node.center.x + node.icon.halfWidth * 0.8) * v.k + v.x,
      y: (node.center.y - node.icon.halfHeight * 0.8) * v.k + v.y,
    });
  }
  return out;
}

/** Where a stack of chips may go around its dot, best first. */
export function stackCandidates(p: Point, w: number, h: number): Box[] {
  const g = CHIP.dot + 4;
  return [
    { x: p.x - w / 2, y: p.y - g - h, w, h },
    { x: p.x - w / 2, y: p.y + g, w, h },
    { x: p.x + g, y: p.y - h / 2, w, h },
    { x: p.x - g - w, y: p.y - h / 2, w, h },
    { x: p.x + g, y: p.y - g - h, w, h },
    { x: p.x - g - w, y: p.y - g - h, w, h },
    { x: p.x + g, y: p.y + g, w, h },
    { x: p.x - g - w, y: p.y + g, w, h },
  ];
}

/** The candidate covering the least of the topology (the first one among equals). */
function leastCovering(candidates: readonly Box[], avoid: readonly Box[]): Box | undefined {
  let best: Box | undefined, bestArea = Infinity;
  for (const b of candidates) {
    let area = 0;
    for (const q of avoid) area += overlapArea(b, q);
    if (area < bestArea) {
      best = b;
      bestArea = area;
      if (area === 0) break;
    }
  }
  return best;
}

export interface StackPlanInput {
  /** Frames in the order they may claim chips (see placeStacks). */
  readonly order: readonly Flying[];
  /** A frame's stack size in screen pixels, undefined when it has no chips. */
  sizeOf(p: Flying): { readonly w: number; readonly h: number } | undefined;
  /** Icons and labels of the topology, which chips avoid when they can. */
  readonly avoid: readonly Box[];
  readonly width: number;
  readonly height: number;
  readonly selected: number | undefined;
}

/**
 * Gives chip stacks to frames greedily in `order`: each takes the first place around its dot that
 * is inside the canvas, clear of every stack already placed and covering as little as possible of
 * the topology's icons and labels. A frame with no free place, and every frame after MAX_CHIP_STACKS stacks (or
 * after 3 × that many attempts), keeps its dot only. The selected frame always gets its stack.
 * So stacks never overlap one another, however many frames are in flight.
 */
export function placeStacks(input: StackPlanInput): Map<number, Box> {
  const placed = new Map<number, Box>();
  const boxes: Box[] = [];
  let attempts = 0;
  for (const p of input.order) {
    const isSelected = p.seq === input.selected;
    if (!isSelected && (boxes.length >= MAX_CHIP_STACKS || attempts++ >= MAX_CHIP_STACKS * 3)) continue;
    const size = input.sizeOf(p);
    if (!size) continue;
    const all = stackCandidates(p, size.w, size.h);
    const free = all.filter((b) => b.x >= 0 && b.y >= 0 && b.x + b.w <= input.width && b.y + b.h <= input.height
      && !boxes.some((q) => boxesOverlap(inflate(b, 2), q)));
    const box = leastCovering(free, input.avoid) ?? (isSelected ? all[0] : undefined);
    if (!box) continue;
    boxes.push(box);
    placed.set(p.seq, box);
  }
  return placed;
}
