import { describe, expect, it } from 'vitest';
import { bytesFromHex, hexDump } from './hex.ts';

describe('hex', () => {
  it('dumps like tcpdump -xx: 16 bytes a line in 2-byte groups, an odd last byte alone', () => {
    const bytes = bytesFromHex('4500 003c 1c46 4000 4006 b1e6 ac10 0a63 ac10 0a0c 01');
    expect(hexDump(bytes)).toBe('\t0x0000:  4500 003c 1c46 4000 4006 b1e6 ac10 0a63\n\t0x0010:  ac10 0a0c 01');
    expect(hexDump(new Uint8Array())).toBe('');
  });

  it('reads hex with any spacing and with pasted tcpdump offsets', () => {
    expect(Array.from(bytesFromHex('45 00\n003c'))).toEqual([0x45, 0x00, 0x00, 0x3c]);
    expect(Array.from(bytesFromHex('\t0x0000:  4500 003c\n\t0x0010:  ac10'))).toEqual([0x45, 0, 0, 0x3c, 0xac, 0x10]);
  });

  it('round-trips its own dump', () => {
    const bytes = Uint8Array.from({ length: 37 }, (_, i) => (i * 37) & 0xff);
    expect(bytesFromHex(hexDump(bytes))).toEqual(bytes);
  });

  it('throws on text that is not hex, since fixtures are written by people', () => {
    expect(() => bytesFromHex('45 0g')).toThrow(/not a hex digit/);
    expect(() => bytesFromHex('450')).toThrow(/odd number/);
  });
});
