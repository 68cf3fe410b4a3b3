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

describe('validateLab: the filter table', () => {
  const withFilter = (filter: unknown): unknown => {
    const doc = builtinLab('dr')!;
    const nodes = doc.nodes.map((n, i) => (i === 0 ? { ...n, iptables: { ...n.iptables, filter } } : n));
    return JSON.parse(JSON.stringify({ ...doc, nodes }));
  };
  const problems = (v: ReturnType<typeof validateLab>): string[] => (v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`));

  it('accepts rules and DROP policies, and names the field of a bad one', () => {
    const rule = { protocol: 'tcp', dport: '80', target: { kind: 'REJECT', rejectWith: 'tcp-reset' } };
    expect(validateLab(withFilter({ INPUT: [rule], FORWARD: [], OUTPUT: [{ target: { kind: 'DROP' } }], policy: { FORWARD: 'DROP' } })).ok).toBe(true);
    expect(problems(validateLab(withFilter({ INPUT: [{ target: { kind: 'REJECT', rejectWith: 'tcp-reset' } }], FORWARD: [], OUTPUT: [] }))))
      .toEqual(['nodes[0].iptables.filter.INPUT[0].target.rejectWith: tcp-reset needs protocol tcp']);
    expect(problems(validateLab(withFilter({ INPUT: [{ target: { kind: 'REJECT', rejectWith: 'icmp-bogus' } }], FORWARD: [], OUTPUT: [] }))))
      .toEqual([expect.stringMatching(/^nodes\[0\]\.iptables\.filter\.INPUT\[0\]\.target\.rejectWith: /)]);
    expect(problems(validateLab(withFilter({ INPUT: [{ outInterface: 'ens33', target: { kind: 'DROP' } }], FORWARD: [], OUTPUT: [] }))))
      .toEqual(['nodes[0].iptables.filter.INPUT[0].outInterface: -o is not valid in INPUT']);
    expect(problems(validateLab(withFilter({ INPUT: [], FORWARD: [], OUTPUT: [], policy: { INPUT: 'REJECT' } }))))
      .toEqual([expect.stringMatching(/^nodes\[0\]\.iptables\.filter\.policy\.INPUT: /)]);
    expect(problems(validateLab(withFilter({ INPUT: [], FORWARD: [], OUTPUT: [], PREROUTING: [] }))))
      .toEqual([expect.stringMatching(/^nodes\[0\]\.iptables\.filter\.PREROUTING: /)]);
    expect(problems(validateLab(withFilter({ INPUT: [] }))).length).toBe(2);
  });
});
