import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { switchLanguage } from './language-switch.ts';

const selectLanguage = (s: AppState) => s.prefs.language;

/** The language switch of a top bar: names the other language, in that language. */
export function LanguageButton() {
  const t = useT();
  const store = useStoreApi();
  const lang = useAppState(selectLanguage);
  return (
    <button
      type="button" className="app-button" data-testid="lang-toggle" lang={lang === 'en' ? 'zh-CN' : 'en'}
      title={t('app.language.title')}
      onClick={() => switchLanguage(store)}
    >
      {lang === 'en' ? '中文' : 'English'}
    </button>
  );
}

/** The `?` button of a top bar: the keyboard shortcuts. */
export function HelpButton() {
  const t = useT();
  const store = useStoreApi();
  return (
    <button
      type="button" className="app-button app-icon-button" data-testid="help" title={t('app.help.title')} aria-label={t('app.help.title')}
      onClick={() => store.getState().setOverlay('help')}
    >
      ?
    </button>
  );
}
