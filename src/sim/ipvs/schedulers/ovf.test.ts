import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';

describe('ovf (ip_vs_ovf.c)', () => {
  it('keeps to the highest weight until its active connections exceed its weight', () => {
    const a = server('A', '10.0.0.1', 2);
    const b = server('B', '10.0.0.2', 1);
    const lab = new Lab('ovf').add(a, b);
    expect(lab.picks(1)).toBe('A');
    a.activeConns = 2; // not more than the weight yet
    expect(lab.picks(1)).toBe('A');
    a.activeConns = 3;
    expect(lab.picks(1)).toBe('B');
    b.activeConns = 2;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: ovf: TCP 192.168.122.188:80 - no destination available']);
  });

  it('ignores inactive connections (UDP never overflows)', () => {
    const a = server('A', '10.0.0.1', 2, { totalConns: 10_000 });
    expect(new Lab('ovf').add(a, server('B', '10.0.0.2', 1)).picks(1)).toBe('A');
  });

  it('gives equal weights to the newest server and skips weight 0 and overloaded', () => {
    const a = server('A', '10.0.0.1', 3);
    const b = server('B', '10.0.0.2', 3);
    const c = server('C', '10.0.0.3', 0);
    const lab = new Lab('ovf').add(a, b, c);
    expect(lab.picks(1)).toBe('B');
    b.overloaded = true;
    expect(lab.picks(1)).toBe('A');
  });
});
