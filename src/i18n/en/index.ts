import type { Catalog } from '../translate.ts';
import { baseEn } from './base.ts';
import { detailsEn } from './details.ts';

/** The English catalog: every area's messages. */
export const en: Catalog = { ...detailsEn, ...baseEn };
