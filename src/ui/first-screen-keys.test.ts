import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEn } from '../i18n/en/base.ts';
import { baseZh } from '../i18n/zh/base.ts';

/** The modules the page loads to start: main.tsx and what it imports statically (not `import type`, not `import()`). */
function firstScreenModules(): string[] {
  const seen = new Set<string>();
  const stack = [join(__dirname, 'main.tsx')];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?'(\.[^']+\.tsx?)'/gm)) {
      const target = resolve(dirname(file), m[1]!);
      if (existsSync(target)) stack.push(target);
    }
  }
  return [...seen];
}

describe('the first screen', () => {
  it('asks only for words of the part loaded before the page renders (the rest load with the panels)', () => {
    const modules = firstScreenModules();
    expect(modules.map((f) => relative(__dirname, f))).toContain('app/Layout.tsx');
    const missing: string[] = [];
    for (const file of modules) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*['"]([a-zA-Z0-9_.-]+)['"]/g)) {
        if (baseEn[m[1]!] === undefined || baseZh[m[1]!] === undefined) missing.push(`${relative(__dirname, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
