import { describe, expect, it } from 'vitest';
import { bytesFromHex } from './hex.ts';
import { emitIpv4, IpProtocol, IPV4_HEADER_LEN, Ipv4Datagram, isFragment, parseIpv4, type Ipv4Repr } from './ipv4.ts';
import { TCP_SYN_FRAME } from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';
import { be16, referenceChecksum } from './testing/reference.ts';

const SYN_PACKET = TCP_SYN_FRAME.subarray(14);
const SYN_IP: Ipv4Repr = {
  src: 0xc0a84103, // 192.168.65.3
  dst: 0xbcb8156c, // 188.184.21.108
  protocol: IpProtocol.Tcp,
  ttl: 64,
  dscp: 0,
  ecn: 0,
  ident: 0x2d5c,
  dontFragment: true,
  moreFragments: false,
  fragmentOffset: 0,
};

function mutated(bytes: Uint8Array, offset: number, ...values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, offset);
  return copy;
}

describe('ipv4', () => {
  it('has a fixture whose header checksum is right by an independent computation', () => {
    const header = SYN_PACKET.slice(0, IPV4_HEADER_LEN);
    const stored = be16(header, 10);
    header.set([0, 0], 10);
    expect(referenceChecksum(header)).toBe(stored);
    expect(stored).toBe(0x3990);
  });

  it('deconstructs a captured header', () => {
    const ip = valueOf(Ipv4Datagram.newChecked(SYN_PACKET));
    expect(ip.version).toBe(4);
    expect(ip.headerLength).toBe(20);
    expect(ip.dscp).toBe(0);
    expect(ip.ecn).toBe(0);
    expect(ip.totalLength).toBe(60);
    expect(ip.ident).toBe(0x2d5c);
    expect(ip.dontFragment).toBe(true);
    expect(ip.moreFragments).toBe(false);
    expect(ip.fragmentOffset).toBe(0);
    expect(ip.ttl).toBe(64);
    expect(ip.protocol).toBe(6);
    expect(ip.checksum).toBe(0x3990);
    expect(ip.src).toBe(0xc0a84103);
    expect(ip.dst).toBe(0xbcb8156c);
    expect(ip.verifyChecksum()).toBe(true);
    expect(ip.payload).toEqual(SYN_PACKET.subarray(20, 60));
  });

  it('parses the header and cuts the payload at the total length', () => {
    const { repr, payload, headerLength } = valueOf(parseIpv4(SYN_PACKET));
    expect(repr).toEqual(SYN_IP);
    expect(headerLength).toBe(20);
    expect(payload.length).toBe(40);
  });

  it('constructs the same 20 bytes, checksum included', () => {
    const buf = new Uint8Array(IPV4_HEADER_LEN);
    emitIpv4(SYN_IP, 40, buf);
    expect(buf).toEqual(SYN_PACKET.subarray(0, 20));
  });

  it('reproduces the Wikipedia checksum example (0xb861)', () => {
    const repr: Ipv4Repr = { ...SYN_IP, src: 0xc0a80001, dst: 0xc0a800c7, protocol: IpProtocol.Udp, ident: 0, ttl: 64 };
    const buf = new Uint8Array(IPV4_HEADER_LEN);
    emitIpv4(repr, 0x73 - 20, buf);
    expect(buf).toEqual(bytesFromHex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7'));
  });

  it('round-trips every field, fragments and DSCP/ECN included', () => {
    const repr: Ipv4Repr = { ...SYN_IP, dscp: 46, ecn: 3, dontFragment: false, moreFragments: true, fragmentOffset: 185, ttl: 1, ident: 0xffff };
    const buf = new Uint8Array(IPV4_HEADER_LEN + 8);
    emitIpv4(repr, 8, buf);
    expect(valueOf(parseIpv4(buf)).repr).toEqual(repr);
    expect(isFragment(repr)).toBe(true);
    expect(isFragment(SYN_IP)).toBe(false);
  });

  it('tolerates Ethernet padding after the total length', () => {
    const padded = new Uint8Array(SYN_PACKET.length + 6);
    padded.set(SYN_PACKET);
    padded.fill(0xaa, SYN_PACKET.length);
    expect(valueOf(parseIpv4(padded)).payload).toEqual(SYN_PACKET.subarray(20));
  });

  it('accepts and skips options (IHL > 5)', () => {
    // Four bytes of RFC 791 options (three no-operations and an end-of-list), then 8 payload bytes.
    const header = bytesFromHex('4600 0020 0001 0000 4001 0000 0a00 0001 0a00 0002 0101 0100 0000 0000 abcd ef01');
    const view = Ipv4Datagram.newUnchecked(header);
    view.fillChecksum();
    const { repr, payload, headerLength } = valueOf(parseIpv4(header));
    expect(headerLength).toBe(24);
    expect(repr.protocol).toBe(IpProtocol.Icmp);
    expect(Array.from(payload)).toEqual([0, 0, 0, 0, 0xab, 0xcd, 0xef, 0x01]);
  });

  it('rejects a buffer shorter than the minimum header', () => {
    expect(errorOf(parseIpv4(SYN_PACKET.subarray(0, 19)))).toBe('ipv4 at byte 0: 19 bytes is shorter than the 20-byte minimum header');
  });

  it('rejects a version other than 4', () => {
    expect(errorOf(parseIpv4(mutated(SYN_PACKET, 0, 0x65)))).toBe('ipv4 at byte 0: version 6 is not 4');
  });

  it('rejects an IHL below 5', () => {
    expect(errorOf(parseIpv4(mutated(SYN_PACKET, 0, 0x44)))).toBe('ipv4 at byte 0: header length field 4 (16 bytes) is below the minimum 5 (20 bytes)');
  });

  it('rejects a header length running past the buffer', () => {
    expect(errorOf(parseIpv4(mutated(SYN_PACKET, 0, 0x4f).subarray(0, 40)))).toBe('ipv4 at byte 0: header length 60 bytes runs past the 40 bytes received');
  });

  it('rejects a total length shorter than the header', () => {
    expect(errorOf(parseIpv4(mutated(SYN_PACKET, 2, 0x00, 0x10)))).toBe('ipv4 at byte 2: total length 16 is shorter than the 20-byte header');
  });

  it('rejects a total length longer than the buffer', () => {
    expect(errorOf(parseIpv4(SYN_PACKET.subarray(0, 59)))).toBe('ipv4 at byte 2: total length 60 is longer than the 59 bytes received');
  });

  it('rejects a wrong header checksum, naming the expected one', () => {
    expect(errorOf(parseIpv4(mutated(SYN_PACKET, 10, 0x12, 0x34)))).toBe('ipv4 at byte 0: header checksum 0x1234 is wrong (expected 0x3990)');
  });
});
