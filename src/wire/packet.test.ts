import { describe, expect, it } from 'vitest';
import { EtherType } from './ethernet.ts';
import { IpProtocol, type Ipv4Repr } from './ipv4.ts';
import {
  checkFrame,
  checkIpv4Packet,
  emitFrame,
  emitIpv4Packet,
  frameLength,
  ipv4PacketLength,
  parseFrame,
  parseIpv4Packet,
  type Frame,
  type Ipv4Packet,
} from './packet.ts';
import { TcpFlag, type TcpRepr } from './tcp.ts';
import * as fixtures from './testing/fixtures.ts';
import { errorOf, valueOf } from './testing/parsed.ts';

const FIXTURE_FRAMES = {
  ARP_REQUEST_FRAME: fixtures.ARP_REQUEST_FRAME,
  TCP_SYN_FRAME: fixtures.TCP_SYN_FRAME,
  TCP_SYN_ACK_FRAME: fixtures.TCP_SYN_ACK_FRAME,
  TCP_ACK_FRAME: fixtures.TCP_ACK_FRAME,
  TCP_HTTP_GET_FRAME: fixtures.TCP_HTTP_GET_FRAME,
  UDP_DNS_FRAME: fixtures.UDP_DNS_FRAME,
  ICMP_PORT_UNREACHABLE_FRAME: fixtures.ICMP_PORT_UNREACHABLE_FRAME,
  IPIP_ECHO_REQUEST_FRAME: fixtures.IPIP_ECHO_REQUEST_FRAME,
};

const IP: Ipv4Repr = {
  src: 0x0a000001,
  dst: 0x0a000002,
  protocol: IpProtocol.Tcp,
  ttl: 64,
  dscp: 0,
  ecn: 0,
  ident: 1,
  dontFragment: true,
  moreFragments: false,
  fragmentOffset: 0,
};
const TCP: TcpRepr = { srcPort: 40000, dstPort: 80, seq: 1, ack: 0, flags: TcpFlag.Syn, window: 64240, urgentPointer: 0, options: [], payload: new Uint8Array() };
const SYN: Ipv4Packet = { ip: IP, body: { kind: 'tcp', tcp: TCP } };

function mutated(bytes: Uint8Array, offset: number, ...values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, offset);
  return copy;
}

function padded(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(60, bytes.length));
  out.set(bytes);
  return out;
}

describe('packet', () => {
  it.each(Object.entries(FIXTURE_FRAMES))('parses %s and emits it back byte for byte (padded to 60)', (_, bytes) => {
    const frame = valueOf(parseFrame(bytes));
    expect(checkFrame(frame)).toBeNull();
    expect(emitFrame(frame)).toEqual(padded(bytes));
    expect(frameLength(frame)).toBe(Math.max(60, bytes.length));
  });

  it('reads a whole captured TCP/IP frame into nested reprs', () => {
    const frame = valueOf(parseFrame(fixtures.TCP_SYN_FRAME));
    expect(frame.eth).toEqual({ dst: 'f6:16:36:bc:f9:c6', src: '02:50:00:00:00:01', ethertype: 0x0800 });
    if (frame.body.kind !== 'ipv4' || frame.body.packet.body.kind !== 'tcp') throw new Error('not TCP/IPv4');
    expect(frame.body.packet.ip.ttl).toBe(64);
    expect(frame.body.packet.body.tcp.options[0]).toEqual({ kind: 'mss', value: 1460 });
    expect(ipv4PacketLength(frame.body.packet)).toBe(60);
  });

  it('parses an IPIP packet recursively and emits it back', () => {
    const packet = valueOf(parseIpv4Packet(fixtures.IPIP_ECHO_REQUEST_PACKET));
    expect(packet.ip.protocol).toBe(IpProtocol.Ipip);
    if (packet.body.kind !== 'ipip') throw new Error('not IPIP');
    const inner = packet.body.inner;
    expect(inner.ip.src).toBe(0xac100101);
    expect(inner.body.kind === 'icmp' && inner.body.icmp.type).toBe('echo-request');
    expect(ipv4PacketLength(packet)).toBe(104);
    expect(emitIpv4Packet(packet)).toEqual(fixtures.IPIP_ECHO_REQUEST_PACKET);
    expect(checkIpv4Packet(packet)).toBeNull();
  });

  it('computes lengths from reprs: header, options, payload, nested tunnels and the 60-byte minimum', () => {
    const withOptions: Ipv4Packet = { ip: IP, body: { kind: 'tcp', tcp: { ...TCP, options: [{ kind: 'mss', value: 1460 }, { kind: 'window-scale', shift: 7 }] } } };
    expect(ipv4PacketLength(withOptions)).toBe(20 + 28);
    expect(emitIpv4Packet(withOptions).length).toBe(48);
    const tunnelled: Ipv4Packet = { ip: { ...IP, protocol: IpProtocol.Ipip }, body: { kind: 'ipip', inner: withOptions } };
    expect(ipv4PacketLength(tunnelled)).toBe(68);
    const frame: Frame = { eth: { src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', ethertype: EtherType.Ipv4 }, body: { kind: 'ipv4', packet: SYN } };
    expect(frameLength(frame)).toBe(60);
    expect(emitFrame(frame).length).toBe(60);
    expect(frameLength({ ...frame, body: { kind: 'ipv4', packet: tunnelled } })).toBe(14 + 68);
  });

  it('keeps unknown EtherTypes, unknown protocols and fragments as raw bytes', () => {
    const ipv6 = mutated(fixtures.TCP_SYN_FRAME, 12, 0x86, 0xdd);
    const raw = valueOf(parseFrame(ipv6));
    expect(raw.body).toEqual({ kind: 'raw', bytes: fixtures.TCP_SYN_FRAME.slice(14) });

    const gre: Ipv4Packet = { ip: { ...IP, protocol: 47 }, body: { kind: 'raw', bytes: Uint8Array.from([0, 0, 8, 0]) } };
    expect(valueOf(parseIpv4Packet(emitIpv4Packet(gre)))).toEqual(gre);

    const fragment: Ipv4Packet = { ip: { ...IP, moreFragments: true }, body: { kind: 'raw', bytes: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) } };
    expect(checkIpv4Packet(fragment)).toBeNull();
    expect(valueOf(parseIpv4Packet(emitIpv4Packet(fragment)))).toEqual(fragment);
  });

  it('emits the protocol and EtherType of the body, and the check reports a mismatch', () => {
    const mismatched: Ipv4Packet = { ip: { ...IP, protocol: IpProtocol.Udp }, body: SYN.body };
    expect(checkIpv4Packet(mismatched)).toBe('ip.protocol is 17 but the body is tcp (protocol 6)');
    expect(emitIpv4Packet(mismatched)[9]).toBe(6);

    const frame: Frame = { eth: { src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', ethertype: EtherType.Arp }, body: { kind: 'ipv4', packet: SYN } };
    expect(checkFrame(frame)).toBe('eth.ethertype is 0x806 but the body is ipv4 (0x0800)');
    expect(emitFrame(frame).subarray(12, 14)).toEqual(Uint8Array.from([0x08, 0x00]));
  });

  it('reports inconsistencies that would not survive a round trip', () => {
    expect(checkIpv4Packet(SYN)).toBeNull();
    expect(checkIpv4Packet({ ...SYN, ip: { ...IP, ttl: 256 } })).toBe('ip.ttl 256 is not an integer in 0..255');
    expect(checkIpv4Packet({ ...SYN, ip: { ...IP, fragmentOffset: 10 } })).toBe('ip is a fragment (MF set or offset ≠ 0), so its body must be raw, not tcp');
    expect(checkIpv4Packet({ ip: IP, body: { kind: 'raw', bytes: new Uint8Array(20) } })).toMatch(/^ip\.protocol 6 with a raw body/);
    expect(checkIpv4Packet({ ip: IP, body: { kind: 'tcp', tcp: { ...TCP, options: [{ kind: 'eol' }] } } })).toMatch(/^tcp\.options\[0\] is 'eol'/);
    const tooManyOptions = Array.from({ length: 11 }, () => ({ kind: 'mss' as const, value: 1460 }));
    expect(checkIpv4Packet({ ip: IP, body: { kind: 'tcp', tcp: { ...TCP, options: tooManyOptions } } })).toBe(
      'tcp.options take 44 bytes, more than the 40 a data offset can describe',
    );
    expect(checkIpv4Packet({ ip: { ...IP, protocol: IpProtocol.Ipip }, body: { kind: 'ipip', inner: { ...SYN, ip: { ...IP, protocol: 17 } } } })).toBe(
      'inner ip.protocol is 17 but the body is tcp (protocol 6)',
    );
    let deep: Ipv4Packet = SYN;
    for (let i = 0; i < 9; i++) deep = { ip: { ...IP, protocol: IpProtocol.Ipip }, body: { kind: 'ipip', inner: deep } };
    expect(checkIpv4Packet(deep)).toMatch(/nests IPIP deeper than 8 levels/);
    const parsedDeep = valueOf(parseIpv4Packet(emitIpv4Packet(deep)));
    expect(checkIpv4Packet(parsedDeep)).toBeNull();
    const big: Ipv4Packet = { ip: { ...IP, protocol: 99 }, body: { kind: 'raw', bytes: new Uint8Array(65516) } };
    expect(checkIpv4Packet(big)).toBe('ip total length 65536 exceeds 65535');
    expect(checkFrame({ eth: { src: '02:00:00:00:00:0A', dst: '02:00:00:00:00:02', ethertype: 0x88b5 }, body: { kind: 'raw', bytes: new Uint8Array(46) } })).toBe(
      'eth.src "02:00:00:00:00:0A" is not a canonical MAC address (lowercase, \':\'-separated)',
    );
  });

  it('reports errors at their offset in the frame', () => {
    const syn = fixtures.TCP_SYN_FRAME;
    expect(errorOf(parseFrame(mutated(syn, 24, 0x12, 0x34)))).toBe('ipv4 at byte 14: header checksum 0x1234 is wrong (expected 0x3990)');
    expect(errorOf(parseFrame(mutated(syn, 50, 0xde, 0xad)))).toBe('tcp at byte 34: checksum 0xdead is wrong (expected 0x9cfc)');
    expect(errorOf(parseFrame(mutated(fixtures.ARP_REQUEST_FRAME, 14, 0, 6)))).toBe('arp at byte 14: hardware type 6 is not Ethernet (1)');
    expect(errorOf(parseFrame(syn.subarray(0, 10)))).toBe('ethernet at byte 0: 10 bytes is shorter than the 14-byte header');
    // The inner header of the tunnel starts at 14 + 20; its checksum is at 34 + 10.
    expect(errorOf(parseFrame(mutated(fixtures.IPIP_ECHO_REQUEST_FRAME, 44, 0, 0)))).toBe('ipv4 at byte 34: header checksum 0x0000 is wrong (expected 0xdafe)');
  });

  it('ignores Ethernet padding after an IPv4 packet or ARP', () => {
    const ack = valueOf(parseFrame(padded(fixtures.TCP_ACK_FRAME)));
    expect(ack.body.kind === 'ipv4' && ipv4PacketLength(ack.body.packet)).toBe(40);
    const nonZeroPadding = padded(fixtures.TCP_ACK_FRAME).fill(0xee, 54);
    expect(valueOf(parseFrame(nonZeroPadding))).toEqual(ack);
  });
});
