import type { Catalog, Language } from './translate.ts';

/**
 * A language's messages come in two parts, so the page loads only what it shows: `base`, the
 * first screen (top bar, tools, canvas, playback bar, the panels' titles and empty states), loaded
 * before the app first renders; and `details` (inspector panes, event list, node panels, forms,
 * the trace's explanations), loaded with the first panel that shows them.
 */
export type CatalogPart = 'base' | 'details';

export const CATALOG_PARTS: readonly CatalogPart[] = ['base', 'details'];

/** How to fetch each part of each language. */
export type CatalogImports = Readonly<Record<Language, Readonly<Record<CatalogPart, () => Promise<Catalog>>>>>;

/** The parts of each language loaded so far, merged, and loads on demand. */
export interface CatalogLoader {
  /** Loads a part (once; a failed load is tried again by the next call). */
  load(lang: Language, part: CatalogPart): Promise<void>;
  isLoaded(lang: Language, part: CatalogPart): boolean;
  /** The parts of a language loaded so far. */
  loadedParts(lang: Language): CatalogPart[];
  /** A language's messages loaded so far, merged (a new object after each load, the same one otherwise). */
  catalog(lang: Language): Catalog;
  /** Calls `listener` after each part loads; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

const EMPTY: Catalog = {};

/** A loader over `imports`. */
export function createCatalogLoader(imports: CatalogImports): CatalogLoader {
  const parts = new Map<string, Catalog>();
  const pending = new Map<string, Promise<void>>();
  const merged = new Map<Language, Catalog>();
  const listeners = new Set<() => void>();
  const id = (lang: Language, part: CatalogPart) => `${lang}.${part}`;
  const loader: CatalogLoader = {
    load(lang, part) {
      const key = id(lang, part);
      if (parts.has(key)) return Promise.resolve();
      let p = pending.get(key);
      if (!p) {
        p = imports[lang][part]().then((c) => {
          parts.set(key, c);
          merged.set(lang, Object.assign({}, ...CATALOG_PARTS.map((q) => parts.get(id(lang, q)) ?? EMPTY)) as Catalog);
          pending.delete(key);
          for (const l of [...listeners]) l();
        }, (e: unknown) => {
          pending.delete(key);
          throw e;
        });
        pending.set(key, p);
      }
      return p;
    },
    isLoaded: (lang, part) => parts.has(id(lang, part)),
    loadedParts: (lang) => CATALOG_PARTS.filter((part) => parts.has(id(lang, part))),
    catalog: (lang) => merged.get(lang) ?? EMPTY,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return loader;
}

/** The app's catalogs, each part its own chunk of the build. */
export const CATALOGS_ON_DEMAND: CatalogLoader = createCatalogLoader({
  en: {
    base: () => import('./en/base.ts').then((m) => m.baseEn),
    details: () => import('./en/details.ts').then((m) => m.detailsEn),
  },
  zh: {
    base: () => import('./zh/base.ts').then((m) => m.baseZh),
    details: () => import('./zh/details.ts').then((m) => m.detailsZh),
  },
});
