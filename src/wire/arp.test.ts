import { describe, expect, it } from 'vitest';
import { ARP_LEN, ArpPacket, emitArp, parseArp, type ArpRepr } from './arp.ts';
import { BROADCAST_MAC } from './mac-address.ts';
import { ARP_REQUEST_FCS, ARP_REQUEST_FRAME } from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';
import { referenceCrc32 } from './testing/reference.ts';

const ARP_BYTES = ARP_REQUEST_FRAME.subarray(14, 14 + ARP_LEN);
const REQUEST: ArpRepr = {
  operation: 'request',
  senderMac: '98:5a:eb:dd:1c:64',
  senderIp: 0xc0a80202, // 192.168.2.2
  targetMac: '00:00:00:00:00:00',
  targetIp: 0x9d37eb91, // 157.55.235.145
};

function mutated(offset: number, ...values: number[]): Uint8Array {
  const bytes = ARP_BYTES.slice();
  bytes.set(values, offset);
  return bytes;
}

describe('arp', () => {
  it('uses a fixture whose captured FCS proves its bytes', () => {
    const fcs = referenceCrc32(ARP_REQUEST_FRAME);
    expect([fcs & 0xff, (fcs >>> 8) & 0xff, (fcs >>> 16) & 0xff, fcs >>> 24]).toEqual(Array.from(ARP_REQUEST_FCS));
    expect(ARP_REQUEST_FRAME.subarray(0, 6)).toEqual(Uint8Array.from([255, 255, 255, 255, 255, 255]));
  });

  it('deconstructs a captured request', () => {
    const arp = valueOf(ArpPacket.newChecked(ARP_BYTES));
    expect(arp.hardwareType).toBe(1);
    expect(arp.protocolType).toBe(0x0800);
    expect(arp.hardwareLength).toBe(6);
    expect(arp.protocolLength).toBe(4);
    expect(arp.operation).toBe(1);
    expect(arp.senderMac).toBe('98:5a:eb:dd:1c:64');
    expect(arp.senderIp).toBe(0xc0a80202);
    expect(arp.targetMac).toBe('00:00:00:00:00:00');
    expect(arp.targetIp).toBe(0x9d37eb91);
  });

  it('parses the request, ignoring the Ethernet padding after it', () => {
    const result = parseArp(ARP_REQUEST_FRAME.subarray(14));
    expect(result.ok && result.value).toEqual(REQUEST);
  });

  it('constructs the same 28 bytes', () => {
    const buf = new Uint8Array(ARP_LEN);
    emitArp(REQUEST, buf);
    expect(buf).toEqual(ARP_BYTES);
  });

  it('round-trips a reply', () => {
    const reply: ArpRepr = { operation: 'reply', senderMac: '02:00:00:00:00:02', senderIp: 0x0a000064, targetMac: '02:00:00:00:00:01', targetIp: 0x0a000001 };
    const buf = new Uint8Array(ARP_LEN + 2);
    emitArp(reply, buf, 2);
    expect(buf[2 + 7]).toBe(2);
    expect(parseArp(buf.subarray(2))).toEqual({ ok: true, value: reply });
    const gratuitous: ArpRepr = { ...REQUEST, targetMac: BROADCAST_MAC, targetIp: REQUEST.senderIp };
    emitArp(gratuitous, buf, 0);
    expect(parseArp(buf)).toEqual({ ok: true, value: gratuitous });
  });

  it('rejects a packet too short for the fixed part', () => {
    expect(errorOf(parseArp(ARP_BYTES.subarray(0, 7)))).toBe('arp at byte 0: 7 bytes is shorter than the 8-byte fixed part of an ARP header');
  });

  it('rejects a hardware type other than Ethernet', () => {
    expect(errorOf(parseArp(mutated(0, 0x00, 0x06)))).toBe('arp at byte 0: hardware type 6 is not Ethernet (1)');
  });

  it('rejects a protocol type other than IPv4', () => {
    expect(errorOf(parseArp(mutated(2, 0x86, 0xdd)))).toBe('arp at byte 2: protocol type 0x86dd is not IPv4 (0x0800)');
  });

  it('rejects address lengths other than 6 and 4', () => {
    expect(errorOf(parseArp(mutated(4, 8)))).toBe('arp at byte 4: hardware address length 8 is not 6');
    expect(errorOf(parseArp(mutated(5, 16)))).toBe('arp at byte 5: protocol address length 16 is not 4');
  });

  it('rejects a truncated Ethernet/IPv4 packet', () => {
    expect(errorOf(parseArp(ARP_BYTES.subarray(0, 27)))).toBe('arp at byte 0: 27 bytes is shorter than the 28-byte Ethernet/IPv4 ARP packet');
  });

  it('rejects an operation that is neither request nor reply', () => {
    expect(errorOf(parseArp(mutated(6, 0, 3)))).toBe('arp at byte 6: operation 3 is neither request (1) nor reply (2)');
  });
});
