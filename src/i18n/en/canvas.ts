import type { Catalog } from '../translate.ts';

/** English messages of the canvas area. */
export const canvasEn: Catalog = {};
