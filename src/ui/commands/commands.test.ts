import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../i18n/catalogs.ts';
import { formatKey, matchesKey } from './keys.ts';
import { COMMANDS } from './registry.ts';

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  if (statSync(p).isDirectory()) return files(p);
  return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
});

const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('the command registry', () => {
  it('names every command in both languages', () => {
    for (const lang of ['en', 'zh'] as const) expect([lang, COMMANDS.filter((c) => CATALOGS[lang][c.label] === undefined).map((c) => c.id)]).toEqual([lang, []]);
  });

  it('gives each key one command at a time', () => {
    const seen = new Map<string, string[]>();
    for (const c of COMMANDS) for (const k of c.keys ?? []) seen.set(formatKey(k), [...(seen.get(formatKey(k)) ?? []), c.id]);
    // Enter places a node with an add tool and opens the selected node otherwise: never both.
    expect([...seen].filter(([, ids]) => ids.length > 1)).toEqual([['Enter', ['cmd.placeNode', 'cmd.openProperties']]]);
  });

  it('matches keys as typed', () => {
    expect(matchesKey(key('z', { ctrlKey: true }), { key: 'z', mod: true })).toBe(true);
    expect(matchesKey(key('Z', { ctrlKey: true, shiftKey: true }), { key: 'z', mod: true })).toBe(false);
    expect(matchesKey(key('Z', { ctrlKey: true, shiftKey: true }), { key: 'z', mod: true, shift: true })).toBe(true);
    expect(matchesKey(key('R', { shiftKey: true }), { key: 'r' })).toBe(false);
    expect(matchesKey(key('?', { shiftKey: true }), { key: '?' })).toBe(true);
    expect(matchesKey(key('+', { shiftKey: true }), { key: '+' })).toBe(true);
    expect(matchesKey(key('v', { altKey: true }), { key: 'v' })).toBe(false);
    expect(formatKey({ key: 'z', mod: true, shift: true })).toBe('Ctrl+Shift+Z');
    expect(formatKey({ key: ' ' })).toBe('Space');
  });

  it('has a message for every edit label, refusal and notice the app area uses', () => {
    const dirs = ['src/editor', 'src/store', 'src/ui/app', 'src/ui/commands', 'src/ui/toolbar', 'src/ui/playback', 'src/ui/help'];
    const used = new Set<string>();
    for (const f of dirs.flatMap((d) => files(join(process.cwd(), d)))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/(?<!(?:type: |=== |!== ))'((?:app|cmd|tool|edit|playback|help)\.[A-Za-z.]+)'(?!:)/g)) used.add(m[1]!);
    }
    for (const lang of ['en', 'zh'] as const) expect([lang, [...used].filter((k) => CATALOGS[lang][k] === undefined)]).toEqual([lang, []]);
  });
});
