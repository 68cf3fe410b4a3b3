import type { StoreApi } from 'zustand/vanilla';
import { savedLabOf, type AppState } from '../../store/app-store.ts';
import { saveLab, savePreferences, type KeyValueStorage } from '../../store/persistence.ts';

/** How long edits must settle before the lab is written to storage. */
export const AUTOSAVE_DEBOUNCE_MS = 300;

/**
 * Saves the document, lab id, seed and timeline (debounced, and at once when the page is hidden)
 * and the preferences on every change. Returns a function that flushes and stops.
 */
export function startAutosave(store: StoreApi<AppState>, storage: KeyValueStorage, target: Window | undefined = typeof window !== 'undefined' ? window : undefined): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let failedOnce = false;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const s = store.getState();
    const ok = saveLab(storage, savedLabOf(s));
    if (!ok && !failedOnce) {
      failedOnce = true;
      s.notify({ level: 'error', key: 'app.autosave.failed' });
    }
  };
  const unsub = store.subscribe((s, prev) => {
    if (s.prefs !== prev.prefs) savePreferences(storage, s.prefs);
    if (s.doc === prev.doc && s.labId === prev.labId && s.run.seed === prev.run.seed && s.run.timeline === prev.run.timeline) return;
    dirty = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, AUTOSAVE_DEBOUNCE_MS);
  });
  const onHide = (): void => flush();
  target?.addEventListener('pagehide', onHide);
  return () => {
    flush();
    unsub();
    target?.removeEventListener('pagehide', onHide);
  };
}
