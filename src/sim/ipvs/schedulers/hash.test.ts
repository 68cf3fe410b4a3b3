import { describe, expect, it } from 'vitest';
import { hash32, hsiphash32, hsiphashKey } from './hash.ts';
import { MH_HASH1, MH_HASH2, MH_TAB_SIZE } from './mh.ts';
import { ip } from './test-harness.ts';

/** Straight BigInt transcription of lib/siphash.c (64-bit hsiphash of 4 bytes) as a cross-check. */
function referenceHsiphash(value: number, k0: bigint, k1: bigint): number {
  const M = (1n << 64n) - 1n;
  const rol = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & M;
  let v0 = 0x736f6d6570736575n ^ k0;
  let v1 = 0x646f72616e646f6dn ^ k1;
  let v2 = 0x6c7967656e657261n ^ k0;
  let v3 = 0x7465646279746573n ^ k1;
  const round = () => {
    v0 = (v0 + v1) & M; v1 = rol(v1, 13n); v1 ^= v0; v0 = rol(v0, 32n);
    v2 = (v2 + v3) & M; v3 = rol(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & M; v3 = rol(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & M; v1 = rol(v1, 17n); v1 ^= v2; v2 = rol(v2, 32n);
  };
  const b = (4n << 56n) | BigInt(value >>> 0);
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return Number((v0 ^ v1 ^ v2 ^ v3) & 0xffffffffn);
}

describe('hash_32 (include/linux/hash.h)', () => {
  it('gives the sh buckets of facts §1.7', () => {
    const buckets = ['10.0.0.2', '10.0.0.3', '192.168.1.10', '192.168.1.11', '172.16.0.1', '1.2.3.4'].map((a) => hash32(ip(a), 8));
    expect(buckets).toEqual([137, 235, 248, 90, 122, 52]);
  });

  it('gives the dh buckets of facts §1.8', () => {
    expect(hash32(ip('207.175.44.110'), 8)).toBe(174);
    expect(hash32(ip('10.0.0.100'), 8)).toBe(248);
  });

  it('is the top bits of the 32-bit product with 0x61C88647', () => {
    const v = 0xdeadbeef;
    const product = (BigInt(v) * 0x61c88647n) & 0xffffffffn;
    expect(hash32(v, 10)).toBe(Number(product >> 22n));
    expect(hash32(v, 32)).toBe(Number(product));
  });
});

describe('hsiphash (lib/siphash.c, 64-bit: SipHash-1-3)', () => {
  it('matches the test vectors of facts §1.11', () => {
    expect(hsiphash32(0, MH_HASH1)).toBe(0x1d5a77c2);
    expect(hsiphash32(0x0a000001, MH_HASH1)).toBe(0x03080ce4);
    expect(hsiphash32(0x0a000001, MH_HASH2)).toBe(0x48f9d0c1);
    expect(hsiphash32(0x0a000002, MH_HASH1)).toBe(0x41cfde13);
    expect(hsiphash32(0x0a000002, MH_HASH1) % MH_TAB_SIZE).toBe(1884);
  });

  it('agrees with a BigInt transcription over many inputs and keys', () => {
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 500; i++) {
      const value = next();
      const k0 = next();
      const k1 = next();
      expect(hsiphash32(value, hsiphashKey(k0, k1))).toBe(referenceHsiphash(value, BigInt(k0), BigInt(k1)));
    }
  });

  it('uses full 64-bit key words', () => {
    const key = { k0: [0x01234567, 0x89abcdef], k1: [0xfedcba98, 0x76543210] } as const;
    expect(hsiphash32(0x0a000001, key)).toBe(referenceHsiphash(0x0a000001, 0x0123456789abcdefn, 0xfedcba9876543210n));
  });
});
