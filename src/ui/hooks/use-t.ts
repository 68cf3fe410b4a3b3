import { useCallback } from 'react';
import { CATALOGS } from '../../i18n/catalogs.ts';
import { translate } from '../../i18n/translate.ts';
import type { AppState } from '../../store/app-store.ts';
import { useAppState } from './store-context.tsx';

const selectLanguage = (s: AppState) => s.prefs.language;

/** `t(key, params)` in the user's language; components re-render when the language changes. */
export function useT(): (key: string, params?: Readonly<Record<string, string | number>>) => string {
  const lang = useAppState(selectLanguage);
  return useCallback((key, params) => translate(CATALOGS[lang], key, params), [lang]);
}
