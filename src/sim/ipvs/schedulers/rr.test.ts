import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';

const abc = () => [server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3')] as const;

describe('rr (ip_vs_rr.c)', () => {
  it('after -a A, -a B, -a C goes C, B, A, C, B, A (newest first)', () => {
    const lab = new Lab('rr').add(...abc());
    expect(lab.order()).toBe('C,B,A');
    expect(lab.picks(6)).toBe('C B A C B A');
  });

  it('reaches a server added later only after the walk wraps past the head', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    expect(lab.picks(1)).toBe('C');
    lab.add(server('D', '10.0.0.4')); // no add_dest hook: the pointer stays on C
    expect(lab.order()).toBe('D,C,B,A');
    expect(lab.picks(6)).toBe('B A D C B A');
  });

  it('moves the pointer to the predecessor when the remembered server is deleted', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    expect(lab.picks(2)).toBe('C B');
    lab.del(b); // pointer B → C (its predecessor), so A comes next, not C
    expect(lab.picks(3)).toBe('A C A');
  });

  it('moves the pointer to the head when the remembered server was first in the list', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    expect(lab.picks(1)).toBe('C');
    lab.del(c);
    expect(lab.picks(3)).toBe('B A B');
  });

  it('moves the pointer to the new tail when the remembered server was last', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    expect(lab.picks(3)).toBe('C B A');
    lab.del(a); // pointer → B, so the walk wraps to C
    expect(lab.picks(3)).toBe('C B C');
  });

  it('leaves the pointer alone when another server is deleted', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    expect(lab.picks(1)).toBe('C');
    lab.del(a);
    expect(lab.picks(3)).toBe('B C B');
  });

  it('skips quiesced and overloaded servers', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    lab.setWeight(b, 0);
    expect(lab.picks(4)).toBe('C A C A');
    c.overloaded = true;
    expect(lab.picks(2)).toBe('A A');
  });

  it('checks the remembered server last, so a single available server is chosen again', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    expect(lab.picks(3)).toBe('C B A');
    lab.setWeight(b, 0);
    lab.setWeight(c, 0);
    expect(lab.picks(3)).toBe('A A A');
  });

  it('returns null and logs when nothing is available, keeping the pointer', () => {
    const [a, b, c] = abc();
    const lab = new Lab('rr').add(a, b, c);
    expect(lab.picks(1)).toBe('C');
    for (const d of [a, b, c]) d.overloaded = true;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: rr: TCP 192.168.122.188:80 - no destination available']);
    for (const d of [a, b, c]) d.overloaded = false;
    expect(lab.picks(2)).toBe('B A');
  });

  it('returns null on an empty service', () => {
    const lab = new Lab('rr');
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toHaveLength(1);
  });

  it('starts from the head when bound to an existing list (init_svc)', () => {
    const lab = new Lab('rr').add(...abc());
    expect(lab.picks(2)).toBe('C B');
    lab.rebind();
    expect(lab.picks(4)).toBe('C B A C');
  });
});
