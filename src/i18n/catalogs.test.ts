import { describe, expect, it } from 'vitest';
import { CATALOGS } from './catalogs.ts';
import { translate } from './translate.ts';

describe('the message catalogs', () => {
  it('have the same keys in English and Chinese', () => {
    const en = Object.keys(CATALOGS.en).sort();
    const zh = Object.keys(CATALOGS.zh).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of Object.entries(CATALOGS.en)) expect([k, names(CATALOGS.zh[k] ?? '')]).toEqual([k, names(v)]);
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(translate({ a: '{x} is at {y}' }, 'a', { x: '10.0.0.1' })).toBe('10.0.0.1 is at {y}');
    expect(translate({}, 'missing.key')).toBe('missing.key');
  });
});
