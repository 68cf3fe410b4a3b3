import type { Catalog } from '../translate.ts';
import { appZh } from './app.ts';
import { canvasZh } from './canvas.ts';
import { explainZh } from './explain.ts';
import { panelsZh } from './panels.ts';

/** 简体中文目录：各部分的全部消息。 */
export const zh: Catalog = { ...explainZh, ...appZh, ...canvasZh, ...panelsZh };
