import { describe, expect, it } from 'vitest';
import type { LblcrState } from './lblcr.ts';
import { ip, Lab, nameOf, server } from './test-harness.ts';

const X = ip('203.0.113.10');
const HOUR = 3_600_000_000;

function trio() {
  const a = server('A', '10.0.0.1', 2);
  const b = server('B', '10.0.0.2', 2);
  const c = server('C', '10.0.0.3', 2);
  return { a, b, c, lab: new Lab('lblcr').add(a, b, c) }; // list C, B, A
}

const members = (lab: Lab) => (lab.state as LblcrState).get(X)?.set.members.map(nameOf).join(',');
const load = (d: ReturnType<typeof server>, active: number, inactive = 0) => {
  d.activeConns = active;
  d.totalConns = active + inactive;
};

describe('lblcr (ip_vs_lblcr.c)', () => {
  it('creates a one-server set with the wlc pick and keeps using it', () => {
    const { lab, c } = trio();
    expect(lab.picks(1, { daddr: X })).toBe('C');
    expect(members(lab)).toBe('C');
    load(c, 2); // not more than its weight
    expect(lab.picks(1, { daddr: X })).toBe('C');
  });

  it('adds the wlc pick to the set when the least-loaded member is_overloaded', () => {
    const { lab, c } = trio();
    lab.pick({ daddr: X });
    load(c, 3); // 3 > 2 and A/B are idle
    expect(lab.picks(1, { daddr: X })).toBe('B');
    expect(members(lab)).toBe('B,C');
    load(c, 0);
    expect(lab.picks(1, { daddr: X })).toBe('B'); // set_min: a tie goes to the first member, B
  });

  it('after lblcr_expiration without change drops the most loaded member, after choosing', () => {
    const { lab, b, c } = trio();
    lab.pick({ daddr: X }); // {C}
    load(c, 3);
    lab.pick({ daddr: X }); // {B, C}, lastmod 0
    load(c, 1);
    load(b, 2); // min is C (257/2), max is B (514/2)
    lab.ctx.nowUs = 12 * HOUR;
    lab.pick({ daddr: X }); // refreshes lastuse (the entry itself must not expire), not lastmod
    lab.ctx.nowUs = 24 * HOUR; // not yet: time_after needs now > lastmod + 24 h
    expect(lab.picks(1, { daddr: X })).toBe('C');
    expect(members(lab)).toBe('B,C');
    lab.ctx.nowUs = 24 * HOUR + 1;
    expect(lab.picks(1, { daddr: X })).toBe('C');
    expect(members(lab)).toBe('C');
  });

  it('returns the least-loaded member even when the trim removes that very member', () => {
    const { lab, c } = trio();
    lab.pick({ daddr: X }); // {C}
    load(c, 3);
    lab.pick({ daddr: X }); // {B, C}
    load(c, 0);
    lab.setWeight(c, 0); // set_min skips C; set_max needs weight > 0: both pick B
    lab.ctx.nowUs = 12 * HOUR;
    lab.pick({ daddr: X });
    lab.ctx.nowUs = 24 * HOUR + 1;
    expect(lab.picks(1, { daddr: X })).toBe('B');
    expect(members(lab)).toBe('C');
  });

  it('chooses among set members by overhead/weight, skipping OVERLOAD and deleted ones', () => {
    const { lab, a, b, c } = trio();
    lab.pick({ daddr: X }); // {C}
    load(c, 3);
    lab.pick({ daddr: X }); // {B, C}
    load(b, 3);
    lab.pick({ daddr: X }); // {A, B, C}
    load(a, 1);
    load(b, 0, 5);
    load(c, 0, 9);
    expect(lab.picks(1, { daddr: X })).toBe('B'); // 5/2 < 9/2 < 257/2
    b.overloaded = true;
    expect(lab.picks(1, { daddr: X })).toBe('C');
    lab.del(c);
    expect(lab.picks(1, { daddr: X })).toBe('A');
    lab.add(server('C2', '10.0.0.3', 2)); // back from the trash: a member again
    expect(lab.picks(1, { daddr: X })).toBe('C2');
  });

  it('logs only when an existing entry finds no server', () => {
    const { lab, a, b, c } = trio();
    for (const d of [a, b, c]) d.overloaded = true;
    expect(lab.pick({ daddr: X })).toBeNull();
    expect(lab.ctx.logs).toEqual([]); // IP_VS_DBG only
    for (const d of [a, b, c]) d.overloaded = false;
    lab.pick({ daddr: X });
    for (const d of [a, b, c]) d.overloaded = true;
    expect(lab.pick({ daddr: X })).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: lblcr: TCP 192.168.122.188:80 - no destination available']);
  });

  it('expires an entry idle for 24 h at the full check', () => {
    const { lab, c } = trio();
    lab.pick({ daddr: X });
    load(c, 3);
    lab.ctx.nowUs = 24 * HOUR;
    expect(lab.picks(1, { daddr: X })).toBe('B');
    expect(members(lab)).toBe('B');
  });
});
