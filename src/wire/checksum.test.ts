import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumUpdate16, checksumUpdate32, internetChecksum, onesComplementSum, pseudoHeaderSum } from './checksum.ts';
import { bytesFromHex } from './hex.ts';
import { referenceChecksum, referencePseudoHeader } from './testing/reference.ts';

// The IPv4 header of TCP_SYN_FRAME (checksum 0x3990 at bytes 10-11).
const SYN_IP_HEADER = bytesFromHex('4500 003c 2d5c 4000 4006 3990 c0a8 4103 bcb8 156c');

function withWord(bytes: Uint8Array, offset: number, word: number): Uint8Array {
  const copy = bytes.slice();
  copy[offset] = word >>> 8;
  copy[offset + 1] = word & 0xff;
  return copy;
}

function word(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function fullChecksum(header: Uint8Array): number {
  return internetChecksum(withWord(header, 10, 0));
}

describe('checksum', () => {
  it('sums the RFC 1071 §3 example to 0xddf2', () => {
    const bytes = bytesFromHex('00 01 f2 03 f4 f5 f6 f7');
    expect(onesComplementSum(bytes)).toBe(0xddf2);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it('reproduces a captured IPv4 header checksum, and the whole header sums to 0xffff', () => {
    expect(fullChecksum(SYN_IP_HEADER)).toBe(0x3990);
    expect(onesComplementSum(SYN_IP_HEADER)).toBe(0xffff);
  });

  it('pads an odd trailing byte with zero and honours start, end and initial', () => {
    expect(onesComplementSum(bytesFromHex('12'))).toBe(0x1200);
    const bytes = bytesFromHex('ffff 1234 5678 ffff');
    expect(onesComplementSum(bytes, 2, 6)).toBe(0x1234 + 0x5678);
    expect(onesComplementSum(bytes, 2, 6, 0x0001)).toBe(0x1234 + 0x5678 + 1);
  });

  it('agrees with a naive reference on random data, including long buffers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        expect(internetChecksum(bytes)).toBe(referenceChecksum(bytes));
      }),
    );
    const big = new Uint8Array(65535).fill(0xff);
    expect(internetChecksum(big)).toBe(referenceChecksum(big));
  });

  it('sums the pseudo-header like its 12 bytes', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.nat(0xffffffff), fc.nat(255), fc.nat(0xffff), (src, dst, protocol, length) => {
        const bytes = Uint8Array.from(referencePseudoHeader(src, dst, protocol, length));
        expect(pseudoHeaderSum(src, dst, protocol, length)).toBe(onesComplementSum(bytes));
      }),
    );
  });

  it('updates incrementally like a full recomputation when the TTL drops (ip_decrease_ttl)', () => {
    const ttlWord = word(SYN_IP_HEADER, 8);
    const after = withWord(SYN_IP_HEADER, 8, ttlWord - 0x0100);
    expect(checksumUpdate16(0x3990, ttlWord, ttlWord - 0x0100)).toBe(fullChecksum(after));
  });

  it('updates incrementally like a full recomputation for any 16-bit or 32-bit change (RFC 1624 eqn. 3)', () => {
    const header = fc.uint8Array({ minLength: 20, maxLength: 20 }).filter((b) => b.some((x, i) => x !== 0 && (i < 10 || i > 11)));
    fc.assert(
      fc.property(header, fc.integer({ min: 0, max: 8 }), fc.nat(0xffff), (bytes, wordIndex, newWord) => {
        const at = wordIndex < 5 ? wordIndex * 2 : wordIndex * 2 + 2; // skip the checksum field
        const before = withWord(bytes, 10, fullChecksum(bytes));
        const after = withWord(before, at, newWord);
        if (after.every((b, i) => b === 0 || i === 10 || i === 11)) return; // all-zero data: 0xffff vs 0 ambiguity
        expect(checksumUpdate16(word(before, 10), word(before, at), newWord)).toBe(fullChecksum(after));
      }),
    );
    fc.assert(
      fc.property(header, fc.constantFrom(12, 16), fc.nat(0xffffffff), (bytes, at, newAddress) => {
        const before = withWord(bytes, 10, fullChecksum(bytes));
        const after = withWord(withWord(before, at, newAddress >>> 16), at + 2, newAddress & 0xffff);
        if (after.every((b, i) => b === 0 || i === 10 || i === 11)) return;
        const oldAddress = ((word(before, at) << 16) | word(before, at + 2)) >>> 0;
        expect(checksumUpdate32(word(before, 10), oldAddress, newAddress)).toBe(fullChecksum(after));
      }),
    );
  });

  it('updates a TCP checksum for a NAT address rewrite through the pseudo-header (inet_proto_csum_replace4)', () => {
    // The ACK of TCP_ACK_FRAME: 192.168.65.3 > 188.184.21.108, checksum 0xee64.
    const segment = bytesFromHex('e3ae 0050 c816 e8fd 1afe 3b98 5010 01f6 ee64 0000');
    const tcpChecksum = (src: number, dst: number) =>
      internetChecksum(withWord(segment, 16, 0), 0, segment.length, pseudoHeaderSum(src, dst, 6, segment.length));
    const src = 0xc0a84103;
    const dst = 0xbcb8156c;
    expect(tcpChecksum(src, dst)).toBe(0xee64);
    const realServer = 0x0a000002; // DNAT of the destination, as IPVS NAT mode does
    expect(checksumUpdate32(0xee64, dst, realServer)).toBe(tcpChecksum(src, realServer));
  });
});
