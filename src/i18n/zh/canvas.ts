import type { Catalog } from '../translate.ts';

/** canvas 部分的中文消息。 */
export const canvasZh: Catalog = {};
