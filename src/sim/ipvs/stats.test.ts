import { describe, expect, it } from 'vitest';
import { Estimator, newStats } from './stats.ts';

/** ip_vs_est.c transcribed on BigInt: rate = Δ << 9 (<< 4 for bytes), avg += (s64)(rate − avg) >> 2. */
function kernelEstimator(deltas: readonly number[], shift: bigint, readShift: bigint, round: bigint): number[] {
  let avg = 0n;
  return deltas.map((d) => {
    avg += (BigInt(d) << shift) - avg >> 2n;
    return Number((avg + round) >> readShift);
  });
}

describe('the rate estimator (facts §3.4, ip_vs_est.c)', () => {
  // Seven connections, packets and bytes per tick, then silence: the falling average must round
  // toward −∞ as the kernel's arithmetic shift does, or the rate lingers one reading longer.
  const deltas = [7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

  it('decays cps, pps and bps as the kernel\'s signed shift does', () => {
    const e = new Estimator();
    const s = newStats();
    const read: { cps: number[]; inPps: number[]; outPps: number[]; inBps: number[]; outBps: number[] } = { cps: [], inPps: [], outPps: [], inBps: [], outBps: [] };
    for (const d of deltas) {
      s.conns += d;
      s.inPkts += d;
      s.outPkts += d;
      s.inBytes += d;
      s.outBytes += d;
      e.tick(s);
      const r = e.read();
      read.cps.push(r.cps);
      read.inPps.push(r.inPps);
      read.outPps.push(r.outPps);
      read.inBps.push(r.inBps);
      read.outBps.push(r.outBps);
    }
    const perSecond = kernelEstimator(deltas, 9n, 10n, 0x1ffn);
    const bytesPerSecond = kernelEstimator(deltas, 4n, 5n, 0xfn);
    expect(read).toEqual({ cps: perSecond, inPps: perSecond, outPps: perSecond, inBps: bytesPerSecond, outBps: bytesPerSecond });
    expect(perSecond.at(-1)).toBe(0);
  });
});
