// Every kind of frame the lab emits, decoded by Wireshark: no malformed packet, no checksum error.
import { describe, expect, it } from 'vitest';
import type { ArpRepr } from './arp.ts';
import { EtherType, type EthernetRepr } from './ethernet.ts';
import { icmpQuote, IcmpUnreachableCode, type IcmpRepr } from './icmp.ts';
import { IpProtocol, type Ipv4Repr } from './ipv4.ts';
import { BROADCAST_MAC, ZERO_MAC } from './mac-address.ts';
import { emitFrame, emitIpv4Packet, type Frame, type Ipv4Body, type Ipv4Packet } from './packet.ts';
import { PcapWriter } from './pcap.ts';
import { TcpFlag, type TcpRepr } from './tcp.ts';
import { tsharkCheck } from './testing/tshark.ts';

const CLIENT_MAC = '02:00:00:00:00:01';
const DIRECTOR_MAC = '02:00:00:00:00:02';
const CIP = 0xc0a80064; // 192.168.0.100
const VIP = 0xc0a80001; // 192.168.0.1
const DIP = 0x0a000001; // 10.0.0.1
const RIP = 0x0a000002; // 10.0.0.2

const toDirector: EthernetRepr = { src: CLIENT_MAC, dst: DIRECTOR_MAC, ethertype: EtherType.Ipv4 };
const toClient: EthernetRepr = { src: DIRECTOR_MAC, dst: CLIENT_MAC, ethertype: EtherType.Ipv4 };

function ip(src: number, dst: number, protocol: number, ident: number): Ipv4Repr {
  return { src, dst, protocol, ttl: 64, dscp: 0, ecn: 0, ident, dontFragment: true, moreFragments: false, fragmentOffset: 0 };
}

function tcp(flags: number, seq: number, ack: number, payload = new Uint8Array(), options: TcpRepr['options'] = []): Ipv4Body {
  return { kind: 'tcp', tcp: { srcPort: 40000, dstPort: 80, seq, ack, flags, window: 64240, urgentPointer: 0, options, payload } };
}

function ipv4Frame(eth: EthernetRepr, packet: Ipv4Packet): Frame {
  return { eth, body: { kind: 'ipv4', packet } };
}

function icmpFrame(eth: EthernetRepr, src: number, dst: number, icmp: IcmpRepr): Frame {
  return ipv4Frame(eth, { ip: ip(src, dst, IpProtocol.Icmp, 9), body: { kind: 'icmp', icmp } });
}

const synOptions: TcpRepr['options'] = [
  { kind: 'mss', value: 1460 },
  { kind: 'sack-permitted' },
  { kind: 'timestamps', tsval: 1000, tsecr: 0 },
  { kind: 'nop' },
  { kind: 'window-scale', shift: 7 },
];
const syn: Ipv4Packet = { ip: ip(CIP, VIP, IpProtocol.Tcp, 1), body: tcp(TcpFlag.Syn, 1000, 0, undefined, synOptions) };
const synAck: Ipv4Packet = {
  ip: ip(VIP, CIP, IpProtocol.Tcp, 0),
  body: {
    kind: 'tcp',
    tcp: {
      srcPort: 80,
      dstPort: 40000,
      seq: 5000,
      ack: 1001,
      flags: TcpFlag.Syn | TcpFlag.Ack,
      window: 65160,
      urgentPointer: 0,
      options: [{ kind: 'mss', value: 1460 }, { kind: 'window-scale', shift: 2 }],
      payload: new Uint8Array(),
    },
  },
};
const get: Ipv4Packet = { ip: ip(CIP, VIP, IpProtocol.Tcp, 2), body: tcp(TcpFlag.Psh | TcpFlag.Ack, 1001, 5001, new TextEncoder().encode('GET / HTTP/1.0\r\n\r\n')) };
const dns: Ipv4Packet = {
  ip: ip(CIP, VIP, IpProtocol.Udp, 3),
  body: { kind: 'udp', udp: { srcPort: 40001, dstPort: 9999, payload: new TextEncoder().encode('hello') } },
};
const bigSegment: Ipv4Packet = { ip: ip(CIP, VIP, IpProtocol.Tcp, 4), body: tcp(TcpFlag.Ack, 1019, 5001, new Uint8Array(1460).fill(0x61)) };
const arpRequest: ArpRepr = { operation: 'request', senderMac: CLIENT_MAC, senderIp: CIP, targetMac: ZERO_MAC, targetIp: VIP };
const arpReply: ArpRepr = { operation: 'reply', senderMac: DIRECTOR_MAC, senderIp: VIP, targetMac: CLIENT_MAC, targetIp: CIP };

const echoData = new Uint8Array(56).fill(0x10);
const unreachable = (code: number, nextHopMtu: number, offending: Ipv4Packet): IcmpRepr => ({
  type: 'dest-unreachable',
  code,
  nextHopMtu,
  original: icmpQuote(emitIpv4Packet(offending)),
});
const tunnelled: Ipv4Packet = { ip: ip(DIP, RIP, IpProtocol.Ipip, 5), body: { kind: 'ipip', inner: { ...syn, ip: { ...syn.ip, ttl: 63 } } } };

const FRAMES: readonly (readonly [string, Frame])[] = [
  ['ARP request', { eth: { src: CLIENT_MAC, dst: BROADCAST_MAC, ethertype: EtherType.Arp }, body: { kind: 'arp', arp: arpRequest } }],
  ['ARP reply', { eth: { src: DIRECTOR_MAC, dst: CLIENT_MAC, ethertype: EtherType.Arp }, body: { kind: 'arp', arp: arpReply } }],
  ['TCP SYN', ipv4Frame(toDirector, syn)],
  ['TCP SYN-ACK', ipv4Frame(toClient, synAck)],
  ['TCP data', ipv4Frame(toDirector, get)],
  ['UDP', ipv4Frame(toDirector, dns)],
  ['ICMP echo request', icmpFrame(toDirector, CIP, VIP, { type: 'echo-request', ident: 7, seq: 1, data: echoData })],
  ['ICMP echo reply', icmpFrame(toClient, VIP, CIP, { type: 'echo-reply', ident: 7, seq: 1, data: echoData })],
  ['ICMP port unreachable', icmpFrame(toClient, VIP, CIP, unreachable(IcmpUnreachableCode.Port, 0, dns))],
  ['ICMP time exceeded', icmpFrame(toClient, DIP, CIP, { type: 'time-exceeded', code: 0, original: icmpQuote(emitIpv4Packet(syn)) })],
  ['ICMP fragmentation needed', icmpFrame(toClient, DIP, CIP, unreachable(IcmpUnreachableCode.FragNeeded, 1480, bigSegment))],
  ['ICMP redirect', icmpFrame(toClient, DIP, CIP, { type: 'redirect', code: 1, gateway: RIP, original: icmpQuote(emitIpv4Packet(syn)) })],
  ['TCP full-size segment', ipv4Frame(toDirector, bigSegment)],
  ['IPIP-encapsulated TCP', ipv4Frame(toDirector, tunnelled)],
];

const EXTRA = ['arp.opcode', 'tcp.flags', 'icmp.type', 'icmp.code', 'icmp.mtu', 'icmp.redir_gw', 'udp.dstport'] as const;

function frameNamed(name: string): Frame {
  const found = FRAMES.find(([n]) => n === name);
  if (found === undefined) throw new Error(`no frame named ${name}`);
  return found[1];
}

function flipped(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = bytes.slice();
  copy[offset] = (copy[offset] ?? 0) ^ 0xff;
  return copy;
}

function pcapOf(frames: readonly Frame[]): Uint8Array {
  const writer = new PcapWriter();
  frames.forEach((frame, i) => writer.add(i * 1000, emitFrame(frame)));
  return writer.bytes();
}

describe('pcap decoded by tshark', () => {
  const report = tsharkCheck(pcapOf(FRAMES.map(([, frame]) => frame)), EXTRA);
  const column = (row: readonly string[], field: string) => row[report.columns.indexOf(field)] ?? '';
  const rowOf = (name: string) => report.fields[FRAMES.findIndex(([n]) => n === name)] ?? [];

  it('decodes every frame with no malformed packet, no warning and every checksum Good', () => {
    expect(report.frames).toBe(FRAMES.length);
    expect(report.problems).toEqual([]);
    const checksumColumns = ['ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status', 'icmp.checksum.status'];
    const statuses = FRAMES.flatMap(([name], i) =>
      checksumColumns.flatMap((c) =>
        column(report.fields[i] ?? [], c)
          .split('|')
          .filter((s) => s !== '')
          .map((status) => ({ name, field: c, status })),
      ),
    );
    // Wireshark 4.0 checksums the 548-byte quote of a 1500-byte segment as if it were whole and
    // calls it Bad; the segment itself, sent as 'TCP full-size segment', is Good.
    const truncatedQuote = (s: { name: string; field: string }) => s.name === 'ICMP fragmentation needed' && s.field === 'tcp.checksum.status';
    const judged = statuses.filter((s) => !truncatedQuote(s));
    expect(judged.length).toBeGreaterThan(2 * FRAMES.length);
    expect(judged.filter((s) => s.status !== '1')).toEqual([]);
  });

  it('lists both the outer and the inner source address of the IPIP frame', () => {
    const row = rowOf('IPIP-encapsulated TCP');
    expect(column(row, 'ip.src')).toBe('10.0.0.1|192.168.0.100');
    expect(column(row, 'ip.dst')).toBe('10.0.0.2|192.168.0.1');
    expect(column(row, 'tcp.flags')).toBe('0x0002');
  });

  it('reads the fields the way the lab means them', () => {
    expect(column(rowOf('ARP request'), 'arp.opcode')).toBe('1');
    expect(column(rowOf('ARP reply'), 'arp.opcode')).toBe('2');
    expect(column(rowOf('TCP SYN-ACK'), 'tcp.flags')).toBe('0x0012');
    expect(column(rowOf('TCP data'), 'tcp.flags')).toBe('0x0018');
    expect(column(rowOf('ICMP port unreachable'), 'icmp.type')).toBe('3');
    expect(column(rowOf('ICMP port unreachable'), 'udp.dstport')).toBe('9999');
    expect(column(rowOf('ICMP fragmentation needed'), 'icmp.code')).toBe('4');
    expect(column(rowOf('ICMP fragmentation needed'), 'icmp.mtu')).toBe('1480');
    expect(column(rowOf('ICMP redirect'), 'icmp.redir_gw')).toBe('10.0.0.2');
    expect(column(rowOf('ICMP time exceeded'), 'icmp.type')).toBe('11');
  });

  it('reports bad checksums and malformed packets when there are some', () => {
    const good = emitFrame(frameNamed('TCP SYN'));
    const badIp = flipped(good, 24);
    const badTcp = flipped(good, 50);
    const truncated = good.slice(0, 40);
    const badIcmp = flipped(emitFrame(frameNamed('ICMP time exceeded')), 36);
    const writer = new PcapWriter();
    for (const bytes of [badIp, badTcp, truncated, badIcmp]) writer.add(0, bytes);
    const problems = tsharkCheck(writer.bytes()).problems;
    expect(problems).toContain('frame 1: ip.checksum.status is 0 (Bad)');
    expect(problems).toContain('frame 2: tcp.checksum.status is 0 (Bad)');
    expect(problems).toContain('frame 3: malformed packet');
    expect(problems).toContain('frame 4: icmp.checksum.status is 0 (Bad)');
  });
});
