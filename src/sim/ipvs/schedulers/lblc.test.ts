import { describe, expect, it } from 'vitest';
import type { LblcState } from './lblc.ts';
import { LOCALITY_CREATE_LIMIT } from './locality-table.ts';
import { ip, Lab, nameOf, server } from './test-harness.ts';

const X = ip('203.0.113.10');
const Y = ip('203.0.113.20');
const HOUR = 3_600_000_000;

function pair() {
  const a = server('A', '10.0.0.1');
  const b = server('B', '10.0.0.2');
  return { a, b, lab: new Lab('lblc').add(a, b) }; // list B, A
}

describe('lblc (ip_vs_lblc.c)', () => {
  it('caches the wlc pick per destination address and keeps using it', () => {
    const { lab, b } = pair();
    expect(lab.picks(1, { daddr: X })).toBe('B'); // wlc tie → newest
    b.activeConns = 1;
    b.totalConns = 1;
    expect(lab.picks(2, { daddr: X })).toBe('B B'); // cache hit although wlc would say A
    expect(lab.picks(1, { daddr: Y })).toBe('A'); // another destination: its own wlc pick
    expect((lab.state as LblcState).get(X)?.dest).toBe(b);
  });

  it('replaces the cached server when is_overloaded: active > weight and someone below half load', () => {
    const { lab, a, b } = pair();
    lab.pick({ daddr: X });
    b.activeConns = 2; // 2 > 1, and A has 2·0 < 1
    b.totalConns = 2;
    expect(lab.picks(1, { daddr: X })).toBe('A');
    b.activeConns = 0;
    b.totalConns = 0;
    expect(lab.picks(1, { daddr: X })).toBe('A'); // the entry now names A
    expect((lab.state as LblcState).get(X)?.dest).toBe(a);
  });

  it('keeps an over-weight server when no server is below half its weight', () => {
    const { lab, a, b } = pair();
    lab.pick({ daddr: X });
    b.activeConns = 5;
    b.totalConns = 5;
    a.activeConns = 1; // 2·1 < 1 is false
    a.totalConns = 1;
    expect(lab.picks(1, { daddr: X })).toBe('B');
  });

  it('abandons a quiesced cached server but ignores the -x OVERLOAD flag on the cache path', () => {
    const { lab, b } = pair();
    lab.pick({ daddr: X });
    b.overloaded = true;
    expect(lab.picks(1, { daddr: X })).toBe('B');
    b.overloaded = false;
    lab.setWeight(b, 0);
    expect(lab.picks(1, { daddr: X })).toBe('A');
  });

  it('picks anew when the cached server was deleted, and takes it back when re-added (dest trash)', () => {
    const { lab, b } = pair();
    lab.pick({ daddr: X });
    lab.pick({ daddr: Y }); // Y → B as well (tie)
    lab.del(b);
    expect(lab.picks(1, { daddr: X })).toBe('A');
    const b2 = server('B2', '10.0.0.2'); // same address and port: the kernel restores the same dest
    lab.add(b2);
    expect(lab.picks(1, { daddr: Y })).toBe('B2'); // Y's entry still names it
  });

  it('logs and returns NULL when no server can take the connection', () => {
    const { lab, a, b } = pair();
    lab.setWeight(a, 0);
    lab.setWeight(b, 0);
    expect(lab.pick({ daddr: X })).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: lblc: TCP 192.168.122.188:80 - no destination available']);
  });

  it('expires an entry idle for lblc_expiration (24 h) at the next full check', () => {
    const loadB = (l: Lab, b: ReturnType<typeof server>) => {
      l.pick({ daddr: X }); // t = 0: X → B
      b.activeConns = 1;
      b.totalConns = 1;
    };
    const kept = pair();
    loadB(kept.lab, kept.b);
    kept.lab.ctx.nowUs = 24 * HOUR - 1;
    expect(kept.lab.picks(1, { daddr: X })).toBe('B');
    const expired = pair();
    loadB(expired.lab, expired.b);
    expired.lab.ctx.nowUs = 24 * HOUR; // the full check at 24 h drops it first
    expect(expired.lab.picks(1, { daddr: X })).toBe('A');
  });

  it('keeps an idle entry until a full check comes (every 30 min)', () => {
    const { lab, b } = pair();
    lab.ctx.nowUs = 10 * 60_000_000;
    lab.pick({ daddr: X });
    b.activeConns = 1;
    b.totalConns = 1;
    lab.ctx.nowUs = 24 * HOUR + 25 * 60_000_000; // idle 24 h 15 min, last full check at 24 h
    expect(lab.picks(1, { daddr: X })).toBe('B');
  });

  it('counts a replaced entry twice in tbl->entries (ip_vs_lblc_del does not decrement)', () => {
    const { lab, b } = pair();
    lab.pick({ daddr: X });
    lab.setWeight(b, 0);
    lab.pick({ daddr: X });
    const table = lab.state as LblcState;
    expect([...table.all()]).toHaveLength(1);
    expect(table.entries).toBe(2);
  });

  it('creates no entry once the table counts 1.5 × 16384 entries', () => {
    const { lab } = pair();
    const table = lab.state as LblcState;
    table.entries = LOCALITY_CREATE_LIMIT;
    expect(nameOf(lab.pick({ daddr: X }))).toBe('B');
    expect(table.get(X)).toBeUndefined();
  });
});
