import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasLabLink } from '../embed/link-check.ts';
import { CATALOGS_ON_DEMAND } from '../i18n/load.ts';
import { drLab } from '../lab/builtin/dr.ts';
import { loadBuiltinLab } from '../lab/builtin/menu.ts';
import type { StoreApi } from 'zustand/vanilla';
import { createAppStore, type AppState } from '../store/app-store.ts';
import { loadPreferences, loadSavedLab, type KeyValueStorage } from '../store/persistence.ts';
import { startSimWorker } from '../worker/client.ts';
import { App } from './app/App.tsx';
import { startEarlySim } from './app/early-sim.ts';
import { PAGE_LINK_CONTEXT } from './app/link-context.ts';
import { onFirstIntent, warmUp, whenIdle } from './lazy/warm-up.ts';

/** localStorage, or a memory stand-in where the browser refuses it (privacy modes, sandboxed frames). */
function pageStorage(): KeyValueStorage {
  try {
    localStorage.getItem('probe');
    return localStorage;
  } catch {
    const m = new Map<string, string>();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
  }
}

/** The lab a first visit opens. */
const FIRST_LAB = { id: 'dr', doc: drLab };

/**
 * Opens the lab the address's fragment names, if any; once open, the fragment is dropped, so a
 * reload restores the lab as the user left it rather than the link's lab again. A link that
 * cannot be opened stays in the address, beside the notice that says why.
 */
async function openLinkedLab(store: StoreApi<AppState>): Promise<void> {
  if (!hasLabLink(location.hash)) return;
  const { openLabLink } = await import('../embed/open-link.ts');
  if (await openLabLink(store, location.hash, PAGE_LINK_CONTEXT)) history.replaceState(history.state, '', location.pathname + location.search);
}

/** Restores the lab, starts the worker and its first run, and mounts the app once the first screen's words are in. */
async function start(root: HTMLElement): Promise<void> {
  const storage = pageStorage();
  const prefs = { language: navigator.language.toLowerCase().startsWith('zh') ? 'zh' as const : 'en' as const, showSwitchHops: false, ...loadPreferences(storage) };
  // The first screen's words load while the lab is restored and the worker starts.
  const words = CATALOGS_ON_DEMAND.load(prefs.language, 'base');
  const restored = await loadSavedLab(storage);
  // A restored seed lab's own document is loaded, so the store can tell whether the user edited it.
  if (restored.kind === 'ok' && restored.saved.labId !== null) await loadBuiltinLab(restored.saved.labId).catch(() => undefined);
  const store = createAppStore(
    restored.kind === 'ok'
      ? { doc: restored.saved.doc, labId: restored.saved.labId, prefs, seed: restored.saved.seed, timeline: restored.saved.timeline }
      : { doc: FIRST_LAB.doc, labId: FIRST_LAB.id, prefs },
  );
  if (restored.kind === 'ignored') store.getState().notify({ level: 'error', key: 'app.restore.ignored', details: restored.details });
  // A lab link opens over the restored lab (which the notice can bring back).
  await openLinkedLab(store);
  window.addEventListener('hashchange', () => void openLinkedLab(store));
  // The worker and the lab's first run start now, not after React's first render and effects.
  const early = startEarlySim(store, startSimWorker);
  // Tried twice; without its words the page still works (keys show instead).
  await words.catch(() => CATALOGS_ON_DEMAND.load(prefs.language, 'base')).catch(() => undefined);
  createRoot(root).render(<StrictMode><App store={store} storage={storage} early={early} /></StrictMode>);
  onFirstIntent(window, () => whenIdle(() => void warmUp(store.getState().prefs.language)));
}

const root = document.getElementById('root');
if (root) void start(root);
