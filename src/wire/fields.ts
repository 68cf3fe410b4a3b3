// The field list shared by the inspector's header view and the trace's "changed fields" diff.
// Values are read from the emitted bytes, so lengths and checksums are exactly what goes on the wire.
import { ArpPacket } from './arp.ts';
import { getU16, getU8, getU32 } from './bytes.ts';
import { EthernetFrame, ETHERNET_HEADER_LEN, etherTypeName } from './ethernet.ts';
import { IcmpMessage, IcmpType, type IcmpRepr } from './icmp.ts';
import { IpProtocol, Ipv4Datagram } from './ipv4.ts';
import { formatIpv4Address } from './ipv4-address.ts';
import { emitFrame, emitIpv4Packet, type Frame, type Ipv4Packet } from './packet.ts';
import { hex16 } from './result.ts';
import { formatTcpOptions } from './tcp-options.ts';
import { tcpFlagNames, TcpSegment, type TcpRepr } from './tcp.ts';
import { UdpDatagram } from './udp.ts';

/** One header field as the inspector shows it and the trace diffs it. */
export interface WireField {
  /** Stable dotted path: 'eth.dst', 'ip.ttl', 'outer.src', 'tcp.flags', 'payload'… */
  readonly path: string;
  readonly layer: 'eth' | 'arp' | 'outer' | 'ip' | 'tcp' | 'udp' | 'icmp' | 'payload';
  /** Short field name: 'dst', 'src', 'ttl', 'checksum', 'flags'… */
  readonly name: string;
  /** Human form: MACs and IPs formatted, flags like "SYN,ACK", checksums like "0x1c46". */
  readonly value: string;
  /** Byte offset in emitFrame(f) (or emitIpv4Packet(p)). */
  readonly offset: number;
  /** Bytes covered; a bit field covers the bytes that contain it. */
  readonly length: number;
}

type Layer = WireField['layer'];

class FieldList {
  readonly fields: WireField[] = [];
  add(prefix: string, layer: Layer, name: string, value: string, offset: number, length: number): void {
    this.fields.push({ path: prefix === '' ? name : `${prefix}.${name}`, layer, name, value, offset, length });
  }
}

const PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [IpProtocol.Icmp, 'ICMP'],
  [IpProtocol.Ipip, 'IPIP'],
  [IpProtocol.Tcp, 'TCP'],
  [IpProtocol.Udp, 'UDP'],
]);
const ECN_NAMES = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'] as const;
const ICMP_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [IcmpType.EchoReply, 'echo-reply'],
  [IcmpType.DestUnreachable, 'dest-unreachable'],
  [IcmpType.Redirect, 'redirect'],
  [IcmpType.EchoRequest, 'echo-request'],
  [IcmpType.TimeExceeded, 'time-exceeded'],
]);
// RFC 792 / RFC 1812 names, as tcpdump words them.
const UNREACHABLE_NAMES: readonly string[] = [
  'net unreachable',
  'host unreachable',
  'protocol unreachable',
  'port unreachable',
  'fragmentation needed',
  'source route failed',
  'net unknown',
  'host unknown',
  'source host isolated',
  'net prohibited',
  'host prohibited',
  'net unreachable for TOS',
  'host unreachable for TOS',
  'communication prohibited',
];
const TIME_EXCEEDED_NAMES: readonly string[] = ['ttl exceeded in transit', 'fragment reassembly time exceeded'];
const REDIRECT_NAMES: readonly string[] = ['redirect for network', 'redirect for host', 'redirect for TOS and network', 'redirect for TOS and host'];
const CODE_NAMES: ReadonlyMap<number, readonly string[]> = new Map([
  [IcmpType.DestUnreachable, UNREACHABLE_NAMES],
  [IcmpType.TimeExceeded, TIME_EXCEEDED_NAMES],
  [IcmpType.Redirect, REDIRECT_NAMES],
]);
const PREVIEW_LEN = 24;

function protocolName(protocol: number): string {
  const name = PROTOCOL_NAMES.get(protocol);
  return name === undefined ? `${protocol}` : `${name} (${protocol})`;
}

function named(value: number, name: string | undefined): string {
  return name === undefined ? `${value}` : `${name} (${value})`;
}

/** "75 bytes: GET / HTTP/1.1..Host: in…" — the length and a printable preview (non-printables as '.', like tcpdump -A). */
function payloadValue(bytes: Uint8Array): string {
  let preview = '';
  for (const b of bytes.subarray(0, PREVIEW_LEN)) preview += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  const more = bytes.length > PREVIEW_LEN ? '…' : '';
  return bytes.length === 0 ? '0 bytes' : `${bytes.length} bytes: ${preview}${more}`;
}

/** "28 bytes: UDP 114.114.114.114:53 > 192.168.102.35:50694" — what an ICMP error quotes. */
function quotedValue(bytes: Uint8Array): string {
  const size = `${bytes.length} bytes`;
  if (bytes.length < 20 || getU8(bytes, 0) >> 4 !== 4) return size;
  const headerLength = (getU8(bytes, 0) & 0x0f) * 4;
  const protocol = getU8(bytes, 9);
  const src = formatIpv4Address(getU32(bytes, 12));
  const dst = formatIpv4Address(getU32(bytes, 16));
  const name = PROTOCOL_NAMES.get(protocol) ?? `proto ${protocol}`;
  if ((protocol === IpProtocol.Tcp || protocol === IpProtocol.Udp) && bytes.length >= headerLength + 4) {
    return `${size}: ${name} ${src}:${getU16(bytes, headerLength)} > ${dst}:${getU16(bytes, headerLength + 2)}`;
  }
  return `${size}: ${name} ${src} > ${dst}`;
}

function ipHeaderFields(out: FieldList, prefix: string, layer: Layer, bytes: Uint8Array, base: number): number {
  const ip = Ipv4Datagram.newUnchecked(bytes.subarray(base));
  const flags = [ip.dontFragment ? 'DF' : '', ip.moreFragments ? 'MF' : ''].filter((f) => f !== '').join(',');
  const fragment = ip.fragmentOffset === 0 ? '0' : `${ip.fragmentOffset} (${ip.fragmentOffset * 8} bytes)`;
  out.add(prefix, layer, 'version', `${ip.version}`, base, 1);
  out.add(prefix, layer, 'ihl', `${ip.headerLength / 4} (${ip.headerLength} bytes)`, base, 1);
  out.add(prefix, layer, 'dscp', `${ip.dscp}`, base + 1, 1);
  out.add(prefix, layer, 'ecn', named(ip.ecn, ECN_NAMES[ip.ecn]), base + 1, 1);
  out.add(prefix, layer, 'len', `${ip.totalLength}`, base + 2, 2);
  out.add(prefix, layer, 'id', `${hex16(ip.ident)} (${ip.ident})`, base + 4, 2);
  out.add(prefix, layer, 'flags', flags === '' ? 'none' : flags, base + 6, 1);
  out.add(prefix, layer, 'frag', fragment, base + 6, 2);
  out.add(prefix, layer, 'ttl', `${ip.ttl}`, base + 8, 1);
  out.add(prefix, layer, 'proto', protocolName(ip.protocol), base + 9, 1);
  out.add(prefix, layer, 'checksum', hex16(ip.checksum), base + 10, 2);
  out.add(prefix, layer, 'src', formatIpv4Address(ip.src), base + 12, 4);
  out.add(prefix, layer, 'dst', formatIpv4Address(ip.dst), base + 16, 4);
  return ip.headerLength;
}

function tcpFields(out: FieldList, repr: TcpRepr, bytes: Uint8Array, base: number, end: number): void {
  const tcp = TcpSegment.newUnchecked(bytes.subarray(base, end));
  const headerLength = tcp.headerLength;
  out.add('tcp', 'tcp', 'sport', `${tcp.srcPort}`, base, 2);
  out.add('tcp', 'tcp', 'dport', `${tcp.dstPort}`, base + 2, 2);
  out.add('tcp', 'tcp', 'seq', `${tcp.seq}`, base + 4, 4);
  out.add('tcp', 'tcp', 'ack', `${tcp.ack}`, base + 8, 4);
  out.add('tcp', 'tcp', 'off', `${headerLength / 4} (${headerLength} bytes)`, base + 12, 1);
  out.add('tcp', 'tcp', 'flags', tcpFlagNames(tcp.flags), base + 13, 1);
  out.add('tcp', 'tcp', 'window', `${tcp.window}`, base + 14, 2);
  out.add('tcp', 'tcp', 'checksum', hex16(tcp.checksum), base + 16, 2);
  out.add('tcp', 'tcp', 'urg', `${tcp.urgentPointer}`, base + 18, 2);
  if (headerLength > 20) out.add('tcp', 'tcp', 'options', formatTcpOptions(repr.options), base + 20, headerLength - 20);
  if (end > base + headerLength) out.add('', 'payload', 'payload', payloadValue(tcp.payload), base + headerLength, end - base - headerLength);
}

function udpFields(out: FieldList, bytes: Uint8Array, base: number, end: number): void {
  const udp = UdpDatagram.newUnchecked(bytes.subarray(base, end));
  out.add('udp', 'udp', 'sport', `${udp.srcPort}`, base, 2);
  out.add('udp', 'udp', 'dport', `${udp.dstPort}`, base + 2, 2);
  out.add('udp', 'udp', 'len', `${udp.length}`, base + 4, 2);
  out.add('udp', 'udp', 'checksum', hex16(udp.checksum), base + 6, 2);
  if (end > base + 8) out.add('', 'payload', 'payload', payloadValue(udp.payload), base + 8, end - base - 8);
}

function icmpFields(out: FieldList, repr: IcmpRepr, bytes: Uint8Array, base: number, end: number): void {
  const icmp = IcmpMessage.newUnchecked(bytes.subarray(base, end));
  const codeName = CODE_NAMES.get(icmp.msgType)?.[icmp.code];
  out.add('icmp', 'icmp', 'type', named(icmp.msgType, ICMP_TYPE_NAMES.get(icmp.msgType)), base, 1);
  out.add('icmp', 'icmp', 'code', named(icmp.code, codeName), base + 1, 1);
  out.add('icmp', 'icmp', 'checksum', hex16(icmp.checksum), base + 2, 2);
  const dataLength = end - base - 8;
  switch (repr.type) {
    case 'echo-request':
    case 'echo-reply':
      out.add('icmp', 'icmp', 'id', `${icmp.echoIdent}`, base + 4, 2);
      out.add('icmp', 'icmp', 'seq', `${icmp.echoSeq}`, base + 6, 2);
      if (dataLength > 0) out.add('', 'payload', 'payload', payloadValue(icmp.data), base + 8, dataLength);
      return;
    case 'dest-unreachable':
      if (repr.code === 4) out.add('icmp', 'icmp', 'mtu', `${icmp.nextHopMtu}`, base + 6, 2);
      out.add('icmp', 'icmp', 'original', quotedValue(icmp.data), base + 8, dataLength);
      return;
    case 'time-exceeded':
      out.add('icmp', 'icmp', 'original', quotedValue(icmp.data), base + 8, dataLength);
      return;
    case 'redirect':
      out.add('icmp', 'icmp', 'gateway', formatIpv4Address(icmp.gateway), base + 4, 4);
      out.add('icmp', 'icmp', 'original', quotedValue(icmp.data), base + 8, dataLength);
      return;
    case 'other':
      out.add('icmp', 'icmp', 'rest', payloadValue(bytes.subarray(base + 4, end)), base + 4, end - base - 4);
      return;
  }
}

function ipipDepth(p: Ipv4Packet): number {
  let depth = 0;
  for (let q = p; q.body.kind === 'ipip'; q = q.body.inner) depth++;
  return depth;
}

// The innermost header is 'ip', the one around it 'outer', further out 'outer2', 'outer3'…
function ipPrefix(levelsInside: number): string {
  if (levelsInside === 0) return 'ip';
  return levelsInside === 1 ? 'outer' : `outer${levelsInside}`;
}

function packetFieldsAt(out: FieldList, p: Ipv4Packet, bytes: Uint8Array, base: number, levelsInside: number): void {
  const headerLength = ipHeaderFields(out, ipPrefix(levelsInside), levelsInside === 0 ? 'ip' : 'outer', bytes, base);
  const end = base + Ipv4Datagram.newUnchecked(bytes.subarray(base)).totalLength;
  const at = base + headerLength;
  switch (p.body.kind) {
    case 'tcp':
      tcpFields(out, p.body.tcp, bytes, at, end);
      return;
    case 'udp':
      udpFields(out, bytes, at, end);
      return;
    case 'icmp':
      icmpFields(out, p.body.icmp, bytes, at, end);
      return;
    case 'ipip':
      packetFieldsAt(out, p.body.inner, bytes, at, levelsInside - 1);
      return;
    case 'raw':
      if (end > at) out.add('', 'payload', 'payload', payloadValue(bytes.subarray(at, end)), at, end - at);
      return;
  }
}

/** The fields of a frame, with offsets into emitFrame(f). */
export function frameFields(f: Frame): WireField[] {
  const bytes = emitFrame(f);
  const out = new FieldList();
  const eth = EthernetFrame.newUnchecked(bytes);
  out.add('eth', 'eth', 'dst', eth.dst, 0, 6);
  out.add('eth', 'eth', 'src', eth.src, 6, 6);
  out.add('eth', 'eth', 'type', `${etherTypeName(eth.ethertype)} (${hex16(eth.ethertype)})`, 12, 2);
  const base = ETHERNET_HEADER_LEN;
  switch (f.body.kind) {
    case 'arp': {
      const arp = ArpPacket.newUnchecked(bytes.subarray(base));
      out.add('arp', 'arp', 'htype', named(arp.hardwareType, arp.hardwareType === 1 ? 'Ethernet' : undefined), base, 2);
      out.add('arp', 'arp', 'ptype', `${etherTypeName(arp.protocolType)} (${hex16(arp.protocolType)})`, base + 2, 2);
      out.add('arp', 'arp', 'hlen', `${arp.hardwareLength}`, base + 4, 1);
      out.add('arp', 'arp', 'plen', `${arp.protocolLength}`, base + 5, 1);
      out.add('arp', 'arp', 'op', named(arp.operation, f.body.arp.operation), base + 6, 2);
      out.add('arp', 'arp', 'sha', arp.senderMac, base + 8, 6);
      out.add('arp', 'arp', 'spa', formatIpv4Address(arp.senderIp), base + 14, 4);
      out.add('arp', 'arp', 'tha', arp.targetMac, base + 18, 6);
      out.add('arp', 'arp', 'tpa', formatIpv4Address(arp.targetIp), base + 24, 4);
      break;
    }
    case 'ipv4':
      packetFieldsAt(out, f.body.packet, bytes, base, ipipDepth(f.body.packet));
      break;
    case 'raw':
      if (f.body.bytes.length > 0) out.add('', 'payload', 'payload', payloadValue(f.body.bytes), base, f.body.bytes.length);
      break;
  }
  return out.fields;
}

/** The fields of an IPv4 packet, with offsets into emitIpv4Packet(p). */
export function packetFields(p: Ipv4Packet): WireField[] {
  const out = new FieldList();
  packetFieldsAt(out, p, emitIpv4Packet(p), 0, ipipDepth(p));
  return out.fields;
}

/** Paths whose value differs or that exist on one side only: those of `after` in its order, then the removed ones. */
export function changedFieldPaths(before: readonly WireField[], after: readonly WireField[]): string[] {
  const beforeValues = new Map(before.map((f) => [f.path, f.value]));
  const afterPaths = new Set(after.map((f) => f.path));
  const changed = after.filter((f) => beforeValues.get(f.path) !== f.value).map((f) => f.path);
  for (const f of before) if (!afterPaths.has(f.path)) changed.push(f.path);
  return changed;
}
