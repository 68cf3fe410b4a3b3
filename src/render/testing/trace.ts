// Test-only: small hand-made traces in the shape the simulation records them.
import type { TraceRecord } from '../../sim/model/trace.ts';
import { parseIpv4Address } from '../../wire/ipv4-address.ts';
import type { Frame, Ipv4Packet } from '../../wire/packet.ts';

const ip = (s: string) => parseIpv4Address(s)!;

/** A TCP SYN from src to dst (dotted quads). */
export function tcpPacket(src: string, dst: string, ttl = 64): Ipv4Packet {
  return {
    ip: { src: ip(src), dst: ip(dst), protocol: 6, ttl, dscp: 0, ecn: 0, ident: 1, dontFragment: true, moreFragments: false, fragmentOffset: 0 },
    body: { kind: 'tcp', tcp: { srcPort: 40000, dstPort: 80, seq: 1, ack: 0, flags: 2, window: 64240, urgentPointer: 0, options: [], payload: new Uint8Array() } },
  };
}

/** `inner` wrapped in an IPIP header from src to dst. */
export function ipipPacket(src: string, dst: string, inner: Ipv4Packet): Ipv4Packet {
  return { ip: { ...inner.ip, src: ip(src), dst: ip(dst), protocol: 4 }, body: { kind: 'ipip', inner } };
}

/** An Ethernet frame carrying a packet. */
export function ipv4Frame(srcMac: string, dstMac: string, packet: Ipv4Packet): Frame {
  return { eth: { src: srcMac, dst: dstMac, ethertype: 0x0800 }, body: { kind: 'ipv4', packet } };
}

/** A broadcast ARP request or a unicast reply. */
export function arpFrame(op: 'request' | 'reply', senderMac: string, senderIp: string, targetMac: string, targetIp: string): Frame {
  return {
    eth: { src: senderMac, dst: op === 'request' ? 'ff:ff:ff:ff:ff:ff' : targetMac, ethertype: 0x0806 },
    body: { kind: 'arp', arp: { operation: op, senderMac, senderIp: ip(senderIp), targetMac, targetIp: ip(targetIp) } },
  };
}

/** Builds records with consecutive seqs from partial ones. */
export function records(parts: readonly Omit<TraceRecord, 'seq' | 'explain'>[]): TraceRecord[] {
  return parts.map((p, seq) => ({ ...p, seq, explain: { key: 'test', params: {} } }));
}
