import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../i18n/catalogs.ts';
import { DROP_REASONS } from '../sim/model/drop-reasons.ts';
import { EXPLANATION_KEYS } from '../sim/model/explanations.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.test.tsx') ? [p] : [];
  });
}

describe('every message the app can show is translated', () => {
  it('has a sentence for every trace explanation key, drop reason and neighbour change', () => {
    for (const lang of ['en', 'zh'] as const) {
      const c = CATALOGS[lang];
      expect(EXPLANATION_KEYS.filter((k) => c[`explain.${k}`] === undefined)).toEqual([]);
      expect(DROP_REASONS.filter((k) => c[`dropReason.${k}`] === undefined)).toEqual([]);
    }
  });

  it('has every key the UI code asks for with a literal t("…")', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*['"]([a-zA-Z0-9_.-]+)['"]/g)) used.add(m[1]!);
    }
    for (const lang of ['en', 'zh'] as const) expect([lang, [...used].filter((k) => CATALOGS[lang][k] === undefined)]).toEqual([lang, []]);
  });
});
