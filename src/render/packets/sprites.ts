import type { PacketKind } from './chips.ts';
import { CHIP, drawStack, type MeasuredStack, type PacketPalette } from './paint.ts';

/** Room around a sprite's drawing for outlines, CSS pixels. */
const PAD = 2;

export interface Sprite {
  readonly image: HTMLCanvasElement;
  /** Where the drawing's origin lies inside the sprite, and the sprite's size, in CSS pixels. */
  readonly offset: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Dots and chip stacks rendered once into small bitmaps and stamped with drawImage. Drawing
 * hundreds of anti-aliased circles and rounded, lettered chips every frame costs the software
 * rasteriser far more than copying as many tiny images, and it is what keeps 500 frames in flight
 * at full frame rate. Sprites are drawn at the device pixel ratio so they stay sharp.
 */
export class SpriteCache {
  private dots = new Map<PacketKind, Sprite>();
  private stacks = new Map<number, Sprite>();
  private key = '';

  /** Forgets every sprite when the palette, scale or pixel ratio changed. */
  prepare(palette: PacketPalette, scale: number, dpr: number, font: string): void {
    const key = `${JSON.stringify(palette)}|${scale}|${dpr}|${font}`;
    if (key !== this.key || this.stacks.size > 2000) {
      this.key = key;
      this.dots.clear();
      this.stacks.clear();
    }
  }

  /** Forgets the chip stacks (their text changed: new trace, roles or language). */
  forgetStacks(): void {
    this.stacks.clear();
  }

  /** A frame's dot in its kind's colour with a light rim, centred on offset. */
  dot(kind: PacketKind, palette: PacketPalette, dpr: number): Sprite | undefined {
    let s = this.dots.get(kind);
    if (!s) {
      const r = CHIP.dot + 1;
      const made = sprite(2 * r + 2 * PAD, 2 * r + 2 * PAD, dpr, (ctx) => {
        ctx.beginPath();
        ctx.arc(r + PAD, r + PAD, CHIP.dot, 0, Math.PI * 2);
        ctx.fillStyle = palette.kind[kind];
        ctx.fill();
        ctx.lineWidth = 2;
        ctx.strokeStyle = palette.surface;
        ctx.stroke();
      });
      if (!made) return undefined;
      s = { ...made, offset: r + PAD };
      this.dots.set(kind, s);
    }
    return s;
  }

  /** A frame's chip stack at `scale`, its top-left corner at offset. */
  stack(seq: number, stack: MeasuredStack, scale: number, frameColor: string, palette: PacketPalette, dpr: number, font: string): Sprite | undefined {
    let s = this.stacks.get(seq);
    if (!s) {
      const made = sprite(stack.w * scale + 2 * PAD, stack.h * scale + 2 * PAD, dpr, (ctx) => {
        ctx.translate(PAD, PAD);
        ctx.scale(scale, scale);
        ctx.font = font;
        ctx.textBaseline = 'middle';
        ctx.textAlign = 'left';
        drawStack(ctx, stack, { x: 0, y: 0, w: stack.w, h: stack.h }, frameColor, palette, false);
      });
      if (!made) return undefined;
      s = { ...made, offset: PAD };
      this.stacks.set(seq, s);
    }
    return s;
  }
}

function sprite(w: number, h: number, dpr: number, draw: (ctx: CanvasRenderingContext2D) => void): Omit<Sprite, 'offset'> | undefined {
  const image = document.createElement('canvas');
  image.width = Math.ceil(w * dpr);
  image.height = Math.ceil(h * dpr);
  const ctx = image.getContext('2d');
  if (!ctx) return undefined;
  ctx.scale(dpr, dpr);
  draw(ctx);
  return { image, w: image.width / dpr, h: image.height / dpr };
}
