import { describe, expect, it } from 'vitest';
import { createCatalogLoader, type CatalogImports } from './load.ts';
import type { Catalog } from './translate.ts';

/** Imports that count their calls; `fail` makes the next call of that part reject. */
function fakeImports() {
  const calls: string[] = [];
  const fail = new Set<string>();
  const part = (name: string, c: Catalog) => () => {
    calls.push(name);
    if (fail.delete(name)) return Promise.reject(new Error(`no ${name}`));
    return Promise.resolve(c);
  };
  const imports: CatalogImports = {
    en: { base: part('en.base', { 'a.title': 'Title' }), details: part('en.details', { 'b.field': 'Field' }) },
    zh: { base: part('zh.base', { 'a.title': '标题' }), details: part('zh.details', { 'b.field': '字段' }) },
  };
  return { imports, calls, fail };
}

describe('the catalogs loaded on demand', () => {
  it('load each part once and merge the parts of a language', async () => {
    const { imports, calls } = fakeImports();
    const loader = createCatalogLoader(imports);
    let notified = 0;
    loader.subscribe(() => notified++);
    expect(loader.catalog('en')).toEqual({});
    await Promise.all([loader.load('en', 'base'), loader.load('en', 'base')]);
    const base = loader.catalog('en');
    expect(base).toEqual({ 'a.title': 'Title' });
    expect(loader.catalog('en')).toBe(base);
    expect([loader.isLoaded('en', 'base'), loader.isLoaded('en', 'details'), loader.isLoaded('zh', 'base')]).toEqual([true, false, false]);
    await loader.load('en', 'details');
    await loader.load('en', 'base');
    expect(loader.catalog('en')).toEqual({ 'a.title': 'Title', 'b.field': 'Field' });
    expect(loader.loadedParts('en')).toEqual(['base', 'details']);
    expect(loader.loadedParts('zh')).toEqual([]);
    expect(calls).toEqual(['en.base', 'en.details']);
    expect(notified).toBe(2);
  });

  it('report a failed load and try again on the next call', async () => {
    const { imports, calls, fail } = fakeImports();
    const loader = createCatalogLoader(imports);
    fail.add('zh.base');
    await expect(loader.load('zh', 'base')).rejects.toThrow('no zh.base');
    expect(loader.isLoaded('zh', 'base')).toBe(false);
    await loader.load('zh', 'base');
    expect(loader.catalog('zh')).toEqual({ 'a.title': '标题' });
    expect(calls).toEqual(['zh.base', 'zh.base']);
  });
});
