import type { Catalog } from '../translate.ts';
import { baseZh } from './base.ts';
import { detailsZh } from './details.ts';

/** 简体中文目录：各部分的全部消息。 */
export const zh: Catalog = { ...detailsZh, ...baseZh };
