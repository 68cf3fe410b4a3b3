import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';
import type { SchedDest } from './types.ts';

const oldOverhead = (d: SchedDest) => d.activeConns * 256 + (d.totalConns - d.activeConns);

describe('wlc (ip_vs_wlc.c)', () => {
  it('picks the least overhead/weight', () => {
    const a = server('A', '10.0.0.1', 3, { activeConns: 2, totalConns: 2 }); // 514/3
    const b = server('B', '10.0.0.2', 1, { activeConns: 1, totalConns: 1 }); // 257/1
    expect(new Lab('wlc').add(a, b).picks(1)).toBe('A');
  });

  it('gives ties to the newest server', () => {
    const a = server('A', '10.0.0.1', 2, { activeConns: 2, totalConns: 2 }); // 514/2
    const b = server('B', '10.0.0.2', 1, { activeConns: 1, totalConns: 1 }); // 257/1
    expect(new Lab('wlc').add(a, b).picks(1)).toBe('B');
    expect(new Lab('wlc').add(b, a).picks(1)).toBe('A');
    expect(new Lab('wlc').add(server('A', '10.0.0.1', 5), server('B', '10.0.0.2', 1)).picks(2)).toBe('B B');
  });

  it('counts active connections 257 times (the old formula would pick A)', () => {
    const a = server('A', '10.0.0.1', 3, { activeConns: 3, totalConns: 3 }); // new 771/3, old 768/3
    const b = server('B', '10.0.0.2', 2, { activeConns: 0, totalConns: 513 }); // 513/2 either way
    expect(oldOverhead(a) / a.weight).toBeLessThan(oldOverhead(b) / b.weight);
    expect(new Lab('wlc').add(b, a).picks(1)).toBe('B');
  });

  it('never picks weight 0, even idle, and skips overloaded servers', () => {
    const a = server('A', '10.0.0.1', 1, { activeConns: 50, totalConns: 80 });
    const b = server('B', '10.0.0.2', 0);
    const c = server('C', '10.0.0.3', 9, { overloaded: true });
    const lab = new Lab('wlc').add(a, b, c);
    expect(lab.picks(2)).toBe('A A');
    a.overloaded = true;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: wlc: TCP 192.168.122.188:80 - no destination available']);
  });

  it('compares overhead × weight as s64 (no 32-bit wrap at weight 65535)', () => {
    const a = server('A', '10.0.0.1', 65535, { totalConns: 32768 });
    const b = server('B', '10.0.0.2', 65535, { totalConns: 32769 });
    // In int32 the second product wraps negative and B would look less loaded.
    expect(Math.imul(32768, 65535) > Math.imul(32769, 65535)).toBe(true);
    expect(new Lab('wlc').add(b, a).picks(1)).toBe('A');
  });
});
