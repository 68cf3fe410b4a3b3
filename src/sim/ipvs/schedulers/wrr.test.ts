import { describe, expect, it } from 'vitest';
import { Lab, server } from './test-harness.ts';
import type { WrrMark } from './wrr.ts';

const weighted = (wa: number, wb: number, wc: number) =>
  [server('A', '10.0.0.1', wa), server('B', '10.0.0.2', wb), server('C', '10.0.0.3', wc)] as const;

describe('wrr (ip_vs_wrr.c): the table of facts §1.2', () => {
  it('-a A -w4; -a B -w3; -a C -w2 gives C B A · A · B A · C B A · C B A · A · B A', () => {
    const lab = new Lab('wrr').add(...weighted(4, 3, 2));
    expect(lab.order()).toBe('C,B,A');
    expect(lab.picks(15)).toBe('C B A A B A C B A C B A A B A');
    // then the steady 9-pick cycle A B A C B A C B A
    expect(lab.picks(9)).toBe('C B A C B A A B A');
  });

  it('keeps cw = 1 across the adds (why the leading C B A)', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr');
    expect(lab.state).toEqual({ cl: null, cw: 0, mw: 0, di: 1 });
    lab.add(a);
    expect(lab.state).toEqual({ cl: null, cw: 1, mw: 1, di: 4 });
    lab.add(b, c);
    expect(lab.state).toEqual({ cl: null, cw: 1, mw: 4, di: 1 });
  });

  it('same servers with wrr bound afterwards (init_svc, cw = mw) gives A · B A · C B A · C B A · A', () => {
    const lab = new Lab('wrr').add(...weighted(4, 3, 2)).rebind();
    expect(lab.picks(10)).toBe('A B A C B A C B A A');
  });

  it('added C(2), B(3), A(4) (list A,B,C) gives A B C · A · A B · A B C · A B C · A', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(c, b, a);
    expect(lab.order()).toBe('A,B,C');
    expect(lab.picks(13)).toBe('A B C A A B A B C A B C A');
  });

  it('list A,B,C with init_svc is the textbook A A B A B C A B C', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(c, b, a).rebind();
    expect(lab.picks(12)).toBe('A A B A B C A B C A A B');
  });

  it('-a A -w5; -a B -w1; -a C -w1 gives C B A · A A A A · C B A · A A A A', () => {
    const lab = new Lab('wrr').add(...weighted(5, 1, 1));
    expect(lab.picks(14)).toBe('C B A A A A A C B A A A A A');
  });

  it('list A(5),B(1),C(1) with init_svc gives A A A A A B C', () => {
    const [a, b, c] = weighted(5, 1, 1);
    const lab = new Lab('wrr').add(c, b, a).rebind();
    expect(lab.picks(14)).toBe('A A A A A B C A A A A A B C');
  });

  it('-a A -w4; -a B -w2 (gcd 2) gives B A A B A A B A A', () => {
    const lab = new Lab('wrr').add(server('A', '10.0.0.1', 4), server('B', '10.0.0.2', 2));
    expect(lab.picks(9)).toBe('B A A B A A B A A');
    expect((lab.state as WrrMark).di).toBe(2);
    expect((lab.state as WrrMark).mw).toBe(3); // 4 - (2 - 1)
  });

  it('returns null when all weights are 0 (mw = 0)', () => {
    const lab = new Lab('wrr').add(server('A', '10.0.0.1', 0), server('B', '10.0.0.2', 0));
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: wrr: TCP 192.168.122.188:80 - no destination available']);
  });
});

describe('wrr dest_changed and availability', () => {
  it('resets cl to the head on an edit but keeps cw', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(a, b, c);
    expect(lab.picks(4)).toBe('C B A A'); // cw = 4, cl = A
    lab.setWeight(c, 2); // same weight: only cl → head
    expect(lab.state).toMatchObject({ cl: null, cw: 4 });
    // From the head at cw 4: A again (from cl = A it would have been B at cw 3).
    expect(lab.picks(3)).toBe('A B A');
  });

  it('rounds cw to a multiple of di plus one when di > 1', () => {
    const lab = new Lab('wrr').add(server('A', '10.0.0.1', 8), server('B', '10.0.0.2', 4)).rebind();
    expect(lab.state).toMatchObject({ cw: 5, mw: 5, di: 4 });
    lab.add(server('C', '10.0.0.3', 6)); // di 2, mw 7: cw 5 → (5/2)*2 + 1 = 5
    expect(lab.state).toMatchObject({ cw: 5, mw: 7, di: 2 });
    lab.setWeight(lab.destinations[0]!, 12); // di 4, mw 9: cw 5 → (5/4)*4 + 1 = 5
    expect(lab.state).toMatchObject({ cw: 5, mw: 9, di: 4 });
  });

  it('resets cw to mw when it exceeds the new maximum', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(a, b, c).rebind(); // cw 4
    lab.del(a); // mw 3
    expect(lab.state).toMatchObject({ cl: null, cw: 3, mw: 3 });
    expect(lab.picks(5)).toBe('B C B C B');
  });

  it('never picks a weight-0 server and skips overloaded ones', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(a, b, c).rebind();
    lab.setWeight(b, 0);
    c.overloaded = true;
    expect(lab.picks(6)).toBe('A A A A A A');
  });

  it('reports "all destinations are overloaded" after a full last pass (cw wraps: cl = head)', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(a, b, c).rebind();
    expect(lab.picks(2)).toBe('A B'); // cl = B, cw = 3
    for (const d of [a, b, c]) d.overloaded = true;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: wrr: TCP 192.168.122.188:80 - no destination available: all destinations are overloaded']);
    // cw 2, 1 (last pass) then cw <= 0 with last_pass set: err_over at the head.
    expect(lab.state).toMatchObject({ cl: null, cw: 4 });
  });

  it('stops at the remembered server when the scan restarted into the last pass (cl = stop)', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(a, b, c); // cw stays 1
    expect(lab.picks(1)).toBe('C');
    for (const d of [a, b, c]) d.overloaded = true;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs[0]).toMatch(/all destinations are overloaded$/);
    expect(lab.state).toMatchObject({ cl: c, cw: 1 });
  });

  it('reports overload from the head too (scan that began at the head)', () => {
    const [a, b] = weighted(1, 1, 1);
    const lab = new Lab('wrr').add(a, b);
    a.overloaded = true;
    b.overloaded = true;
    expect(lab.pick()).toBeNull();
    expect(lab.ctx.logs[0]).toMatch(/all destinations are overloaded$/);
    expect((lab.state as WrrMark).cl).toBeNull();
  });

  it('finds the one server left after the remembered one at the last pass', () => {
    const [a, b, c] = weighted(4, 3, 2);
    const lab = new Lab('wrr').add(a, b, c).rebind();
    expect(lab.picks(2)).toBe('A B'); // cl = B, cw = 3
    a.overloaded = true;
    b.overloaded = true;
    expect(lab.picks(2)).toBe('C C');
  });
});
