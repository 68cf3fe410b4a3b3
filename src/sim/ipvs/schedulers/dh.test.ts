import { describe, expect, it } from 'vitest';
import { dhHashKey, type DhState } from './dh.ts';
import { ip, Lab, nameOf, server } from './test-harness.ts';

describe('dh (ip_vs_dh.c)', () => {
  it('hashes the packet destination to the buckets of facts §1.8', () => {
    expect(dhHashKey(ip('207.175.44.110'))).toBe(174);
    expect(dhHashKey(ip('10.0.0.100'))).toBe(248);
  });

  it('fills one bucket per server round-robin, ignoring weights', () => {
    const lab = new Lab('dh').add(server('A', '10.0.0.1', 5), server('B', '10.0.0.2', 1), server('C', '10.0.0.3', 0));
    const buckets = (lab.state as DhState).buckets;
    expect(buckets.slice(0, 7).map(nameOf).join('')).toBe('CBACBAC');
    // 174 = 3·58 → C, 248 = 3·82 + 2 → A
    expect(nameOf(lab.pick({ daddr: ip('10.0.0.100') }))).toBe('A');
    expect(lab.pick({ daddr: ip('207.175.44.110') })).toBeNull(); // C has weight 0
  });

  it('looks at the destination, not the source', () => {
    const lab = new Lab('dh').add(server('A', '10.0.0.1'), server('B', '10.0.0.2'));
    const daddr = ip('10.0.0.100'); // 248 even → B
    expect(lab.picks(2, { daddr, saddr: ip('1.1.1.1') })).toBe('B B');
    expect(lab.picks(1, { daddr, saddr: ip('2.2.2.2') })).toBe('B');
  });

  it('rebuilds on add and delete', () => {
    const [a, b, c] = [server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3')];
    const lab = new Lab('dh').add(a, b);
    const daddr = ip('207.175.44.110'); // 174 even
    expect(nameOf(lab.pick({ daddr }))).toBe('B');
    lab.add(c); // 174 % 3 = 0 → C
    expect(nameOf(lab.pick({ daddr }))).toBe('C');
    lab.del(c);
    expect(nameOf(lab.pick({ daddr }))).toBe('B');
  });

  it('has no fallback: an unavailable bucket server means NULL', () => {
    const [a, b] = [server('A', '10.0.0.1'), server('B', '10.0.0.2')];
    const lab = new Lab('dh').add(a, b);
    const daddr = ip('10.0.0.100'); // B
    b.overloaded = true;
    expect(lab.pick({ daddr })).toBeNull();
    b.overloaded = false;
    lab.setWeight(b, 0); // no upd_dest in dh: the table keeps B, the lookup refuses it
    expect(lab.pick({ daddr })).toBeNull();
    expect(lab.ctx.logs).toEqual([
      'IPVS: dh: TCP 192.168.122.188:80 - no destination available',
      'IPVS: dh: TCP 192.168.122.188:80 - no destination available',
    ]);
    expect(new Lab('dh').pick()).toBeNull();
  });
});
