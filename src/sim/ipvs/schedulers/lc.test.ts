import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';
import type { SchedDest } from './types.ts';

/** The pre-6.12.104 formula, for showing where the current one decides differently. */
const oldOverhead = (d: SchedDest) => d.activeConns * 256 + (d.totalConns - d.activeConns);

describe('lc (ip_vs_lc.c)', () => {
  it('picks the fewest 257·active + inactive, ignoring weights', () => {
    const a = server('A', '10.0.0.1', 1, { activeConns: 1, totalConns: 1 }); // 257
    const b = server('B', '10.0.0.2', 100, { activeConns: 1, totalConns: 5 }); // 261
    const c = server('C', '10.0.0.3', 1, { activeConns: 0, totalConns: 300 }); // 300
    expect(new Lab('lc').add(a, b, c).picks(1)).toBe('A');
  });

  it('gives ties to the newest server (first in list order)', () => {
    const lab = new Lab('lc').add(server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3'));
    expect(lab.picks(3)).toBe('C C C');
  });

  it('counts active connections 257 times (the old 256·active + inactive would pick A)', () => {
    const a = server('A', '10.0.0.1', 1, { activeConns: 2, totalConns: 2 }); // new 514, old 512
    const b = server('B', '10.0.0.2', 1, { activeConns: 0, totalConns: 513 }); // new 513, old 513
    expect(oldOverhead(a)).toBeLessThan(oldOverhead(b));
    expect(new Lab('lc').add(b, a).picks(1)).toBe('B');
  });

  it('never picks a quiesced or overloaded server', () => {
    const a = server('A', '10.0.0.1', 0);
    const b = server('B', '10.0.0.2', 1, { activeConns: 5, totalConns: 9, overloaded: true });
    const c = server('C', '10.0.0.3', 1, { activeConns: 9, totalConns: 20 });
    const lab = new Lab('lc').add(a, b, c);
    expect(lab.picks(1)).toBe('C');
    c.overloaded = true;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: lc: TCP 192.168.122.188:80 - no destination available']);
  });
});
