import { describe, expect, it } from 'vitest';
import { fail, formatWireError, hex16, shifted } from './result.ts';

describe('result', () => {
  it('formats an error as layer, byte offset and reason', () => {
    expect(formatWireError({ layer: 'ipv4', offset: 14, reason: 'header checksum 0x1234 is wrong (expected 0xb1e6)' })).toBe(
      'ipv4 at byte 14: header checksum 0x1234 is wrong (expected 0xb1e6)',
    );
  });

  it('shifts a nested failure by the position of its header', () => {
    expect(shifted(fail('tcp', 12, 'data offset 4 (16 bytes) is below the minimum 5 (20 bytes)'), 34).error).toEqual({
      layer: 'tcp',
      offset: 46,
      reason: 'data offset 4 (16 bytes) is below the minimum 5 (20 bytes)',
    });
  });

  it('prints checksums as four lowercase hex digits', () => {
    expect(hex16(0x1c46)).toBe('0x1c46');
    expect(hex16(0xb)).toBe('0x000b');
  });
});
