import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../store/app-store.ts';
import type * as LabTransfer from './lab-transfer.ts';
import { PAGE_LINK_CONTEXT } from './link-context.ts';

/**
 * Runs an action of lab-transfer.ts, which loads on first use with the words of its notices; if
 * it cannot load, the notice says so, and the lab stays as it is.
 */
export function transfer(store: StoreApi<AppState>, act: (m: typeof LabTransfer) => unknown): void {
  Promise.all([import('./lab-transfer.ts'), PAGE_LINK_CONTEXT.loadWords(store.getState().prefs.language).catch(() => undefined)])
    .then(([m]) => act(m), (err: unknown) => {
      store.getState().notify({ level: 'error', key: 'app.loadFailed', details: [err instanceof Error ? err.message : String(err)] });
    });
}
