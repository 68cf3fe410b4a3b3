// Vitest setup (vite.config.ts `test.setupFiles`): component tests render synchronously, so every
// part of both languages is loaded before any test runs. The app loads them on demand.
import { CATALOG_PARTS, CATALOGS_ON_DEMAND } from '../load.ts';
import { LANGUAGES } from '../translate.ts';

await Promise.all(LANGUAGES.flatMap((lang) => CATALOG_PARTS.map((part) => CATALOGS_ON_DEMAND.load(lang, part))));
