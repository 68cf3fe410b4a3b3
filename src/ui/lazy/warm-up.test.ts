import { describe, expect, it } from 'vitest';
import { createCatalogLoader } from '../../i18n/load.ts';
import { onFirstIntent, warmUp, whenIdle } from './warm-up.ts';

describe('the warm-up', () => {
  it('waits for the first sign of use, once', () => {
    const target = new EventTarget();
    let warmed = 0;
    onFirstIntent(target, () => warmed++);
    target.dispatchEvent(new Event('scroll'));
    expect(warmed).toBe(0);
    target.dispatchEvent(new Event('pointermove'));
    target.dispatchEvent(new Event('keydown'));
    expect(warmed).toBe(1);
    const stop = onFirstIntent(target, () => warmed++);
    stop();
    target.dispatchEvent(new Event('pointerdown'));
    expect(warmed).toBe(1);
  });

  it('loads the panels, the rest of the language and the other language, whatever fails', async () => {
    const asked: string[] = [];
    const part = (name: string, ok = true) => () => {
      asked.push(name);
      return ok ? Promise.resolve({}) : Promise.reject(new Error(name));
    };
    const catalogs = createCatalogLoader({
      en: { base: part('en.base'), details: part('en.details') },
      zh: { base: part('zh.base', false), details: part('zh.details') },
    });
    const panel = (name: string) => ({ preload: () => Promise.resolve(asked.push(name)) });
    await warmUp('en', { panels: [panel('packet'), panel('drawer')], catalogs });
    expect(asked.sort()).toEqual(['drawer', 'en.details', 'packet', 'zh.base', 'zh.details']);
    expect(catalogs.loadedParts('zh')).toEqual(['details']);
  });

  it('waits for an idle moment', async () => {
    let ran = false;
    whenIdle(() => void (ran = true));
    expect(ran).toBe(false);
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toBe(true);
  });
});
