import { describe, expect, it } from 'vitest';
import { MH_HASH1, mhHashKey, mhPermutate, MH_TAB_SIZE, type MhState } from './mh.ts';
import { ip, Lab, nameOf, server } from './test-harness.ts';

const FALLBACK = { shFallback: false, shPort: false, mhFallback: true, mhPort: false };
const PORT = { shFallback: false, shPort: false, mhFallback: false, mhPort: true };

/** The worked example of facts §1.11: 10.0.0.1/.2/.3:80, weight 1, added in that order. */
function example(flags = { shFallback: false, shPort: false, mhFallback: false, mhPort: false }) {
  const [s1, s2, s3] = [server('.1', '10.0.0.1'), server('.2', '10.0.0.2'), server('.3', '10.0.0.3')];
  return { s1, s2, s3, lab: new Lab('mh', flags).add(s1, s2, s3) };
}

function counts(lab: Lab) {
  const c: Record<string, number> = {};
  for (const d of (lab.state as MhState).lookup) c[nameOf(d)] = (c[nameOf(d)] ?? 0) + 1;
  return c;
}

describe('mh (ip_vs_mh.c): the worked example', () => {
  it('gives offsets/skips .3 → 1631/3453, .2 → 1231/3544, .1 → 3167/700', () => {
    const { lab } = example();
    expect(lab.order()).toBe('.3,.2,.1');
    const setup = mhPermutate(lab.state as MhState, lab).map(({ offset, skip, turns }) => [offset, skip, turns]);
    expect(setup).toEqual([[1631, 3453, 1], [1231, 3544, 1], [3167, 700, 1]]);
  });

  it('fills 1365/1364/1364 slots', () => {
    expect(counts(example().lab)).toEqual({ '.3': 1365, '.2': 1364, '.1': 1364 });
  });

  it('sends 10.0.0.2 → .3 (slot 1884), 192.168.1.10 → .1, 1.2.3.4 → .2', () => {
    const { lab } = example();
    expect(mhHashKey(ip('10.0.0.2'), 0, MH_HASH1, 0) % MH_TAB_SIZE).toBe(1884);
    expect(['10.0.0.2', '192.168.1.10', '1.2.3.4'].map((c) => nameOf(lab.pick({ saddr: ip(c) })))).toEqual(['.3', '.1', '.2']);
  });

  it('keeps each server on its preferred first slot', () => {
    const { lab, s1, s2, s3 } = example();
    const lookup = (lab.state as MhState).lookup;
    expect([lookup[1631], lookup[1231], lookup[3167]]).toEqual([s3, s2, s1]);
  });
});

describe('mh table rebuilds', () => {
  it('does not change the table when a server is quiesced (built from last_weight)', () => {
    const { lab, s3 } = example();
    const before = [...(lab.state as MhState).lookup];
    lab.setWeight(s3, 0);
    expect(s3.lastWeight).toBe(1);
    expect((lab.state as MhState).lookup).toEqual(before);
    expect(lab.pick({ saddr: ip('10.0.0.2') })).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: mh: TCP 192.168.122.188:80 - no destination available']);
    lab.setWeight(s3, 1);
    expect(nameOf(lab.pick({ saddr: ip('10.0.0.2') }))).toBe('.3');
  });

  it('moves little besides the deleted server’s slots on delete (Maglev is nearly consistent)', () => {
    const { lab, s2 } = example();
    const before = [...(lab.state as MhState).lookup];
    lab.del(s2);
    const after = (lab.state as MhState).lookup;
    const movedOthers = after.filter((d, i) => before[i] !== s2 && d !== before[i]).length;
    expect(counts(lab)).toEqual({ '.3': 2047, '.1': 2046 });
    expect(after.includes(s2)).toBe(false);
    expect(movedOthers).toBeLessThan(MH_TAB_SIZE / 100);
  });

  it('gives turns from last_weight/gcd, shifted to 6 bits', () => {
    const big = new Lab('mh').add(server('A', '10.0.0.1', 65535), server('B', '10.0.0.2', 1));
    // gcd 1, fls(65535) = 16 → rshift 10: A 65535 >> 10 = 63 turns, B 1 >> 10 = 0 → (1 != 0) = 1.
    expect((big.state as MhState).rshift).toBe(10);
    expect(mhPermutate(big.state as MhState, big).map((d) => d.turns)).toEqual([1, 63]);
    const even = new Lab('mh').add(server('A', '10.0.0.1', 4), server('B', '10.0.0.2', 2));
    expect((even.state as MhState).gcd).toBe(2);
    expect(mhPermutate(even.state as MhState, even).map((d) => d.turns)).toEqual([1, 2]);
  });

  it('leaves out a server added with weight 0 (last_weight 0, turns 0)', () => {
    const lab = new Lab('mh').add(server('A', '10.0.0.1'), server('Z', '10.0.0.9', 0));
    expect(counts(lab)).toEqual({ A: MH_TAB_SIZE });
  });

  it('empties the table when no server has a last weight', () => {
    const lab = new Lab('mh').add(server('Z', '10.0.0.9', 0));
    expect(counts(lab)).toEqual({ '-': MH_TAB_SIZE });
    expect(lab.pick()).toBeNull();
  });
});

describe('mh lookup flags', () => {
  it('mh-fallback rehashes with roffset = (offset + ihash) % 4093, not a linear probe', () => {
    const { lab, s3 } = example(FALLBACK);
    lab.setWeight(s3, 0);
    const saddr = ip('10.0.0.2');
    const lookup = (lab.state as MhState).lookup;
    const ihash = mhHashKey(saddr, 0, MH_HASH1, 0) % MH_TAB_SIZE;
    let expected = null;
    for (let offset = 0; offset < MH_TAB_SIZE && expected === null; offset++) {
      const d = lookup[mhHashKey(saddr, 0, MH_HASH1, (offset + ihash) % MH_TAB_SIZE) % MH_TAB_SIZE]!;
      if (d.weight > 0) expected = d;
    }
    expect(expected).not.toBeNull();
    expect(lab.pick({ saddr })).toBe(expected);
    expect(lab.ctx.logs).toEqual([]);
  });

  it('mh-fallback returns NULL when every server is unavailable', () => {
    const { lab, s1, s2, s3 } = example(FALLBACK);
    for (const d of [s1, s2, s3]) d.overloaded = true;
    expect(lab.pick({ saddr: ip('10.0.0.2') })).toBeNull();
  });

  it('mh-port adds the source port to the client hash', () => {
    const { lab } = example(PORT);
    const lookup = (lab.state as MhState).lookup;
    const saddr = ip('10.0.0.2');
    for (const sport of [1025, 33333, 60000]) {
      expect(lab.pick({ saddr, sport })).toBe(lookup[mhHashKey(saddr, sport, MH_HASH1, 0) % MH_TAB_SIZE]);
    }
    expect(nameOf(example().lab.pick({ saddr, sport: 33333 }))).toBe('.3');
  });
});
