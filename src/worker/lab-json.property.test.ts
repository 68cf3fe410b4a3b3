import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { parseLabJson } from '../lab/validate.ts';
import { SimSession } from './session.ts';

/**
 * Lab files edited by hand, badly: any value of a built-in lab replaced by a value of another
 * type or an out-of-range one, keys dropped, array items duplicated. Loading never throws: it
 * either names where and why the file is wrong, or gives a lab the simulation builds and runs.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in `v`. */
function pathsOf(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

type Edit = { readonly kind: 'set'; readonly value: Json } | { readonly kind: 'drop' } | { readonly kind: 'duplicate' };

/** `v` with the value at `path` edited (the root itself is only replaced). */
function edited(v: Json, path: readonly (string | number)[], edit: Edit): Json {
  if (path.length === 0) return edit.kind === 'set' ? edit.value : v;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const i = head as number;
    if (rest.length > 0) return v.map((x, j) => (j === i ? edited(x, rest, edit) : x));
    if (edit.kind === 'drop') return v.filter((_x, j) => j !== i);
    if (edit.kind === 'duplicate') return [...v.slice(0, i + 1), v[i]!, ...v.slice(i + 1)];
    return v.map((x, j) => (j === i ? edit.value : x));
  }
  const o = v as { [k: string]: Json };
  const k = head as string;
  if (rest.length > 0) return { ...o, [k]: edited(o[k]!, rest, edit) };
  if (edit.kind === 'drop') return Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
  if (edit.kind === 'duplicate') return o;
  return { ...o, [k]: edit.value };
}

const arbValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 65536, 4294967296, 1e308, '', 'eth0', 'lo', '0.0.0.0', '255.255.255.255', '192.168.122.188', '10.0.0.1/33', 'rr', 'droute', [], {}),
  fc.integer({ min: -5, max: 70000 }),
  fc.string({ maxLength: 12 }),
);

const arbEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: arbValue }),
  fc.constant({ kind: 'drop' as const }),
  fc.constant({ kind: 'duplicate' as const }),
);

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

describe('lab files edited by hand', () => {
  it('load with located errors or run, and never throw', () => {
    fc.assert(
      fc.property(fc.nat(BUILTIN_LABS.length - 1), fc.array(fc.tuple(fc.nat(100_000), arbEdit), { minLength: 1, maxLength: 3 }), (labIndex, edits) => {
        let doc = JSON.parse(JSON.stringify(BUILTIN_LABS[labIndex]!.doc)) as Json;
        for (const [at, edit] of edits) {
          const paths = pathsOf(doc);
          doc = edited(doc, paths[at % paths.length]!, edit);
        }
        const loaded = parseLabJson(JSON.stringify(doc));
        if (!loaded.ok) {
          expect(loaded.errors.length).toBeGreaterThan(0);
          for (const e of loaded.errors) expect(e.message).not.toBe('');
          return;
        }
        const s = new SimSession(loaded.doc);
        for (const running of s.runScenario()) expect(running.result).toBeDefined();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 20_000 + RUNS * 100);
});
