import { describe, expect, it } from 'vitest';
import { createCatalogLoader, type CatalogImports } from '../../i18n/load.ts';
import type { Catalog } from '../../i18n/translate.ts';
import { drLab } from '../../lab/builtin/dr.ts';
import { createAppStore } from '../../store/app-store.ts';
import { switchLanguage } from './language-switch.ts';

/** Imports resolved by hand: `release(name)` lets one finish, `fail(name)` makes it fail. */
function manualImports() {
  const waiting = new Map<string, { resolve: (c: Catalog) => void; reject: (e: Error) => void }>();
  const part = (name: string) => () => new Promise<Catalog>((resolve, reject) => void waiting.set(name, { resolve, reject }));
  const imports: CatalogImports = {
    en: { base: part('en.base'), details: part('en.details') },
    zh: { base: part('zh.base'), details: part('zh.details') },
  };
  const settle = async (name: string, ok: boolean) => {
    const w = waiting.get(name);
    if (!w) throw new Error(`${name} was not asked for`);
    if (ok) w.resolve({ [name]: name });
    else w.reject(new Error(`no ${name}`));
    await new Promise((r) => setTimeout(r, 0));
  };
  return { imports, waiting, release: (n: string) => settle(n, true), fail: (n: string) => settle(n, false) };
}

const newStore = () => createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });

describe('switching the language', () => {
  it('waits for the words the current language has, then switches; at once when they are loaded', async () => {
    const { imports, waiting, release } = manualImports();
    const catalogs = createCatalogLoader(imports);
    const loadedEn = Promise.all([catalogs.load('en', 'base'), catalogs.load('en', 'details')]);
    await release('en.base');
    await release('en.details');
    await loadedEn;
    const store = newStore();
    switchLanguage(store, catalogs);
    expect([...waiting.keys()].filter((k) => k.startsWith('zh'))).toEqual(['zh.base', 'zh.details']);
    await release('zh.base');
    expect(store.getState().prefs.language).toBe('en');
    await release('zh.details');
    expect(store.getState().prefs.language).toBe('zh');
    switchLanguage(store, catalogs);
    expect(store.getState().prefs.language).toBe('en');
    switchLanguage(store, catalogs);
    expect(store.getState().prefs.language).toBe('zh');
  });

  it('switches back when pressed again while loading, and says so when loading fails', async () => {
    const { imports, release } = manualImports();
    const catalogs = createCatalogLoader(imports);
    const base = catalogs.load('en', 'base');
    await release('en.base');
    await base;
    const store = newStore();
    switchLanguage(store, catalogs);
    switchLanguage(store, catalogs);
    await release('zh.base');
    expect(store.getState().prefs.language).toBe('en');
    switchLanguage(store, catalogs);
    expect(store.getState().prefs.language).toBe('zh');
    const failing = manualImports();
    const failingCatalogs = createCatalogLoader(failing.imports);
    const s2 = newStore();
    const b2 = failingCatalogs.load('en', 'base');
    await failing.release('en.base');
    await b2;
    switchLanguage(s2, failingCatalogs);
    await failing.fail('zh.base');
    expect(s2.getState().prefs.language).toBe('en');
    expect(s2.getState().notice).toMatchObject({ level: 'error', key: 'app.language.failed', details: ['no zh.base'] });
  });
});
