import type { StoreApi } from 'zustand/vanilla';
import { CATALOGS_ON_DEMAND, type CatalogLoader, type CatalogPart } from '../../i18n/load.ts';
import type { Language } from '../../i18n/translate.ts';
import type { AppState } from '../../store/app-store.ts';

/** The language each store is switching to while its messages load. */
const switching = new WeakMap<StoreApi<AppState>, Language>();

const other = (lang: Language): Language => (lang === 'en' ? 'zh' : 'en');

/**
 * Switches between English and Chinese. The new language's messages are loaded first (the first
 * screen's, and whatever else the current language has loaded), so no text shows untranslated: at once when they are at
 * hand (the warm-up loads them early), else when they arrive. Pressing again while they load
 * switches back. A failed load keeps the language and says so.
 */
export function switchLanguage(store: StoreApi<AppState>, catalogs: CatalogLoader = CATALOGS_ON_DEMAND): void {
  const current = store.getState().prefs.language;
  const target = other(switching.get(store) ?? current);
  const wanted = new Set<CatalogPart>(['base', ...catalogs.loadedParts(current)]);
  const missing = [...wanted].filter((part) => !catalogs.isLoaded(target, part));
  if (target === current || missing.length === 0) {
    switching.delete(store);
    store.getState().setPreferences({ language: target });
    return;
  }
  switching.set(store, target);
  Promise.all(missing.map((part) => catalogs.load(target, part))).then(() => {
    if (switching.get(store) !== target) return;
    switching.delete(store);
    store.getState().setPreferences({ language: target });
  }, (e: unknown) => {
    if (switching.get(store) !== target) return;
    switching.delete(store);
    store.getState().notify({ level: 'error', key: 'app.language.failed', details: [e instanceof Error ? e.message : String(e)] });
  });
}
