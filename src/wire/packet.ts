// The composite the simulation passes around: a frame or an IPv4 packet as nested reprs, with
// their lengths (cheap, per hop), emit to bytes and parse from bytes (for pcap, inspector, traces).
import { ARP_LEN, emitArp, parseArp, type ArpRepr } from './arp.ts';
import {
  emitEthernet,
  ETHERNET_HEADER_LEN,
  ETHERNET_MIN_FRAME_LEN,
  EtherType,
  parseEthernet,
  type EthernetRepr,
} from './ethernet.ts';
import { emitIcmp, icmpMessageLength, parseIcmp, type IcmpRepr } from './icmp.ts';
import { emitIpv4, IpProtocol, IPV4_HEADER_LEN, isFragment, parseIpv4, type Ipv4Repr } from './ipv4.ts';
import { frameProblem, ipv4PacketProblem, MAX_IPIP_DEPTH } from './packet-check.ts';
import { parsed, shifted, type Parsed } from './result.ts';
import { emitTcp, parseTcp, tcpSegmentLength, type TcpRepr } from './tcp.ts';
import { emitUdp, parseUdp, UDP_HEADER_LEN, type UdpRepr } from './udp.ts';

/** What an IPv4 packet carries. */
export type Ipv4Body =
  | { readonly kind: 'tcp'; readonly tcp: TcpRepr }
  | { readonly kind: 'udp'; readonly udp: UdpRepr }
  | { readonly kind: 'icmp'; readonly icmp: IcmpRepr }
  /** Protocol 4 (RFC 2003): the payload is a whole IPv4 packet. */
  | { readonly kind: 'ipip'; readonly inner: Ipv4Packet }
  /** Any other protocol, or a fragment (whose payload is not a whole segment). */
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

/** An IPv4 packet as plain data. */
export interface Ipv4Packet {
  readonly ip: Ipv4Repr;
  readonly body: Ipv4Body;
}

/** What an Ethernet frame carries. */
export type FrameBody =
  | { readonly kind: 'arp'; readonly arp: ArpRepr }
  | { readonly kind: 'ipv4'; readonly packet: Ipv4Packet }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array };

/** An Ethernet frame as plain data. */
export interface Frame {
  readonly eth: EthernetRepr;
  readonly body: FrameBody;
}

/** The IP protocol number a body is emitted with (`raw` keeps the header's own). */
export function ipv4ProtocolOf(p: Ipv4Packet): number {
  switch (p.body.kind) {
    case 'tcp':
      return IpProtocol.Tcp;
    case 'udp':
      return IpProtocol.Udp;
    case 'icmp':
      return IpProtocol.Icmp;
    case 'ipip':
      return IpProtocol.Ipip;
    case 'raw':
      return p.ip.protocol;
  }
}

/** The EtherType a frame body is emitted with (`raw` keeps the header's own). */
export function etherTypeOf(f: Frame): number {
  switch (f.body.kind) {
    case 'arp':
      return EtherType.Arp;
    case 'ipv4':
      return EtherType.Ipv4;
    case 'raw':
      return f.eth.ethertype;
  }
}

/** The length of the body of an IPv4 packet in bytes. */
export function ipv4BodyLength(body: Ipv4Body): number {
  switch (body.kind) {
    case 'tcp':
      return tcpSegmentLength(body.tcp);
    case 'udp':
      return UDP_HEADER_LEN + body.udp.payload.length;
    case 'icmp':
      return icmpMessageLength(body.icmp);
    case 'ipip':
      return ipv4PacketLength(body.inner);
    case 'raw':
      return body.bytes.length;
  }
}

/** The IP total length in bytes, computed from the reprs without touching any bytes. */
export function ipv4PacketLength(p: Ipv4Packet): number {
  return IPV4_HEADER_LEN + ipv4BodyLength(p.body);
}

/** The bytes of the frame on the wire without FCS, including padding to the 60-byte minimum. */
export function frameLength(f: Frame): number {
  return paddedFrameLength(unpaddedFrameLength(f));
}

/** The bytes of the frame before padding: the Ethernet header and what it carries (skb->len as sent). */
export function unpaddedFrameLength(f: Frame): number {
  switch (f.body.kind) {
    case 'arp':
      return ETHERNET_HEADER_LEN + ARP_LEN;
    case 'ipv4':
      return ETHERNET_HEADER_LEN + ipv4PacketLength(f.body.packet);
    case 'raw':
      return ETHERNET_HEADER_LEN + f.body.bytes.length;
  }
}

/** A frame of `length` bytes as it goes on the wire: padded to the 60-byte minimum (ETH_ZLEN). */
export function paddedFrameLength(length: number): number {
  return length < ETHERNET_MIN_FRAME_LEN ? ETHERNET_MIN_FRAME_LEN : length;
}

/**
 * Null when the packet is consistent, else the first problem: ip.protocol must agree with the body
 * kind, a fragment's body must be raw, every field must fit its width. For a consistent packet,
 * parseIpv4Packet(emitIpv4Packet(p)) gives back an equal packet.
 */
export function checkIpv4Packet(p: Ipv4Packet): string | null {
  return ipv4PacketProblem(p, ipv4PacketLength(p));
}

/** Like `checkIpv4Packet` for a frame: MACs canonical and the EtherType agreeing with the body too. */
export function checkFrame(f: Frame): string | null {
  return frameProblem(f, f.body.kind === 'ipv4' ? ipv4PacketLength(f.body.packet) : 0);
}

function emitIpv4PacketInto(p: Ipv4Packet, buf: Uint8Array, offset: number): void {
  const bodyLength = ipv4BodyLength(p.body);
  emitIpv4({ ...p.ip, protocol: ipv4ProtocolOf(p) }, bodyLength, buf, offset);
  const at = offset + IPV4_HEADER_LEN;
  const { src, dst } = p.ip;
  switch (p.body.kind) {
    case 'tcp':
      emitTcp(p.body.tcp, src, dst, buf, at);
      break;
    case 'udp':
      emitUdp(p.body.udp, src, dst, buf, at);
      break;
    case 'icmp':
      emitIcmp(p.body.icmp, buf, at);
      break;
    case 'ipip':
      emitIpv4PacketInto(p.body.inner, buf, at);
      break;
    case 'raw':
      buf.set(p.body.bytes, at);
      break;
  }
}

/** The bytes of the packet, with the IP header checksum and the TCP/UDP/ICMP checksums filled in. */
export function emitIpv4Packet(p: Ipv4Packet): Uint8Array {
  const buf = new Uint8Array(ipv4PacketLength(p));
  emitIpv4PacketInto(p, buf, 0);
  return buf;
}

/** The bytes of the frame without FCS, zero-padded to 60 bytes; the EtherType follows the body. */
export function emitFrame(f: Frame): Uint8Array {
  const buf = new Uint8Array(frameLength(f));
  emitEthernet({ ...f.eth, ethertype: etherTypeOf(f) }, buf, 0);
  switch (f.body.kind) {
    case 'arp':
      emitArp(f.body.arp, buf, ETHERNET_HEADER_LEN);
      break;
    case 'ipv4':
      emitIpv4PacketInto(f.body.packet, buf, ETHERNET_HEADER_LEN);
      break;
    case 'raw':
      buf.set(f.body.bytes, ETHERNET_HEADER_LEN);
      break;
  }
  return buf;
}

function parseIpv4PacketAt(bytes: Uint8Array, depth: number): Parsed<Ipv4Packet> {
  const header = parseIpv4(bytes);
  if (!header.ok) return header;
  const { repr: ip, payload, headerLength } = header.value;
  const body = parseIpv4Body(ip, payload, depth);
  if (!body.ok) return shifted(body, headerLength);
  return parsed({ ip, body: body.value });
}

function parseIpv4Body(ip: Ipv4Repr, payload: Uint8Array, depth: number): Parsed<Ipv4Body> {
  if (isFragment(ip)) return parsed({ kind: 'raw', bytes: payload.slice() });
  switch (ip.protocol) {
    case IpProtocol.Tcp: {
      const tcp = parseTcp(payload, ip.src, ip.dst);
      return tcp.ok ? parsed({ kind: 'tcp', tcp: tcp.value }) : tcp;
    }
    case IpProtocol.Udp: {
      const udp = parseUdp(payload, ip.src, ip.dst);
      return udp.ok ? parsed({ kind: 'udp', udp: udp.value }) : udp;
    }
    case IpProtocol.Icmp: {
      const icmp = parseIcmp(payload);
      return icmp.ok ? parsed({ kind: 'icmp', icmp: icmp.value }) : icmp;
    }
    case IpProtocol.Ipip: {
      if (depth >= MAX_IPIP_DEPTH) return parsed({ kind: 'raw', bytes: payload.slice() });
      const inner = parseIpv4PacketAt(payload, depth + 1);
      return inner.ok ? parsed({ kind: 'ipip', inner: inner.value }) : inner;
    }
    default:
      return parsed({ kind: 'raw', bytes: payload.slice() });
  }
}

/** Reads an IPv4 packet and its body; protocol 4 parses the inner packet, fragments and unknown protocols stay raw. */
export function parseIpv4Packet(bytes: Uint8Array): Parsed<Ipv4Packet> {
  return parseIpv4PacketAt(bytes, 0);
}

/** Reads an Ethernet frame (without FCS); unknown EtherTypes stay raw, padding after ARP or IP is ignored. */
export function parseFrame(bytes: Uint8Array): Parsed<Frame> {
  const header = parseEthernet(bytes);
  if (!header.ok) return header;
  const { repr: eth, payload } = header.value;
  switch (eth.ethertype) {
    case EtherType.Arp: {
      const arp = parseArp(payload);
      return arp.ok ? parsed({ eth, body: { kind: 'arp', arp: arp.value } }) : shifted(arp, ETHERNET_HEADER_LEN);
    }
    case EtherType.Ipv4: {
      const packet = parseIpv4Packet(payload);
      return packet.ok ? parsed({ eth, body: { kind: 'ipv4', packet: packet.value } }) : shifted(packet, ETHERNET_HEADER_LEN);
    }
    default:
      return parsed({ eth, body: { kind: 'raw', bytes: payload.slice() } });
  }
}
