import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import type { Box, ViewTransform } from './geometry.ts';

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
  /** Zooms by a factor around the element's centre. */
  zoomBy(factor: number): void;
  destroy(): void;
}

export interface PanZoomOptions {
  /** Whether a press on this element may start a pan (nodes are dragged by the editor instead). */
  readonly canPanFrom?: (target: EventTarget | null) => boolean;
}

const same = (a: ViewTransform, b: ViewTransform) => a.x === b.x && a.y === b.y && a.k === b.k;

/**
 * Pan (drag the background) and zoom (wheel, pinch) on an SVG element with d3-zoom. Every change,
 * from the user or from `fitTo`/`zoomBy`, is reported to `onViewport`; double-click is left to the
 * editor (it opens nodes) instead of zooming.
 */
export function createPanZoom(svg: SVGSVGElement, onViewport: (v: ViewTransform) => void, options: PanZoomOptions = {}): PanZoom {
  const sel = select(svg);
  let silent = false;
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([MIN_ZOOM, MAX_ZOOM])
    .filter((event: Event) => {
      if (event.type === 'wheel') return true;
      const e = event as MouseEvent;
      return !e.ctrlKey && !e.button && (options.canPanFrom?.(e.target) ?? true);
    })
    .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
      if (silent) return;
      const t = event.transform;
      onViewport({ x: t.x, y: t.y, k: t.k });
    });
  sel.call(behavior).on('dblclick.zoom', null);

  const current = (): ViewTransform => {
    const t = zoomTransform(svg);
    return { x: t.x, y: t.y, k: t.k };
  };
  const apply = (v: ViewTransform, report: boolean) => {
    silent = !report;
    try {
      behavior.transform(sel, zoomIdentity.translate(v.x, v.y).scale(v.k));
    } finally {
      silent = false;
    }
  };

  return {
    update(v) {
      if (!same(v, current())) apply(v, false);
    },
    fitTo(bounds, coveredBottom = 0) {
      const w = svg.clientWidth;
      // A cover taller than half the element is ignored rather than squeezing the drawing to nothing.
      const h = svg.clientHeight - (coveredBottom < svg.clientHeight / 2 ? coveredBottom : 0);
      if (w <= 2 * FIT_MARGIN || h <= 2 * FIT_MARGIN) return undefined;
      const bw = Math.max(bounds.w, 1), bh = Math.max(bounds.h, 1);
      const k = Math.max(MIN_ZOOM, Math.min(MAX_FIT_ZOOM, (w - 2 * FIT_MARGIN) / bw, (h - 2 * FIT_MARGIN) / bh));
      const v = { x: w / 2 - (bounds.x + bw / 2) * k, y: h / 2 - (bounds.y + bh / 2) * k, k };
      apply(v, true);
      return v;
    },
    zoomBy(factor) {
      behavior.scaleBy(sel, factor);
    },
    destroy() {
      sel.on('.zoom', null);
    },
  };
}
