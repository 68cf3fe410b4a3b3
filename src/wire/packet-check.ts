// Consistency checks for the composite reprs. The contract: when a check returns null, emitting
// the repr and parsing the bytes gives back an equal repr (raw frame bodies shorter than the
// Ethernet minimum excepted: they come back with their padding).
import type { ArpRepr } from './arp.ts';
import { EtherType } from './ethernet.ts';
import type { IcmpRepr } from './icmp.ts';
import { IpProtocol, IPV4_HEADER_LEN, IPV4_MAX_TOTAL_LEN, isFragment, type Ipv4Repr } from './ipv4.ts';
import { parseMacAddress } from './mac-address.ts';
import type { Frame, Ipv4Body, Ipv4Packet } from './packet.ts';
import { isKnownTcpOptionKind, tcpOptionsLength, type TcpOption } from './tcp-options.ts';
import { TCP_MAX_HEADER_LEN, TCP_HEADER_LEN, type TcpRepr } from './tcp.ts';

/**
 * How many IPIP headers may enclose a packet before parse leaves the rest as raw bytes: recursion
 * stays bounded on hostile input, and no lab nests tunnels anywhere near this deep.
 */
export const MAX_IPIP_DEPTH = 8;

const PROTOCOL_OF_KIND: Readonly<Record<Exclude<Ipv4Body['kind'], 'raw'>, number>> = {
  tcp: IpProtocol.Tcp,
  udp: IpProtocol.Udp,
  icmp: IpProtocol.Icmp,
  ipip: IpProtocol.Ipip,
};
const PARSED_PROTOCOLS: ReadonlySet<number> = new Set(Object.values(IpProtocol));
const PARSED_ICMP_TYPES: ReadonlySet<number> = new Set([0, 3, 5, 8, 11]);

function uint(value: number, bits: number, what: string): string | null {
  const max = 2 ** bits - 1;
  return Number.isInteger(value) && value >= 0 && value <= max ? null : `${what} ${value} is not an integer in 0..${max}`;
}

function mac(value: string, what: string): string | null {
  return parseMacAddress(value) === value ? null : `${what} "${value}" is not a canonical MAC address (lowercase, ':'-separated)`;
}

function first(...problems: (string | null)[]): string | null {
  for (const p of problems) if (p !== null) return p;
  return null;
}

function checkIpHeader(ip: Ipv4Repr, where: string): string | null {
  return first(
    uint(ip.src, 32, `${where}.src`),
    uint(ip.dst, 32, `${where}.dst`),
    uint(ip.protocol, 8, `${where}.protocol`),
    uint(ip.ttl, 8, `${where}.ttl`),
    uint(ip.dscp, 6, `${where}.dscp`),
    uint(ip.ecn, 2, `${where}.ecn`),
    uint(ip.ident, 16, `${where}.ident`),
    uint(ip.fragmentOffset, 13, `${where}.fragmentOffset`),
  );
}

function checkTcpOption(option: TcpOption, where: string): string | null {
  switch (option.kind) {
    case 'eol':
      return `${where} is 'eol': end-of-list is header padding, which parse does not keep; leave it out`;
    case 'nop':
    case 'sack-permitted':
      return null;
    case 'mss':
      return uint(option.value, 16, `${where} mss`);
    case 'window-scale':
      return uint(option.shift, 8, `${where} window-scale shift`);
    case 'timestamps':
      return first(uint(option.tsval, 32, `${where} tsval`), uint(option.tsecr, 32, `${where} tsecr`));
    case 'unknown':
      if (isKnownTcpOptionKind(option.type)) {
        return `${where} is 'unknown' with kind ${option.type}, which has its own representation`;
      }
      return first(
        uint(option.type, 8, `${where} kind`),
        option.data.length > 253 ? `${where} has ${option.data.length} data bytes, more than 253` : null,
      );
  }
}

function checkTcp(tcp: TcpRepr): string | null {
  const basic = first(
    uint(tcp.srcPort, 16, 'tcp.srcPort'),
    uint(tcp.dstPort, 16, 'tcp.dstPort'),
    uint(tcp.seq, 32, 'tcp.seq'),
    uint(tcp.ack, 32, 'tcp.ack'),
    uint(tcp.flags, 8, 'tcp.flags'),
    uint(tcp.window, 16, 'tcp.window'),
    uint(tcp.urgentPointer, 16, 'tcp.urgentPointer'),
  );
  if (basic !== null) return basic;
  for (const [i, option] of tcp.options.entries()) {
    const problem = checkTcpOption(option, `tcp.options[${i}]`);
    if (problem !== null) return problem;
  }
  const optionsLength = tcpOptionsLength(tcp.options);
  if (optionsLength > TCP_MAX_HEADER_LEN - TCP_HEADER_LEN) {
    return `tcp.options take ${optionsLength} bytes, more than the ${TCP_MAX_HEADER_LEN - TCP_HEADER_LEN} a data offset can describe`;
  }
  return null;
}

function checkIcmp(icmp: IcmpRepr): string | null {
  switch (icmp.type) {
    case 'echo-request':
    case 'echo-reply':
      return first(uint(icmp.ident, 16, 'icmp.ident'), uint(icmp.seq, 16, 'icmp.seq'));
    case 'dest-unreachable':
      return first(uint(icmp.code, 8, 'icmp.code'), uint(icmp.nextHopMtu, 16, 'icmp.nextHopMtu'));
    case 'time-exceeded':
      return uint(icmp.code, 8, 'icmp.code');
    case 'redirect':
      return first(uint(icmp.code, 8, 'icmp.code'), uint(icmp.gateway, 32, 'icmp.gateway'));
    case 'other':
      if (PARSED_ICMP_TYPES.has(icmp.icmpType)) return `icmp type ${icmp.icmpType} is 'other' but has its own representation`;
      return first(
        uint(icmp.icmpType, 8, 'icmp.icmpType'),
        uint(icmp.code, 8, 'icmp.code'),
        icmp.rest.length < 4 ? `icmp.rest has ${icmp.rest.length} bytes, fewer than the 4 that complete the 8-byte header` : null,
      );
  }
}

function checkPacket(p: Ipv4Packet, where: string, totalLength: number, depth: number): string | null {
  const header = checkIpHeader(p.ip, where);
  if (header !== null) return header;
  if (totalLength > IPV4_MAX_TOTAL_LEN) return `${where} total length ${totalLength} exceeds ${IPV4_MAX_TOTAL_LEN}`;
  const body = p.body;
  if (body.kind === 'raw') {
    const leftRaw = isFragment(p.ip) || (p.ip.protocol === IpProtocol.Ipip && depth >= MAX_IPIP_DEPTH);
    if (!leftRaw && PARSED_PROTOCOLS.has(p.ip.protocol)) {
      return `${where}.protocol ${p.ip.protocol} with a raw body: an unfragmented packet of this protocol parses as a typed body`;
    }
    return null;
  }
  const expected = PROTOCOL_OF_KIND[body.kind];
  if (p.ip.protocol !== expected) return `${where}.protocol is ${p.ip.protocol} but the body is ${body.kind} (protocol ${expected})`;
  if (isFragment(p.ip)) return `${where} is a fragment (MF set or offset ≠ 0), so its body must be raw, not ${body.kind}`;
  switch (body.kind) {
    case 'tcp':
      return checkTcp(body.tcp);
    case 'udp':
      return first(uint(body.udp.srcPort, 16, 'udp.srcPort'), uint(body.udp.dstPort, 16, 'udp.dstPort'));
    case 'icmp':
      return checkIcmp(body.icmp);
    case 'ipip':
      if (depth >= MAX_IPIP_DEPTH) return `${where} nests IPIP deeper than ${MAX_IPIP_DEPTH} levels, which parse leaves raw`;
      return checkPacket(body.inner, `inner ${where}`, totalLength - IPV4_HEADER_LEN, depth + 1);
  }
}

/** The first problem of a packet whose `ipv4PacketLength` is `totalLength`, or null (the length is passed in so this module needs no runtime import of packet.ts). */
export function ipv4PacketProblem(p: Ipv4Packet, totalLength: number): string | null {
  return checkPacket(p, 'ip', totalLength, 0);
}

function checkArp(arp: ArpRepr): string | null {
  return first(
    mac(arp.senderMac, 'arp.senderMac'),
    mac(arp.targetMac, 'arp.targetMac'),
    uint(arp.senderIp, 32, 'arp.senderIp'),
    uint(arp.targetIp, 32, 'arp.targetIp'),
  );
}

/** The first problem of a frame (MACs canonical, EtherType agrees with the body, then the body's), or null. */
export function frameProblem(f: Frame, ipTotalLength: number): string | null {
  const header = first(mac(f.eth.src, 'eth.src'), mac(f.eth.dst, 'eth.dst'), uint(f.eth.ethertype, 16, 'eth.ethertype'));
  if (header !== null) return header;
  switch (f.body.kind) {
    case 'arp':
      if (f.eth.ethertype !== EtherType.Arp) return `eth.ethertype is 0x${f.eth.ethertype.toString(16)} but the body is arp (0x0806)`;
      return checkArp(f.body.arp);
    case 'ipv4':
      if (f.eth.ethertype !== EtherType.Ipv4) return `eth.ethertype is 0x${f.eth.ethertype.toString(16)} but the body is ipv4 (0x0800)`;
      return checkPacket(f.body.packet, 'ip', ipTotalLength, 0);
    case 'raw':
      if (f.eth.ethertype === EtherType.Arp || f.eth.ethertype === EtherType.Ipv4) {
        return `eth.ethertype 0x${f.eth.ethertype.toString(16).padStart(4, '0')} with a raw body: such a frame parses as a typed body`;
      }
      return null;
  }
}
