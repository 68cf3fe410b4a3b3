import type { Catalog } from '../translate.ts';

/** English messages of the panels area. */
export const panelsEn: Catalog = {};
