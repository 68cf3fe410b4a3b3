import type { Box } from '../geometry.ts';
import type { Chip, PacketKind } from './chips.ts';

/** Colours of the packet layer, read from the theme's CSS variables. */
export interface PacketPalette {
  readonly kind: Readonly<Record<PacketKind, string>>;
  readonly drop: string;
  /** Background and text of MAC chips and of the halo around dots. */
  readonly surface: string;
  readonly text: string;
  readonly selection: string;
  readonly fontFamily: string;
}

const FALLBACK: PacketPalette = {
  kind: { arp: '#b7791f', request: '#2563eb', reply: '#15803d', icmp: '#7c3aed', tunnel: '#c026d3' },
  drop: '#dc2626',
  surface: '#ffffff',
  text: '#111827',
  selection: '#f59e0b',
  fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
};

/** Reads the palette from CSS variables on `el` (`--pkt-arp`, `--pkt-request`…), with fallbacks. */
export function readPalette(el: Element): PacketPalette {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    kind: {
      arp: v('--pkt-arp', FALLBACK.kind.arp),
      request: v('--pkt-request', FALLBACK.kind.request),
      reply: v('--pkt-reply', FALLBACK.kind.reply),
      icmp: v('--pkt-icmp', FALLBACK.kind.icmp),
      tunnel: v('--pkt-tunnel', FALLBACK.kind.tunnel),
    },
    drop: v('--pkt-drop', FALLBACK.drop),
    surface: v('--canvas-chip-surface', FALLBACK.surface),
    text: v('--canvas-chip-text', FALLBACK.text),
    selection: v('--canvas-selection', FALLBACK.selection),
    fontFamily: cs.fontFamily || FALLBACK.fontFamily,
  };
}

/** Chip geometry in screen pixels. */
export const CHIP = { font: 14, height: 21, padX: 6, gap: 2, sep: 12, dot: 7 } as const;

/** A chip stack measured for drawing. */
export interface MeasuredStack {
  readonly chips: readonly Chip[];
  readonly cellWidths: readonly (readonly number[])[];
  readonly widths: readonly number[];
  readonly w: number;
  readonly h: number;
}

/** Measures a stack of chips with the context's current font. */
export function measureStack(ctx: CanvasRenderingContext2D, chips: readonly Chip[]): MeasuredStack {
  const cellWidths = chips.map((c) => c.cells.map((t) => ctx.measureText(t).width));
  const widths = cellWidths.map((cw) => cw.reduce((s, w) => s + w, 0) + (cw.length - 1) * CHIP.sep + 2 * CHIP.padX);
  return {
    chips, cellWidths, widths,
    w: Math.max(0, ...widths),
    h: chips.length * CHIP.height + Math.max(0, chips.length - 1) * CHIP.gap,
  };
}

/** Black or white, whichever reads better on a colour (`#rgb`, `#rrggbb` or `rgb(…)`). */
export function textOn(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  const rgb = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(color);
  let channels: number[];
  if (hex) {
    const h = hex[1]!.length === 3 ? hex[1]!.split('').map((c) => c + c).join('') : hex[1]!;
    channels = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else if (rgb) {
    channels = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  } else {
    return '#ffffff';
  }
  const [r = 0, g = 0, b = 0] = channels;
  const lum = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b);
  return l > 0.4 ? '#111111' : '#ffffff';
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/** Draws a measured stack with its top-left at `box`; `frameColor` outlines MAC chips. */
export function drawStack(ctx: CanvasRenderingContext2D, s: MeasuredStack, box: Box, frameColor: string, pal: PacketPalette, selected: boolean): void {
  let y = box.y;
  s.chips.forEach((chip, i) => {
    const w = s.widths[i]!;
    const x = box.x + (box.w - w) / 2;
    const bg = chip.fill === 'mac' ? pal.surface : pal.kind[chip.fill];
    const fg = chip.fill === 'mac' ? pal.text : textOn(bg);
    roundRect(ctx, x, y, w, CHIP.height, 4);
    ctx.fillStyle = bg;
    ctx.fill();
    ctx.lineWidth = selected ? 3 : chip.fill === 'mac' ? 2 : 1;
    ctx.strokeStyle = selected ? pal.selection : chip.fill === 'mac' ? frameColor : pal.surface;
    ctx.stroke();
    ctx.fillStyle = fg;
    let cx = x + CHIP.padX;
    const cy = y + CHIP.height / 2 + 0.5;
    chip.cells.forEach((text, j) => {
      if (j > 0) {
        ctx.beginPath();
        ctx.moveTo(cx - CHIP.sep / 2, y + 4);
        ctx.lineTo(cx - CHIP.sep / 2, y + CHIP.height - 4);
        ctx.strokeStyle = fg;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      }
      ctx.fillText(text, cx, cy);
      cx += s.cellWidths[i]![j]! + CHIP.sep;
    });
    y += CHIP.height + CHIP.gap;
  });
}

/** Draws a drop mark (✕ on a disc) centred at x, y. */
export function drawDrop(ctx: CanvasRenderingContext2D, x: number, y: number, pal: PacketPalette): void {
  ctx.beginPath();
  ctx.arc(x, y, 11, 0, Math.PI * 2);
  ctx.fillStyle = pal.surface;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = pal.drop;
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x - 5, y - 5);
  ctx.lineTo(x + 5, y + 5);
  ctx.moveTo(x + 5, y - 5);
  ctx.lineTo(x - 5, y + 5);
  ctx.lineWidth = 3;
  ctx.stroke();
}
