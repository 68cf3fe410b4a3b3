import { useT } from '../hooks/use-t.ts';
import { HelpButton, LanguageButton } from './BarButtons.tsx';
import { ImportExport } from './ImportExport.tsx';
import { LabPicker } from './LabPicker.tsx';
import { RunStatus } from './RunStatus.tsx';
import { SeedControl } from './SeedControl.tsx';
import { UndoRedo } from './UndoRedo.tsx';

/** The top bar: title, lab menu with import, export and link, undo and redo, seed, language, help. */
export function TopBar() {
  const t = useT();
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
      <LanguageButton />
      <HelpButton />
    </header>
  );
}
