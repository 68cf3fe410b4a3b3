import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { createAppStore } from '../../store/app-store.ts';
import { LAB_KEY, loadPreferences, loadSavedLab, PREFS_KEY, type KeyValueStorage } from '../../store/persistence.ts';
import { AUTOSAVE_DEBOUNCE_MS, startAutosave } from './autosave.ts';

class MapStorage implements KeyValueStorage {
  readonly m = new Map<string, string>();
  writes = 0;
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => {
    this.writes++;
    this.m.set(k, v);
  };
}

describe('autosave', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('writes the lab once edits settle, the preferences at once, and flushes on stop', async () => {
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    const storage = new MapStorage();
    const stop = startAutosave(store, storage, undefined);
    store.getState().setPreferences({ language: 'zh' });
    expect(loadPreferences(storage)).toEqual({ language: 'zh', showSwitchHops: false });
    store.getState().edit('edit.moveNode', (d) => ({ ...d, seed: 5 }));
    store.getState().setSeed(9);
    expect(storage.getItem(LAB_KEY)).toBeNull();
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    expect(await loadSavedLab(storage)).toMatchObject({ kind: 'ok', saved: { labId: 'dr', seed: 9, doc: { seed: 5 } } });
    const writes = storage.writes;
    store.getState().setTimeline([{ kind: 'shell', node: 'client', line: 'ip addr' }]);
    stop();
    expect(storage.writes).toBe(writes + 1);
    expect(await loadSavedLab(storage)).toMatchObject({ kind: 'ok', saved: { timeline: [{ kind: 'shell', node: 'client', line: 'ip addr' }] } });
    expect(storage.getItem(PREFS_KEY)).not.toBeNull();
  });

  it('says once when the browser refuses to save', () => {
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    const full: KeyValueStorage = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    const stop = startAutosave(store, full, undefined);
    store.getState().setSeed(2);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    expect(store.getState().notice).toMatchObject({ level: 'error', key: 'app.autosave.failed' });
    store.getState().dismissNotice();
    store.getState().setSeed(3);
    vi.advanceTimersByTime(AUTOSAVE_DEBOUNCE_MS);
    expect(store.getState().notice).toBeUndefined();
    stop();
  });
});
