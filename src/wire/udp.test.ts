import { describe, expect, it } from 'vitest';
import { IpProtocol } from './ipv4.ts';
import { UDP_DNS_FRAME } from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';
import { be16, referenceChecksum, referencePseudoHeader } from './testing/reference.ts';
import { emitUdp, parseUdp, UdpDatagram, udpDatagramLength, type UdpRepr } from './udp.ts';

const DNS_SERVER = 0xac10ff01; // 172.16.255.1
const CLIENT = 0xac1d140f; // 172.29.20.15
const DNS = UDP_DNS_FRAME.subarray(34);

function emitted(repr: UdpRepr, src: number, dst: number): Uint8Array {
  const buf = new Uint8Array(udpDatagramLength(repr));
  emitUdp(repr, src, dst, buf);
  return buf;
}

function mutated(bytes: Uint8Array, offset: number, ...values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, offset);
  return copy;
}

describe('udp', () => {
  it('has a fixture whose checksum is right by an independent computation', () => {
    expect(referenceChecksum(referencePseudoHeader(DNS_SERVER, CLIENT, IpProtocol.Udp, DNS.length), mutated(DNS, 6, 0, 0))).toBe(be16(DNS, 6));
    expect(be16(DNS, 6)).toBe(30026);
  });

  it('deconstructs a captured DNS response', () => {
    const udp = valueOf(UdpDatagram.newChecked(DNS));
    expect(udp.srcPort).toBe(53);
    expect(udp.dstPort).toBe(35181);
    expect(udp.length).toBe(210);
    expect(udp.checksum).toBe(0x754a);
    expect(udp.payload.length).toBe(202);
    expect(udp.verifyChecksum(DNS_SERVER, CLIENT)).toBe(true);
  });

  it('parses and constructs it byte for byte', () => {
    const repr = valueOf(parseUdp(DNS, DNS_SERVER, CLIENT));
    expect(repr.srcPort).toBe(53);
    expect(repr.payload).toEqual(DNS.subarray(8));
    expect(emitted(repr, DNS_SERVER, CLIENT)).toEqual(DNS);
  });

  it('round-trips an empty datagram', () => {
    const repr: UdpRepr = { srcPort: 33434, dstPort: 53, payload: new Uint8Array() };
    expect(valueOf(parseUdp(emitted(repr, CLIENT, DNS_SERVER), CLIENT, DNS_SERVER))).toEqual(repr);
  });

  it('accepts a checksum of 0, which means none (RFC 768)', () => {
    const repr = valueOf(parseUdp(mutated(DNS, 6, 0, 0), DNS_SERVER, CLIENT));
    expect(repr.dstPort).toBe(35181);
  });

  it('sends a computed checksum of 0 as 0xffff (RFC 768)', () => {
    // Choose the last two payload bytes so the datagram sums to 0xffff, i.e. its checksum computes to 0.
    const base: UdpRepr = { srcPort: 1000, dstPort: 2000, payload: Uint8Array.from([1, 2, 3, 4, 0, 0]) };
    const first = emitted(base, CLIENT, DNS_SERVER);
    const fix = be16(first, 6) === 0xffff ? 0 : be16(first, 6);
    const repr: UdpRepr = { ...base, payload: Uint8Array.from([1, 2, 3, 4, fix >> 8, fix & 0xff]) };
    const bytes = emitted(repr, CLIENT, DNS_SERVER);
    expect(be16(bytes, 6)).toBe(0xffff);
    expect(valueOf(parseUdp(bytes, CLIENT, DNS_SERVER))).toEqual(repr);
  });

  it('ignores bytes past the length field', () => {
    const padded = new Uint8Array(DNS.length + 4);
    padded.set(DNS);
    expect(valueOf(parseUdp(padded, DNS_SERVER, CLIENT)).payload.length).toBe(202);
  });

  it('rejects a datagram shorter than the header', () => {
    expect(errorOf(parseUdp(DNS.subarray(0, 7), DNS_SERVER, CLIENT))).toBe('udp at byte 0: 7 bytes is shorter than the 8-byte header');
  });

  it('rejects a length field below 8', () => {
    expect(errorOf(parseUdp(mutated(DNS, 4, 0, 7), DNS_SERVER, CLIENT))).toBe('udp at byte 4: length 7 is shorter than the 8-byte header');
  });

  it('rejects a length field longer than the bytes received', () => {
    expect(errorOf(parseUdp(DNS.subarray(0, 200), DNS_SERVER, CLIENT))).toBe('udp at byte 4: length 210 is longer than the 200 bytes received');
  });

  it('rejects a wrong checksum, naming the expected one', () => {
    expect(errorOf(parseUdp(mutated(DNS, 6, 0x12, 0x34), DNS_SERVER, CLIENT))).toBe('udp at byte 0: checksum 0x1234 is wrong (expected 0x754a)');
  });
});
