import { useRef } from 'react';
import { labToLink } from '../../store/app-store.ts';
import { useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { transfer } from './transfer.ts';

/**
 * Import a lab from a JSON file, export the current lab as JSON, and copy a link that opens it.
 * The work loads with the first click (`lab-transfer.ts`), with the words of its notices.
 */
export function ImportExport() {
  const t = useT();
  const store = useStoreApi();
  const fileRef = useRef<HTMLInputElement>(null);

  return (
    <div className="app-group">
      <button type="button" className="app-button" data-testid="import-json" onClick={() => fileRef.current?.click()} title={t('app.import.title')}>
        {t('app.import.label')}
      </button>
      <input
        ref={fileRef} type="file" accept=".json,application/json" data-testid="import-file" className="app-visually-hidden" tabIndex={-1} aria-hidden="true"
        onChange={(e) => {
          const input = e.target;
          const file = input.files?.[0];
          input.value = '';
          if (file) transfer(store, (m) => m.importLabFile(store, file));
        }}
      />
      <button type="button" className="app-button" data-testid="export-json" onClick={() => transfer(store, (m) => m.exportLabFile(store))} title={t('app.export.title')}>
        {t('app.export.label')}
      </button>
      <button
        type="button" className="app-button" data-testid="copy-link" title={t('app.link.title')}
        onClick={() => transfer(store, (m) => m.copyLabLink(store, ...labToLink(store.getState())))}
      >
        {t('app.link.label')}
      </button>
    </div>
  );
}
