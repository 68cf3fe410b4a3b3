import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameFields } from './fields.ts';
import { checkFrame, checkIpv4Packet, emitFrame, emitIpv4Packet, frameLength, ipv4PacketLength, parseFrame, parseIpv4Packet } from './packet.ts';
import { arbFrame, arbIpv4Packet } from './testing/arbitraries.ts';
import { TCP_HTTP_GET_FRAME, IPIP_ECHO_REQUEST_FRAME, ICMP_PORT_UNREACHABLE_FRAME, ARP_REQUEST_FRAME } from './testing/fixtures.ts';

describe('packet properties', () => {
  it('round-trips random valid frames through emitFrame and parseFrame', () => {
    fc.assert(
      fc.property(arbFrame, (frame) => {
        expect(checkFrame(frame)).toBeNull();
        const bytes = emitFrame(frame);
        expect(bytes.length).toBe(frameLength(frame));
        const parsed = parseFrame(bytes);
        expect(parsed).toEqual({ ok: true, value: frame });
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips random valid packets through emitIpv4Packet and parseIpv4Packet', () => {
    fc.assert(
      fc.property(arbIpv4Packet(3), (packet) => {
        expect(checkIpv4Packet(packet)).toBeNull();
        const bytes = emitIpv4Packet(packet);
        expect(bytes.length).toBe(ipv4PacketLength(packet));
        expect(parseIpv4Packet(bytes)).toEqual({ ok: true, value: packet });
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary bytes, and whatever it accepts is consistent and describable', () => {
    const seeds = [TCP_HTTP_GET_FRAME, IPIP_ECHO_REQUEST_FRAME, ICMP_PORT_UNREACHABLE_FRAME, ARP_REQUEST_FRAME];
    const corrupted = fc
      .record({ seed: fc.constantFrom(...seeds), at: fc.nat(200), value: fc.nat(255), cut: fc.nat(200) })
      .map(({ seed, at, value, cut }) => {
        const bytes = seed.slice(0, Math.max(cut, 14));
        if (at < bytes.length) bytes[at] = value;
        return bytes;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), corrupted), (bytes) => {
        const result = parseFrame(bytes);
        if (result.ok) {
          expect(checkFrame(result.value)).toBeNull();
          expect(() => frameFields(result.value)).not.toThrow();
        } else {
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThanOrEqual(bytes.length);
          expect(result.error.reason).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
