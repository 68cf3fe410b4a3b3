/**
 * Text styles of the topology and how their widths are measured. Sizes are in world units and
 * chosen so a built-in lab fitted to a 1280 × 720 screen still shows them at 13 px or more.
 */
export type TextStyle = 'name' | 'addr' | 'role' | 'iface';

export interface TextSpec {
  readonly size: number;
  readonly weight: number;
  readonly mono: boolean;
}

export const TEXT: Readonly<Record<TextStyle, TextSpec>> = {
  name: { size: 17, weight: 700, mono: false },
  addr: { size: 15, weight: 400, mono: true },
  role: { size: 15, weight: 700, mono: true },
  iface: { size: 15, weight: 600, mono: true },
};

/** Distance between the baselines of two lines of a style. */
export const lineHeight = (style: TextStyle): number => Math.round(TEXT[style].size * 1.3);

/** Width of a text in a style, in world units. */
export type MeasureText = (text: string, style: TextStyle) => number;

/**
 * A measurer for environments without fonts (tests, server): average advance widths of the
 * fonts the app uses, wide characters counted as one em.
 */
export const estimateText: MeasureText = (text, style) => {
  const spec = TEXT[style];
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) > 0x2e7f ? 1 : spec.mono ? 0.6 : spec.weight >= 600 ? 0.6 : 0.55;
  return em * spec.size;
};

/**
 * A measurer using a 2-D canvas with the fonts `fontOf(style)` returns (the computed CSS font of
 * the SVG text, so measurement and drawing agree); falls back to estimates without a canvas.
 */
export function canvasTextMeasurer(fontOf: (style: TextStyle) => string): MeasureText {
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return estimateText;
  const cache = new Map<string, number>();
  const fonts = new Map<TextStyle, string>();
  return (text, style) => {
    const key = `${style}\u0000${text}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let font = fonts.get(style);
    if (font === undefined) {
      font = fontOf(style);
      fonts.set(style, font);
    }
    ctx.font = font;
    const w = ctx.measureText(text).width || estimateText(text, style);
    cache.set(key, w);
    return w;
  };
}
