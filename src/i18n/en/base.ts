import type { Catalog } from '../translate.ts';
import { appEn } from './app.ts';
import { canvasEn } from './canvas.ts';
import { panelFramesEn } from './panel-frames.ts';

/** The English messages of the first screen (see `../load.ts`). */
export const baseEn: Catalog = { ...appEn, ...canvasEn, ...panelFramesEn };
