import type { Catalog } from '../translate.ts';
import { appZh } from './app.ts';
import { canvasZh } from './canvas.ts';
import { panelFramesZh } from './panel-frames.ts';

/** 首屏的中文消息（见 `../load.ts`）。 */
export const baseZh: Catalog = { ...appZh, ...canvasZh, ...panelFramesZh };
