import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';

describe('nq (ip_vs_nq.c)', () => {
  it('returns the first idle server at once, whatever its weight', () => {
    const a = server('A', '10.0.0.1', 1); // idle, slow
    const b = server('B', '10.0.0.2', 100, { activeConns: 1, totalConns: 1 }); // 2/100
    expect(new Lab('nq').add(a, b).picks(1)).toBe('A');
    expect(new Lab('sed').add(a, b).picks(1)).toBe('B');
  });

  it('takes the first idle server in list order (the newest)', () => {
    const lab = new Lab('nq').add(server('A', '10.0.0.1', 9), server('B', '10.0.0.2', 1));
    expect(lab.picks(2)).toBe('B B');
  });

  it('falls back to the sed rule when nobody is idle, ties to the newest', () => {
    const a = server('A', '10.0.0.1', 2, { activeConns: 3, totalConns: 3 }); // 4/2
    const b = server('B', '10.0.0.2', 1, { activeConns: 1, totalConns: 1 }); // 2/1
    const c = server('C', '10.0.0.3', 3, { activeConns: 8, totalConns: 8 }); // 9/3
    expect(new Lab('nq').add(a, b, c).picks(1)).toBe('B');
    b.activeConns = 2; // 3/1
    expect(new Lab('nq').add(a, b, c).picks(1)).toBe('A');
  });

  it('does not count an idle quiesced or overloaded server', () => {
    const a = server('A', '10.0.0.1', 1, { activeConns: 4, totalConns: 4 });
    const b = server('B', '10.0.0.2', 0);
    const c = server('C', '10.0.0.3', 1, { overloaded: true });
    const lab = new Lab('nq').add(a, b, c);
    expect(lab.picks(1)).toBe('A');
    a.weight = 0;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: nq: TCP 192.168.122.188:80 - no destination available']);
  });
});
