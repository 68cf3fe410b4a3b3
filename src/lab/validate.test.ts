import { describe, expect, it } from 'vitest';
import { builtinLab } from './builtin/index.ts';
import { validateLab } from './validate.ts';

describe('validateLab: scenario traffic', () => {
  const withCurl = (action: Record<string, unknown>): unknown => {
    const doc = builtinLab('dr')!;
    return JSON.parse(JSON.stringify({ ...doc, scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: 'http://192.168.122.188/', ...action } }] }));
  };
  const problems = (v: ReturnType<typeof validateLab>): string[] => (v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`));

  it('accepts curl\'s time limits and -I, and names the field of a bad one', () => {
    expect(validateLab(withCurl({ maxTimeSec: 2, connectTimeoutSec: 1, head: true })).ok).toBe(true);
    expect(problems(validateLab(withCurl({ maxTimeSec: '2' })))).toEqual([expect.stringMatching(/^scenario\[0\]\.action\.maxTimeSec: /)]);
    expect(problems(validateLab(withCurl({ connectTimeoutSec: 1.5 })))).toEqual([expect.stringMatching(/^scenario\[0\]\.action\.connectTimeoutSec: /)]);
    expect(problems(validateLab(withCurl({ connectTimeoutSec: -1 })))).toEqual([expect.stringMatching(/^scenario\[0\]\.action\.connectTimeoutSec: /)]);
    expect(problems(validateLab(withCurl({ head: 'yes' })))).toEqual([expect.stringMatching(/^scenario\[0\]\.action\.head: /)]);
  });
});
