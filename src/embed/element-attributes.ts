// The attributes of <lvs-lab> (element.ts) and the frame address they make.

export const ATTRIBUTES = ['lab', 'seed', 'lang', 'height', 'autoplay', 'speed'] as const;

/** The frame's address (the frame page's, `page`) for the element's attributes. */
export function frameUrl(page: string, attrs: Partial<Record<(typeof ATTRIBUTES)[number], string | null>>): string {
  const params = new URLSearchParams();
  params.set('lab', attrs.lab ?? 'dr');
  if (attrs.seed) params.set('seed', attrs.seed);
  if (attrs.lang) params.set('lang', attrs.lang);
  // A boolean attribute: present (even empty) means yes.
  if (attrs.autoplay !== undefined && attrs.autoplay !== null) params.set('play', '1');
  if (attrs.speed) params.set('speed', attrs.speed);
  // URLSearchParams writes a packed lab unchanged (base64url needs no escaping), an id likewise.
  return `${page}#${params.toString()}`;
}

/** A CSS height from the attribute: a bare number is pixels. */
export function frameHeight(value: string | null): string {
  if (!value) return '560px';
  return /^\d+(\.\d+)?$/.test(value.trim()) ? `${value.trim()}px` : value;
}

