import { en } from './en/index.ts';
import type { Catalog, Language } from './translate.ts';
import { zh } from './zh/index.ts';

/** The whole catalog of each language, for tests and tools (the page loads its parts on demand: `./load.ts`). */
export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, zh };
