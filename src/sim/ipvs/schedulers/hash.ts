/** include/linux/hash.h GOLDEN_RATIO_32. */
export const GOLDEN_RATIO_32 = 0x61c88647;

/** include/linux/hash.h `hash_32` (generic; x86 has no override): (u32)(val · 0x61C88647) >> (32 − bits). */
export function hash32(val: number, bits: number): number {
  return (Math.imul(val, GOLDEN_RATIO_32) >>> 0) >>> (32 - bits);
}

/** A 64-bit-kernel `hsiphash_key_t` ({ unsigned long key[2] }), each word as [high, low] 32-bit halves. */
export interface HsiphashKey {
  readonly k0: readonly [number, number];
  readonly k1: readonly [number, number];
}

/** Builds a key whose two words are the given values below 2^32 (as ip_vs_mh.c `generate_hash_secret` does). */
export function hsiphashKey(key0: number, key1: number): HsiphashKey {
  return { k0: [0, key0 >>> 0], k1: [0, key1 >>> 0] };
}

// SipHash state v0..v3 as (hi, lo) pairs: s[0]=v0.hi, s[1]=v0.lo, s[2]=v1.hi, … s[7]=v3.lo.
const s = new Uint32Array(8);

/** v[a] += v[b] (mod 2^64). */
function add(a: number, b: number): void {
  const lo = (s[a + 1]! + s[b + 1]!) >>> 0;
  const carry = lo < s[a + 1]! ? 1 : 0;
  s[a] = s[a]! + s[b]! + carry;
  s[a + 1] = lo;
}

/** v[a] = rol64(v[a], n) for 0 < n < 64. */
function rol(a: number, n: number): void {
  let hi = s[a]!;
  let lo = s[a + 1]!;
  if (n >= 32) {
    [hi, lo] = [lo, hi];
    n -= 32;
  }
  if (n > 0) {
    s[a] = (hi << n) | (lo >>> (32 - n));
    s[a + 1] = (lo << n) | (hi >>> (32 - n));
  } else {
    s[a] = hi;
    s[a + 1] = lo;
  }
}

/** v[a] ^= v[b]. */
function xor(a: number, b: number): void {
  s[a] = s[a]! ^ s[b]!;
  s[a + 1] = s[a + 1]! ^ s[b + 1]!;
}

const V0 = 0;
const V1 = 2;
const V2 = 4;
const V3 = 6;

/** lib/siphash.c SIPROUND. */
function sipRound(): void {
  add(V0, V1); rol(V1, 13); xor(V1, V0); rol(V0, 32);
  add(V2, V3); rol(V3, 16); xor(V3, V2);
  add(V0, V3); rol(V3, 21); xor(V3, V0);
  add(V2, V1); rol(V1, 17); xor(V1, V2); rol(V2, 32);
}

/**
 * lib/siphash.c `hsiphash(&v, 4, key)` on a 64-bit kernel, for a u32 `v` (the only use in IPVS,
 * ip_vs_mh.c `ip_vs_mh_hashkey`). On 64-bit "HalfSipHash1-3" is really SipHash-1-3: PREAMBLE(4),
 * no full 8-byte block, b = (4 << 56) | le32(v), one compression round, three finalisation rounds,
 * result truncated to u32. (32-bit kernels run real HalfSipHash-1-3 and give other values.)
 */
export function hsiphash32(value: number, key: HsiphashKey): number {
  // PREAMBLE: v0..v3 = "somepseudorandomlygeneratedbytes" ^ key words.
  s[0] = 0x736f6d65 ^ key.k0[0]; s[1] = 0x70736575 ^ key.k0[1];
  s[2] = 0x646f7261 ^ key.k1[0]; s[3] = 0x6e646f6d ^ key.k1[1];
  s[4] = 0x6c796765 ^ key.k0[0]; s[5] = 0x6e657261 ^ key.k0[1];
  s[6] = 0x74656462 ^ key.k1[0]; s[7] = 0x79746573 ^ key.k1[1];
  const bHi = 4 << 24; // (u64)len << 56
  const bLo = value >>> 0; // `case 4: b |= le32_to_cpup(data)`
  // HPOSTAMBLE
  s[6] = s[6] ^ bHi; s[7] = s[7] ^ bLo;
  sipRound();
  s[0] = s[0] ^ bHi; s[1] = s[1] ^ bLo;
  s[5] = s[5] ^ 0xff;
  sipRound();
  sipRound();
  sipRound();
  // (v0 ^ v1) ^ (v2 ^ v3), truncated to the u32 return type.
  return (s[1] ^ s[3] ^ s[5] ^ s[7]) >>> 0;
}
