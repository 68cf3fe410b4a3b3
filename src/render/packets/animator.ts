import type { LabDocument } from '../../lab/document.ts';
import type { RoleNames } from '../../lab/roles.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import type { Box, Point, ViewTransform } from '../geometry.ts';
import type { TopologyLayout } from '../topology/layout.ts';
import { frameChips, packetKind, type ChipText, type PacketKind } from './chips.ts';
import { dropsAt, flyingAt, placeStacks, type DropMark, type Flying } from './frame-plan.ts';
import { CHIP, drawDrop, drawStack, measureStack, readPalette, type MeasuredStack, type PacketPalette } from './paint.ts';
import { SpriteCache } from './sprites.ts';
import { buildTraceIndex, recordAt, type TraceIndex } from './trace-index.ts';

/** What the animator draws, read on every animation frame (cheap: fields of the store). */
export interface AnimatorInput {
  readonly timeUs: number;
  readonly records: readonly TraceRecord[];
  readonly doc: LabDocument;
  readonly layout: TopologyLayout | undefined;
  readonly roles: RoleNames;
  readonly viewport: ViewTransform;
  readonly selectedSeq: number | undefined;
  readonly chipText: ChipText;
}

export interface PacketAnimator {
  /** The record (frame or drop) drawn at a point of the canvas, topmost first. */
  hitTest(p: Point): number | undefined;
  /** Re-reads the theme colours (after a theme change). */
  refreshTheme(): void;
  destroy(): void;
}

/** Chips grow with the zoom up to a limit, so they keep pace with the labels on a big screen. */
function chipScale(k: number): number {
  return Math.min(1.4, Math.max(1, k));
}

/** The icons and labels of the topology in screen pixels (chips avoid covering them). */
function topologyBoxes(layout: TopologyLayout, v: ViewTransform): Box[] {
  const world: Box[] = [];
  for (const n of layout.nodes) world.push(n.iconBox, n.block.box);
  for (const l of layout.links) for (const e of [l.a, l.b]) if (e.label) world.push(e.label.box);
  return world.map((b) => ({ x: b.x * v.k + v.x, y: b.y * v.k + v.y, w: b.w * v.k, h: b.h * v.k }));
}

interface Drawn {
  readonly seq: number;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly box: Box | undefined;
}

const sameInput = (a: AnimatorInput, b: AnimatorInput) =>
  a.timeUs === b.timeUs && a.records === b.records && a.layout === b.layout && a.viewport === b.viewport
  && a.selectedSeq === b.selectedSeq && a.roles === b.roles && a.chipText === b.chipText;

/**
 * Draws the frames in flight on a `<canvas>` over the topology on every animation frame, without
 * React: `read()` gives the playback time, trace, layout and view. A frame is on its link from its
 * egress record's time to `link.arrivalUs`, positioned linearly along the line between the two
 * icons; frames through a switch are drawn on each segment. Nothing is drawn when nothing changed,
 * and a canvas that is already empty is not touched while nothing flies (idle gaps cost nothing).
 *
 * Chips: with few frames in flight each gets its header chips; with many, chips would cover each
 * other and the topology. So stacks are placed greedily — the selected frame first, then those
 * that had chips in the previous frame (so chips don't flicker from frame to frame), then the
 * oldest — and a frame whose stack would overlap one already placed, or beyond MAX_CHIP_STACKS,
 * is a coloured dot only (frame-plan.ts). Colours still tell the kinds apart, and clicking any dot
 * selects its record, whose chips then show.
 */
export function createPacketAnimator(canvas: HTMLCanvasElement, read: () => AnimatorInput): PacketAnimator {
  const ctx = canvas.getContext('2d');
  let palette: PacketPalette = readPalette(canvas);
  let index: { records: readonly TraceRecord[]; links: LabDocument['links']; nodes: LabDocument['nodes']; ix: TraceIndex } | undefined;
  let stacks = new Map<number, MeasuredStack>();
  let stackKey: { roles: RoleNames; chipText: ChipText; records: readonly TraceRecord[]; font: string } | undefined;
  let kinds = new Map<number, PacketKind>();
  let labelled = new Set<number>();
  let drawn: Drawn[] = [];
  const sprites = new SpriteCache();
  let avoid: { layout: TopologyLayout; v: ViewTransform; boxes: Box[] } | undefined;
  let lastInput: AnimatorInput | undefined;
  let blank = true;
  let size = { w: 0, h: 0, dpr: 1 };
  let dirty = true;
  let raf = 0;

  const resize = () => {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (w === size.w && h === size.h && dpr === size.dpr) return;
    size = { w, h, dpr };
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    blank = true;
    dirty = true;
  };
  const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(resize);
  observer?.observe(canvas);

  const indexFor = (input: AnimatorInput): TraceIndex => {
    const d = input.doc;
    if (!index || index.records !== input.records || index.links !== d.links || index.nodes.length !== d.nodes.length) {
      index = { records: input.records, links: d.links, nodes: d.nodes, ix: buildTraceIndex(input.records, d) };
      kinds = new Map();
    }
    return index.ix;
  };

  const stackFor = (p: Flying, ix: TraceIndex, input: AnimatorInput, font: string): MeasuredStack => {
    if (!stackKey || stackKey.roles !== input.roles || stackKey.chipText !== input.chipText || stackKey.records !== input.records || stackKey.font !== font || stacks.size > 5000) {
      stackKey = { roles: input.roles, chipText: input.chipText, records: input.records, font };
      stacks = new Map();
      sprites.forgetStacks();
    }
    let s = stacks.get(p.seq);
    if (!s) {
      const r = recordAt(input.records, p.seq)!;
      s = measureStack(ctx!, frameChips(r, ix.initiator, ix.macChanged[p.flight] === 1, input.roles, input.chipText));
      stacks.set(p.seq, s);
    }
    return s;
  };

  const kindOf = (ix: TraceIndex, records: readonly TraceRecord[]) => (seq: number): PacketKind => {
    let k = kinds.get(seq);
    if (k === undefined) {
      k = packetKind(recordAt(records, seq)!, ix.initiator);
      kinds.set(seq, k);
    }
    return k;
  };

  const publish = (flying: readonly Flying[], selectedChips: string) => {
    // For tests and assistive summaries: how many frames fly, and the selected frame's chips as text.
    if (canvas.dataset.inFlight !== String(flying.length)) canvas.dataset.inFlight = String(flying.length);
    if (canvas.dataset.selectedChips !== selectedChips) canvas.dataset.selectedChips = selectedChips;
  };

  const paint = (input: AnimatorInput, ix: TraceIndex, layout: TopologyLayout, flying: Flying[], drops: DropMark[], font: string) => {
    const c = ctx!;
    const v = input.viewport;
    const dpr = size.dpr;
    const scale = chipScale(v.k);
    sprites.prepare(palette, scale, dpr, font);
    for (const p of flying) {
      const dot = sprites.dot(p.kind, palette, dpr);
      if (dot) c.drawImage(dot.image, p.x - dot.offset, p.y - dot.offset, dot.w, dot.h);
    }

    const selected = input.selectedSeq;
    const rank = (p: Flying) => (p.seq === selected ? 0 : labelled.has(p.seq) ? 1 : 2);
    if (avoid?.layout !== layout || avoid.v !== v) avoid = { layout, v, boxes: topologyBoxes(layout, v) };
    const placed = placeStacks({
      order: [...flying].sort((a, b) => rank(a) - rank(b) || a.seq - b.seq),
      sizeOf: (p) => {
        const s = stackFor(p, ix, input, font);
        return s.chips.length ? { w: s.w * scale, h: s.h * scale } : undefined;
      },
      avoid: avoid.boxes, width: size.w, height: size.h, selected,
    });
    labelled = new Set(placed.keys());
    for (const p of flying) {
      const box = placed.get(p.seq);
      if (box) {
        const s = stackFor(p, ix, input, font);
        const image = p.seq === selected ? undefined : sprites.stack(p.seq, s, scale, palette.kind[p.kind], palette, dpr, font);
        if (image) {
          c.drawImage(image.image, box.x - image.offset, box.y - image.offset, image.w, image.h);
        } else {
          // The selected frame's stack is outlined, and drawn directly (it is only one).
          c.save();
          c.translate(box.x, box.y);
          c.scale(scale, scale);
          drawStack(c, s, { x: 0, y: 0, w: s.w, h: s.h }, palette.kind[p.kind], palette, p.seq === selected);
          c.restore();
        }
      }
      drawn.push({ seq: p.seq, x: p.x, y: p.y, r: CHIP.dot, box });
      if (p.seq === selected) {
        c.beginPath();
        c.arc(p.x, p.y, CHIP.dot + 5, 0, Math.PI * 2);
        c.lineWidth = 3;
        c.strokeStyle = palette.selection;
        c.stroke();
      }
    }
    for (const d of drops) {
      drawDrop(c, d.x, d.y, palette);
      if (d.seq === selected) {
        c.beginPath();
        c.arc(d.x, d.y, 15, 0, Math.PI * 2);
        c.lineWidth = 3;
        c.strokeStyle = palette.selection;
        c.stroke();
      }
      drawn.push({ seq: d.seq, x: d.x, y: d.y, r: 11, box: undefined });
    }
  };

  const draw = (input: AnimatorInput) => {
    if (!ctx) return;
    const layout = input.layout;
    let flying: Flying[] = [], drops: DropMark[] = [];
    let ix: TraceIndex | undefined;
    if (layout && input.records.length > 0) {
      ix = indexFor(input);
      flying = flyingAt(ix, layout, input.timeUs, input.viewport, kindOf(ix, input.records));
      drops = dropsAt(ix, layout, input.records, input.timeUs, input.viewport);
    }
    const font = `700 ${CHIP.font}px ${palette.fontFamily}`;
    if (flying.length === 0 && drops.length === 0) {
      drawn = [];
      publish(flying, '');
      if (blank) return;
    }
    ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
    ctx.clearRect(0, 0, size.w, size.h);
    drawn = [];
    blank = flying.length === 0 && drops.length === 0;
    if (blank || !ix || !layout) return;
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    paint(input, ix, layout, flying, drops, font);
    const sel = flying.find((p) => p.seq === input.selectedSeq);
    publish(flying, sel ? stackFor(sel, ix, input, font).chips.map((c) => c.cells.join('|')).join(' ') : '');
  };

  const frame = () => {
    raf = requestAnimationFrame(frame);
    const input = read();
    if (!dirty && lastInput && sameInput(lastInput, input)) return;
    dirty = false;
    lastInput = input;
    draw(input);
  };
  resize();
  raf = requestAnimationFrame(frame);

  return {
    hitTest(p) {
      for (let i = drawn.length - 1; i >= 0; i--) {
        const d = drawn[i]!;
        const b = d.box;
        if (b && p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h) return d.seq;
        if (Math.hypot(p.x - d.x, p.y - d.y) <= d.r + 4) return d.seq;
      }
      return undefined;
    },
    refreshTheme() {
      palette = readPalette(canvas);
      stackKey = undefined;
      dirty = true;
    },
    destroy() {
      cancelAnimationFrame(raf);
      observer?.disconnect();
    },
  };
}
