import type { Catalog } from '../translate.ts';

/** English messages of the app area. */
export const appEn: Catalog = {};
