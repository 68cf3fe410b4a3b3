import type { Catalog } from '../translate.ts';
import { explainZh } from './explain.ts';
import { panelsZh } from './panels.ts';

/** 按需加载的面板和轨迹说明的中文消息（见 `../load.ts`）。 */
export const detailsZh: Catalog = { ...explainZh, ...panelsZh };
