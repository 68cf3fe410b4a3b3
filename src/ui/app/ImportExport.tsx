import { useRef, type ChangeEvent } from 'react';
import type * as LabValidation from '../../lab/validate.ts';
import { useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { downloadText, labFileName, labJson } from './lab-file.ts';

/** Larger files are refused before reading: no lab comes near this. */
const MAX_IMPORT_BYTES = 5_000_000;

/**
 * Import a lab from a JSON file (validated; errors with their location go to the notice panel
 * and the current lab stays) and export the current lab as JSON.
 */
export function ImportExport() {
  const t = useT();
  const store = useStoreApi();
  const fileRef = useRef<HTMLInputElement>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const s = store.getState();
    if (file.size > MAX_IMPORT_BYTES) {
      s.notify({ level: 'error', key: 'app.import.tooLarge', params: { file: file.name } });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      s.notify({ level: 'error', key: 'app.import.unreadable', params: { file: file.name }, details: [err instanceof Error ? err.message : String(err)] });
      return;
    }
    // The lab checker loads with the first import: the page does not need it to start.
    let checker: typeof LabValidation;
    try {
      checker = await import('../../lab/validate.ts');
    } catch (err) {
      s.notify({ level: 'error', key: 'app.import.unreadable', params: { file: file.name }, details: [err instanceof Error ? err.message : String(err)] });
      return;
    }
    const { formatLabError, parseLabJson } = checker;
    const parsed = parseLabJson(text);
    if (!parsed.ok) {
      store.getState().notify({ level: 'error', key: 'app.import.failed', params: { file: file.name, count: parsed.errors.length }, details: parsed.errors.map(formatLabError) });
      return;
    }
    store.getState().openLab(parsed.doc, null);
    if (!store.getState().notice) store.getState().notify({ level: 'info', key: 'app.import.done', params: { file: file.name } });
  };

  const onExport = () => {
    const doc = store.getState().doc;
    downloadText(labFileName(doc), labJson(doc));
  };

  return (
    <div className="app-group">
      <button type="button" className="app-button" data-testid="import-json" onClick={() => fileRef.current?.click()} title={t('app.import.title')}>
        {t('app.import.label')}
      </button>
      <input ref={fileRef} type="file" accept=".json,application/json" data-testid="import-file" className="app-visually-hidden" tabIndex={-1} aria-hidden="true" onChange={(e) => void onFile(e)} />
      <button type="button" className="app-button" data-testid="export-json" onClick={onExport} title={t('app.export.title')}>
        {t('app.export.label')}
      </button>
    </div>
  );
}
