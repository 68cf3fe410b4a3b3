import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CATALOGS_ON_DEMAND } from '../i18n/load.ts';
import type { Language } from '../i18n/translate.ts';
import { drLab } from '../lab/builtin/dr.ts';
import { createAppStore, type AppStoreInit } from '../store/app-store.ts';
import type { KeyValueStorage } from '../store/persistence.ts';
import { App } from '../ui/app/App.tsx';
import { startEarlySim } from '../ui/app/early-sim.ts';
import { PAGE_LINK_CONTEXT } from '../ui/app/link-context.ts';
import { startSimWorker } from '../worker/client.ts';
import { EmbedBar } from './EmbedBar.tsx';
import { linkedLab } from './lab-link.ts';
import { readStartOptions } from './start-options.ts';
import { openLabLink } from './open-link.ts';
import './embed.css';

/**
 * Storage that lives as long as the frame: an embedded lab never writes over the lab a reader
 * keeps in the full app (same origin, same localStorage), and never reads it either.
 */
function frameStorage(): KeyValueStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

/** The language the embedding page asks for (`lang=zh`), else the reader's browser's. */
function languageOf(fragment: string): Language {
  const asked = new URLSearchParams(fragment.replace(/^#/, '')).get('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The lab the frame's address names (DR when it names none); a bad link opens DR and says why. */
async function initialLab(fragment: string): Promise<{ init: Omit<AppStoreInit, 'prefs'>; problems?: readonly string[] }> {
  const linked = await linkedLab(fragment, PAGE_LINK_CONTEXT);
  if (linked.kind === 'lab') return { init: linked.saved };
  return { init: { doc: drLab, labId: 'dr' }, ...(linked.kind === 'invalid' ? { problems: linked.details } : {}) };
}

/** The embedded lab: the lab from the address, its first run, and the app without the editing chrome. */
async function start(root: HTMLElement): Promise<void> {
  const language = languageOf(location.hash);
  // The frame shows its words at once, the panels' included (the app's first screen loads fewer).
  const loadWords = () => Promise.all([CATALOGS_ON_DEMAND.load(language, 'base'), CATALOGS_ON_DEMAND.load(language, 'details')]);
  const words = loadWords();
  const { init, problems } = await initialLab(location.hash);
  const store = createAppStore({ ...init, prefs: { language, showSwitchHops: false }, tools: false });
  const start = readStartOptions(location.hash);
  if (problems) store.getState().notify({ level: 'error', key: 'embed.link.failed', details: problems });
  else if (start.problems.length > 0) store.getState().notify({ level: 'error', key: 'embed.option.ignored', details: start.problems });
  const early = startEarlySim(store, startSimWorker);
  // The embedding page may point the frame at another lab by changing the fragment.
  window.addEventListener('hashchange', () => void openLabLink(store, location.hash, PAGE_LINK_CONTEXT));
  await words.catch(loadWords).catch(() => undefined);
  createRoot(root).render(<StrictMode><App store={store} storage={frameStorage()} early={early} topBar={<EmbedBar start={start.options} />} /></StrictMode>);
}

const root = document.getElementById('root');
if (root) void start(root);
