import type { Box, Point, ViewTransform } from './geometry.ts';

/** Zoom limits: far enough out for big labs, close enough in to read one header. */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 8;
/** Fit-to-screen never enlarges beyond this, so a two-node lab is not drawn giant. */
const MAX_FIT_ZOOM = 1.6;
/** Screen pixels kept free around the drawing when fitting. */
const FIT_MARGIN = 24;

export interface PanZoom {
  /** Moves the view to `v` (from the store) without reporting it back. */
  update(v: ViewTransform): void;
  /**
   * Centres `bounds` (world units) in the element at the largest zoom that shows all of it;
   * `coveredBottom` screen pixels at the bottom (an overlay such as the legend) are left free.
   * Returns the view.
   */
  fitTo(bounds: Box, coveredBottom?: number): ViewTransform | undefined;
  destroy(): void;
}

export interface PanZoomOptions {
  /** Whether a press on this element may start a pan (nodes are dragged by the editor instead). */
  readonly canPanFrom?: (target: EventTarget | null) => boolean;
}

const same = (a: ViewTransform, b: ViewTransform) => a.x === b.x && a.y === b.y && a.k === b.k;

/** The view zoomed by `factor` (kept within the zoom limits) so that the screen point `at` stays over the same world point. */
export function zoomAround(v: ViewTransform, factor: number, at: Point): ViewTransform {
  const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.k * factor));
  const wx = (at.x - v.x) / v.k, wy = (at.y - v.y) / v.k;
  return { x: at.x - wx * k, y: at.y - wy * k, k };
}

/**
 * How much one wheel event zooms: 2^(−deltaY × unit), with the units of d3-zoom's default (pixels
 * 0.002, lines 0.05, pages 1) so a notch of a mouse wheel or a touchpad pinch (a wheel event with
 * Ctrl held, ten times stronger) feels as in other map-like views.
 */
export function wheelFactor(e: Pick<WheelEvent, 'deltaY' | 'deltaMode' | 'ctrlKey'>): number {
  const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002;
  return 2 ** (-e.deltaY * unit * (e.ctrlKey ? 10 : 1));
}

/** The view after the pointers moved from `before` to `after` (one pointer pans; two pan and pinch-zoom about their midpoint). */
export function followPointers(v: ViewTransform, before: readonly Point[], after: readonly Point[]): ViewTransform {
  const mid = (ps: readonly Point[]): Point => ({ x: (ps[0]!.x + ps[ps.length - 1]!.x) / 2, y: (ps[0]!.y + ps[ps.length - 1]!.y) / 2 });
  const m0 = mid(before), m1 = mid(after);
  let next: ViewTransform = { x: v.x + m1.x - m0.x, y: v.y + m1.y - m0.y, k: v.k };
  if (before.length >= 2 && after.length >= 2) {
    const d0 = Math.hypot(before[1]!.x - before[0]!.x, before[1]!.y - before[0]!.y);
    const d1 = Math.hypot(after[1]!.x - after[0]!.x, after[1]!.y - after[0]!.y);
    if (d0 > 0 && d1 > 0) next = zoomAround(next, d1 / d0, m1);
  }
  return next;
}

/**
 * Pan (drag the background with the primary button, or one finger) and zoom (wheel, touchpad
 * pinch, two fingers) on an SVG element. Every change, from the user or from `fitTo`, is
 * reported to `onViewport`; double-click is left to the editor (it opens nodes). Other pointer
 * listeners still see every event: a pan never hides a press from the editor.
 */
export function createPanZoom(svg: SVGSVGElement, onViewport: (v: ViewTransform) => void, options: PanZoomOptions = {}): PanZoom {
  let view: ViewTransform = { x: 0, y: 0, k: 1 };
  /** The pointers of the pan or pinch under way, by id, at their last position. */
  const pointers = new Map<number, Point>();

  const set = (v: ViewTransform, report: boolean) => {
    if (same(v, view)) return;
    view = v;
    if (report) onViewport(v);
  };
  const local = (e: MouseEvent): Point => {
    const r = svg.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    set(zoomAround(view, wheelFactor(e), local(e)), true);
  };
  const onPointerDown = (e: PointerEvent) => {
    const second = pointers.size === 1 && e.pointerType === 'touch';
    if (!second && (e.button !== 0 || e.ctrlKey || !(options.canPanFrom?.(e.target) ?? true))) return;
    pointers.set(e.pointerId, local(e));
    svg.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!pointers.has(e.pointerId)) return;
    const before = [...pointers.values()];
    pointers.set(e.pointerId, local(e));
    set(followPointers(view, before, [...pointers.values()]), true);
  };
  const onPointerEnd = (e: PointerEvent) => {
    pointers.delete(e.pointerId);
  };

  // One signal ends every listener on destroy.
  const listening = new AbortController();
  const { signal } = listening;
  svg.addEventListener('wheel', onWheel, { passive: false, signal });
  svg.addEventListener('pointerdown', onPointerDown, { signal });
  svg.addEventListener('pointermove', onPointerMove, { signal });
  svg.addEventListener('pointerup', onPointerEnd, { signal });
  svg.addEventListener('pointercancel', onPointerEnd, { signal });
  // Touch gestures are ours, not the browser's scrolling.
  svg.style.touchAction = 'none';

  return {
    update(v) {
      set(v, false);
    },
    fitTo(bounds, coveredBottom = 0) {
      const w = svg.clientWidth;
      // A cover taller than half the element is ignored rather than squeezing the drawing to nothing.
      const h = svg.clientHeight - (coveredBottom < svg.clientHeight / 2 ? coveredBottom : 0);
      if (w <= 2 * FIT_MARGIN || h <= 2 * FIT_MARGIN) return undefined;
      const bw = Math.max(bounds.w, 1), bh = Math.max(bounds.h, 1);
      const k = Math.max(MIN_ZOOM, Math.min(MAX_FIT_ZOOM, (w - 2 * FIT_MARGIN) / bw, (h - 2 * FIT_MARGIN) / bh));
      const v = { x: w / 2 - (bounds.x + bw / 2) * k, y: h / 2 - (bounds.y + bh / 2) * k, k };
      set(v, true);
      return v;
    },
    destroy() {
      listening.abort();
      pointers.clear();
    },
  };
}
