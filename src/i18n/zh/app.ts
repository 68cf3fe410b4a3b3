import type { Catalog } from '../translate.ts';

/** app 部分的中文消息。 */
export const appZh: Catalog = {};
