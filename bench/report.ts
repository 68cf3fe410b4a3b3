import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One benchmark figure as `bench/results.json` stores it. */
export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly target: string;
  readonly better: 'higher' | 'lower';
}

/** bench/results.json: next to this file, or one level up when running from a bundle in bench/out. */
const HERE = import.meta.dirname;
const RESULTS = existsSync(join(HERE, 'report.ts')) ? join(HERE, 'results.json') : join(HERE, '..', 'results.json');

/**
 * Prints `name: value unit (target: …)` and merges the figure into bench/results.json.
 * `value` is rounded to at most 3 decimals.
 */
export function report(name: string, value: number, unit: string, target: string, better: 'higher' | 'lower'): void {
  const v = Math.round(value * 1000) / 1000;
  console.log(`${name}: ${v} ${unit} (target: ${target})`);
  let all: Record<string, Figure> = {};
  if (existsSync(RESULTS)) {
    try {
      all = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, Figure>;
    } catch {
      all = {};
    }
  }
  all[name] = { value: v, unit, target, better };
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}
