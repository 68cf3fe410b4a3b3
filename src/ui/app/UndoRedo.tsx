import type { AppState } from '../../store/app-store.ts';
import { commandById } from '../commands/registry.ts';
import { formatKey } from '../commands/keys.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { useEditor, usePlayback, useSim } from './controllers.tsx';

const selectUndoLabel = (s: AppState) => s.past[s.past.length - 1]?.label;
const selectRedoLabel = (s: AppState) => s.future[0]?.label;

/** Undo and redo buttons; their titles say which edit they undo or redo. */
export function UndoRedo() {
  const t = useT();
  const store = useStoreApi();
  const editor = useEditor();
  const playback = usePlayback();
  const sim = useSim();
  const undoLabel = useAppState(selectUndoLabel);
  const redoLabel = useAppState(selectRedoLabel);
  const ctx = { store, editor, playback, sim };
  const undo = commandById('cmd.undo');
  const redo = commandById('cmd.redo');
  const keys = (id: string) => (commandById(id).keys ?? []).map(formatKey).join(', ');

  return (
    <div className="app-group">
      <button
        type="button" className="app-button app-icon-button" data-testid="undo" disabled={undoLabel === undefined} onClick={() => undo.perform(ctx)}
        title={undoLabel ? t('app.undo.what', { what: t(undoLabel), keys: keys('cmd.undo') }) : t('app.undo.nothing')}
        aria-label={t('cmd.undo')}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 7 4 12l5 5M4 12h10a6 6 0 0 1 0 12h-3" transform="translate(0 -3)" /></svg>
      </button>
      <button
        type="button" className="app-button app-icon-button" data-testid="redo" disabled={redoLabel === undefined} onClick={() => redo.perform(ctx)}
        title={redoLabel ? t('app.redo.what', { what: t(redoLabel), keys: keys('cmd.redo') }) : t('app.redo.nothing')}
        aria-label={t('cmd.redo')}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="m15 7 5 5-5 5M20 12H10a6 6 0 0 0 0 12h3" transform="translate(0 -3)" /></svg>
      </button>
    </div>
  );
}
