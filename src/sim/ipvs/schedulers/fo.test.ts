import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';

describe('fo (ip_vs_fo.c)', () => {
  it('always picks the highest weight, ignoring connections', () => {
    const a = server('A', '10.0.0.1', 5, { activeConns: 1000, totalConns: 1000 });
    const b = server('B', '10.0.0.2', 2);
    expect(new Lab('fo').add(a, b).picks(3)).toBe('A A A');
  });

  it('gives equal weights to the newest server', () => {
    const lab = new Lab('fo').add(server('A', '10.0.0.1', 3), server('B', '10.0.0.2', 3), server('C', '10.0.0.3', 1));
    expect(lab.picks(2)).toBe('B B');
  });

  it('fails over when the top server is overloaded or quiesced', () => {
    const a = server('A', '10.0.0.1', 5);
    const b = server('B', '10.0.0.2', 2);
    const lab = new Lab('fo').add(a, b);
    a.overloaded = true;
    expect(lab.picks(1)).toBe('B');
    lab.setWeight(b, 0);
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: fo: TCP 192.168.122.188:80 - no destination available']);
  });
});
