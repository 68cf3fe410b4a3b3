import { describe, expect, it } from 'vitest';
import { Lab, nameOf, server, testContext } from './test-harness.ts';

const NO_FLAGS = { shFallback: false, shPort: false, mhFallback: false, mhPort: false };

/** A twos lab over [C w3, B w2, A w1] whose rng replays `draws`. */
function twos(draws: number[]) {
  const lab = new Lab('twos', NO_FLAGS, testContext(draws));
  const [a, b, c] = [server('A', '10.0.0.1', 1), server('B', '10.0.0.2', 2), server('C', '10.0.0.3', 3)];
  lab.add(a, b, c);
  return { lab, a, b, c };
}

describe('twos (ip_vs_twos.c)', () => {
  it('draws r1 then r2 from [0, total] (get_random_u32_below(total + 1))', () => {
    const { lab } = twos([0, 6]);
    expect(lab.picks(1)).toBe('C');
    expect(lab.ctx.bounds).toEqual([7, 7]);
  });

  it('maps r to the first server where r − running weight sum ≤ 0 (both ends included)', () => {
    // r = 0..3 → C (first server gets one extra value), 4..5 → B, 6 → A.
    const choose = (r: number) => {
      const { lab } = twos([r, r]);
      return nameOf(lab.pick());
    };
    expect([0, 1, 2, 3, 4, 5, 6].map(choose).join('')).toBe('CCCCBBA');
  });

  it('returns choice2 only if it is strictly less loaded per weight', () => {
    const { lab, a, c } = twos([0, 6, 0, 6, 6, 0]); // choices (C, A) twice, then (A, C)
    expect(lab.picks(1)).toBe('C'); // equal overheads: choice1
    c.activeConns = 1;
    c.totalConns = 1; // C: 257·1 per weight 3 vs A: 0 per weight 1
    expect(lab.picks(1)).toBe('A');
    a.totalConns = 200; // A: 200/1 vs C: 257/3 → C
    expect(lab.picks(1)).toBe('C');
  });

  it('leaves out overloaded and quiesced servers from the draw', () => {
    const { lab, b, c } = twos([1, 0]);
    c.overloaded = true;
    lab.setWeight(b, 0);
    expect(lab.picks(1)).toBe('A');
    expect(lab.ctx.bounds).toEqual([2, 2]);
  });

  it('returns null without drawing when nothing is available', () => {
    const { lab, a, b, c } = twos([]);
    for (const d of [a, b, c]) d.overloaded = true;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.bounds).toEqual([]);
    expect(lab.ctx.logs).toEqual(['IPVS: twos: TCP 192.168.122.188:80 - no destination available']);
  });

  it('compares in int arithmetic like the kernel, so huge products wrap', () => {
    const a = server('A', '10.0.0.1', 65535, { totalConns: 32769 });
    const b = server('B', '10.0.0.2', 65535, { totalConns: 32768 });
    // List B, A; total 131070. r1 = 0 → B (choice1), r2 = 65536 → A (choice2).
    const lab = new Lab('twos', NO_FLAGS, testContext([0, 65536])).add(a, b);
    // Exactly, 65535·32768 < 65535·32769 and B would stay; in the kernel's wrapping int the
    // right-hand product is negative, so the more loaded A is returned.
    expect(Math.imul(65535, 32768) > Math.imul(65535, 32769)).toBe(true);
    expect(lab.picks(1)).toBe('A');
  });
});
