import type { Catalog } from '../translate.ts';

/** panels 部分的中文消息。 */
export const panelsZh: Catalog = {};
