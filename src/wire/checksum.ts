// The Internet checksum (RFC 1071) and its incremental update (RFC 1624), as the kernel computes
// them in csum_partial / ip_fast_csum / csum_replace4.
import type { Ipv4Address } from './ipv4-address.ts';

function fold(sum: number): number {
  // End-around carry. Division rather than `>>> 16` keeps sums above 2^32 exact.
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * The 16-bit one's complement sum of `bytes[start, end)` plus `initial`, folded to 16 bits
 * (not complemented). An odd trailing byte is padded with a zero byte on the right (RFC 1071 §4.1).
 */
export function onesComplementSum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  const from = Math.max(0, start);
  const to = Math.min(bytes.length, end);
  let sum = initial;
  let i = from;
  for (; i + 1 < to; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  if (i < to) sum += (bytes[i] ?? 0) << 8;
  return fold(sum);
}

/** The RFC 1071 checksum of `bytes[start, end)` seeded with `initial`: the value to store in a checksum field that was zero while summing. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  return ~onesComplementSum(bytes, start, end, initial) & 0xffff;
}

/** The folded sum of the TCP/UDP pseudo-header (RFC 793 §3.1, RFC 768): source, destination, zero+protocol, length. */
export function pseudoHeaderSum(src: Ipv4Address, dst: Ipv4Address, protocol: number, length: number): number {
  return fold((src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + (protocol & 0xff) + (length & 0xffff));
}

/**
 * The checksum after one 16-bit word of the covered data changes from `oldWord` to `newWord`:
 * RFC 1624 eqn. 3, HC' = ~(~HC + ~m + m'), the kernel's csum_replace2. It equals a full
 * recomputation whenever the covered data is not all zeros.
 */
export function checksumUpdate16(oldChecksum: number, oldWord: number, newWord: number): number {
  return ~fold((~oldChecksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff)) & 0xffff;
}

/**
 * The checksum after a 32-bit value of the covered data (an address, a sequence number) changes:
 * RFC 1624 eqn. 3 over both halves, the kernel's csum_replace4 (and, for a pseudo-header
 * address, inet_proto_csum_replace4). A UDP checksum of 0 means "none" and must be left alone
 * by the caller, as the kernel does with CSUM_MANGLED_0.
 */
export function checksumUpdate32(oldChecksum: number, oldValue: number, newValue: number): number {
  const sum =
    (~oldChecksum & 0xffff) +
    (~(oldValue >>> 16) & 0xffff) +
    (~oldValue & 0xffff) +
    ((newValue >>> 16) & 0xffff) +
    (newValue & 0xffff);
  return ~fold(sum) & 0xffff;
}
