import { describe, expect, it } from 'vitest';
import { shHashKey, type ShState } from './sh.ts';
import { ip, Lab, nameOf, server } from './test-harness.ts';

const FALLBACK = { shFallback: true, shPort: false, mhFallback: false, mhPort: false };
const PORT = { shFallback: false, shPort: true, mhFallback: false, mhPort: false };

/** Bucket owners as a string, and how many buckets each server holds. */
function table(lab: Lab) {
  const buckets = (lab.state as ShState).buckets;
  const counts: Record<string, number> = {};
  for (const d of buckets) counts[nameOf(d)] = (counts[nameOf(d)] ?? 0) + 1;
  return { buckets, counts, prefix: (n: number) => buckets.slice(0, n).map(nameOf).join('') };
}

describe('sh (ip_vs_sh.c) hashing', () => {
  it('maps clients to the buckets of facts §1.7', () => {
    const clients = ['10.0.0.2', '10.0.0.3', '192.168.1.10', '192.168.1.11', '172.16.0.1', '1.2.3.4'];
    expect(clients.map((c) => shHashKey(ip(c), 0, 0))).toEqual([137, 235, 248, 90, 122, 52]);
  });

  it('adds the source port only with sh-port', () => {
    const lab = new Lab('sh', PORT).add(server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3'));
    const { buckets } = table(lab);
    const saddr = ip('10.0.0.2');
    for (const sport of [1024, 40000, 65535]) {
      expect(lab.pick({ saddr, sport })).toBe(buckets[shHashKey(saddr, sport, 0)]);
    }
    expect(shHashKey(saddr, 40000, 0)).not.toBe(shHashKey(saddr, 0, 0));
    const plain = new Lab('sh').add(...lab.destinations.slice().reverse());
    expect(plain.pick({ saddr, sport: 40000 })).toBe(table(plain).buckets[137]);
  });
});

describe('sh table fill (ip_vs_sh_reassign)', () => {
  it('[C w1, B w1, A w1] fills C,B,A,… (C 86, B 85, A 85)', () => {
    const lab = new Lab('sh').add(server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3'));
    const t = table(lab);
    expect(t.prefix(7)).toBe('CBACBAC');
    expect(t.counts).toEqual({ C: 86, B: 85, A: 85 });
  });

  it('[C w2, B w3, A w4] fills C,C,B,B,B,A,A,A,A,C,C,B,… (A 112, B 86, C 58)', () => {
    const lab = new Lab('sh').add(server('A', '10.0.0.1', 4), server('B', '10.0.0.2', 3), server('C', '10.0.0.3', 2));
    const t = table(lab);
    expect(t.prefix(12)).toBe('CCBBBAAAACCB');
    expect(t.counts).toEqual({ C: 58, B: 86, A: 112 });
  });

  it('gives a quiesced server one bucket per cycle; its clients get NULL', () => {
    const [a, b, c] = [server('A', '10.0.0.1', 4), server('B', '10.0.0.2', 3), server('C', '10.0.0.3', 2)];
    const lab = new Lab('sh').add(a, b, c);
    lab.setWeight(c, 0); // upd_dest rebuilds: cycle C,B,B,B,A,A,A,A
    const t = table(lab);
    expect(t.prefix(9)).toBe('CBBBAAAAC');
    expect(t.counts).toEqual({ C: 32, B: 96, A: 128 });
    // 1.2.3.4 hashes to bucket 52 = 6·8 + 4: A. 10.0.0.6 hashes to bucket 16 = 2·8: C.
    expect(nameOf(lab.pick({ saddr: ip('1.2.3.4') }))).toBe('A');
    const saddr = ip('10.0.0.6');
    expect(shHashKey(saddr, 0, 0)).toBe(16);
    expect(t.buckets[16]).toBe(c);
    expect(lab.pick({ saddr })).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: sh: TCP 192.168.122.188:80 - no destination available']);
  });

  it('rebuilds the whole table on add and delete', () => {
    const [a, b, c] = [server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3')];
    const lab = new Lab('sh').add(a, b);
    expect(table(lab).prefix(4)).toBe('BABA');
    lab.add(c);
    expect(table(lab).prefix(4)).toBe('CBAC');
    lab.del(b);
    expect(table(lab).prefix(4)).toBe('CACA');
    lab.del(a).del(c);
    expect(table(lab).counts).toEqual({ '-': 256 });
    expect(lab.pick()).toBeNull();
  });

  it('returns NULL for an overloaded bucket server without sh-fallback', () => {
    const [a, b, c] = [server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3')];
    const lab = new Lab('sh').add(a, b, c);
    const saddr = ip('10.0.0.2'); // bucket 137 = 3·45 + 2 → A
    expect(nameOf(lab.pick({ saddr }))).toBe('A');
    a.overloaded = true;
    expect(lab.pick({ saddr })).toBeNull();
  });
});

describe('sh-fallback (ip_vs_sh_get_fallback)', () => {
  // List D,C,B,A, all weight 1: bucket i belongs to [D,C,B,A][i % 4].
  function four() {
    const [a, b, c, d] = [server('A', '10.0.0.1'), server('B', '10.0.0.2'), server('C', '10.0.0.3'), server('D', '10.0.0.4')];
    return { a, b, c, d, lab: new Lab('sh', FALLBACK).add(a, b, c, d) };
  }
  const client = ip('192.168.1.11'); // ihash 90 → B

  it('uses the home bucket while its server is available', () => {
    const { lab } = four();
    expect(nameOf(lab.pick({ saddr: client }))).toBe('B');
  });

  it('probes buckets 2·ihash, 2·ihash + 1, … (180 → D), not ihash + 1 (91 → A)', () => {
    const { lab, b } = four();
    lab.setWeight(b, 0);
    expect(nameOf(lab.pick({ saddr: client }))).toBe('D');
  });

  it('keeps probing past unavailable servers (181 → C)', () => {
    const { lab, b, d } = four();
    lab.setWeight(b, 0);
    d.overloaded = true;
    expect(nameOf(lab.pick({ saddr: client }))).toBe('C');
  });

  it('wraps the probe past bucket 255 (client 10.0.0.2: ihash 137 → buckets 18, 19, …)', () => {
    const { lab, a, b, c, d } = four();
    const saddr = ip('10.0.0.2'); // 137 % 4 = 1 → C
    lab.setWeight(c, 0);
    expect(nameOf(lab.pick({ saddr }))).toBe('B'); // bucket 18
    b.overloaded = true;
    expect(nameOf(lab.pick({ saddr }))).toBe('A'); // bucket 19
    a.overloaded = true;
    d.overloaded = true;
    expect(lab.pick({ saddr })).toBeNull();
    expect(lab.ctx.logs).toEqual(['IPVS: sh: TCP 192.168.122.188:80 - no destination available']);
  });

  it('returns NULL on an empty table', () => {
    const lab = new Lab('sh', FALLBACK);
    expect(lab.pick()).toBeNull();
  });
});
