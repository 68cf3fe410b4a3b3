import { en } from './en/index.ts';
import type { Catalog, Language } from './translate.ts';
import { zh } from './zh/index.ts';

/** The catalog of each language. */
export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, zh };
