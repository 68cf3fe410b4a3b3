import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';

describe('sed (ip_vs_sed.c)', () => {
  it('uses (activeconns + 1)/weight and ignores inactive connections', () => {
    const a = server('A', '10.0.0.1', 1, { activeConns: 0, totalConns: 500 }); // 1/1
    const b = server('B', '10.0.0.2', 3, { activeConns: 3, totalConns: 3 }); // 4/3
    expect(new Lab('sed').add(a, b).picks(1)).toBe('A');
    expect(new Lab('wlc').add(a, b).picks(1)).toBe('B'); // wlc counts the 500 inactive
  });

  it('sends to the faster server even when the slower one is idle', () => {
    const a = server('A', '10.0.0.1', 1); // 1/1
    const b = server('B', '10.0.0.2', 4, { activeConns: 2, totalConns: 2 }); // 3/4
    expect(new Lab('sed').add(a, b).picks(1)).toBe('B');
  });

  it('gives ties to the newest server', () => {
    const a = server('A', '10.0.0.1', 2, { activeConns: 1, totalConns: 1 }); // 2/2
    const b = server('B', '10.0.0.2', 1); // 1/1
    expect(new Lab('sed').add(a, b).picks(1)).toBe('B');
    expect(new Lab('sed').add(b, a).picks(1)).toBe('A');
  });

  it('never picks weight 0 or overloaded servers', () => {
    const a = server('A', '10.0.0.1', 0);
    const b = server('B', '10.0.0.2', 1, { overloaded: true });
    const lab = new Lab('sed').add(a, b);
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: sed: TCP 192.168.122.188:80 - no destination available']);
  });
});
