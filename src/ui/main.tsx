import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { createAppStore } from '../store/app-store.ts';
import { loadPreferences, loadSavedLab, type KeyValueStorage } from '../store/persistence.ts';
import { App } from './app/App.tsx';

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
const FIRST_LAB = BUILTIN_LABS.find((l) => l.id === 'dr') ?? BUILTIN_LABS[0]!;

const storage = pageStorage();
const restored = loadSavedLab(storage);
const prefs = { language: navigator.language.toLowerCase().startsWith('zh') ? 'zh' as const : 'en' as const, showSwitchHops: false, ...loadPreferences(storage) };
const store = createAppStore(
  restored.kind === 'ok'
    ? { doc: restored.saved.doc, labId: restored.saved.labId, prefs, seed: restored.saved.seed, timeline: restored.saved.timeline }
    : { doc: FIRST_LAB.doc, labId: FIRST_LAB.id, prefs },
);
if (restored.kind === 'ignored') store.getState().notify({ level: 'error', key: 'app.restore.ignored', details: restored.details });

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App store={store} storage={storage} /></StrictMode>);
