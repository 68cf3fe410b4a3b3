import { useCallback, useSyncExternalStore } from 'react';
import { CATALOGS_ON_DEMAND } from '../../i18n/load.ts';
import { translate } from '../../i18n/translate.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from './store-context.tsx';

const selectLanguage = (s: AppState) => s.prefs.language;
const subscribe = (listener: () => void) => CATALOGS_ON_DEMAND.subscribe(listener);

/**
 * `t(key, params)` in the user's language; components re-render when the language changes or
 * more of its messages arrive. The page loads the first screen's messages before rendering, and
 * the panels that load later bring theirs (`../lazy/lazy-panel.tsx`).
 */
export function useT(): (key: string, params?: Readonly<Record<string, string | number>>) => string {
  const lang = useAppState(selectLanguage);
  const catalog = useSyncExternalStore(subscribe, () => CATALOGS_ON_DEMAND.catalog(lang));
  return useCallback((key, params) => translate(catalog, key, params), [catalog]);
}
