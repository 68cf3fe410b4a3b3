import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { ImportExport } from './ImportExport.tsx';
import { switchLanguage } from './language-switch.ts';
import { LabPicker } from './LabPicker.tsx';
import { RunStatus } from './RunStatus.tsx';
import { SeedControl } from './SeedControl.tsx';
import { UndoRedo } from './UndoRedo.tsx';

const selectLanguage = (s: AppState) => s.prefs.language;

/** The top bar: title, lab menu with import and export, undo and redo, seed, language, help. */
export function TopBar() {
  const t = useT();
  const store = useStoreApi();
  const lang = useAppState(selectLanguage);
  return (
    <header className="app-topbar">
      <h1 className="app-title">{t('app.title')}</h1>
      <LabPicker />
      <ImportExport />
      <span className="app-separator" />
      <UndoRedo />
      <span className="app-separator" />
      <SeedControl />
      <RunStatus />
      <span className="app-spacer" />
      <button
        type="button" className="app-button" data-testid="lang-toggle" lang={lang === 'en' ? 'zh-CN' : 'en'}
        title={t('app.language.title')}
        onClick={() => switchLanguage(store)}
      >
        {lang === 'en' ? '中文' : 'English'}
      </button>
      <button
        type="button" className="app-button app-icon-button" data-testid="help" title={t('app.help.title')} aria-label={t('app.help.title')}
        onClick={() => store.getState().setOverlay('help')}
      >
        ?
      </button>
    </header>
  );
}
