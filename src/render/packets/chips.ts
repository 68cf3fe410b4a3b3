import type { RoleNames } from '../../lab/roles.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import { formatIpv4Address, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';
import { recordPacket } from './trace-index.ts';

/** How a frame is coloured. */
export type PacketKind = 'arp' | 'request' | 'reply' | 'icmp' | 'tunnel';

/** One header chip `[src|dst]`: its cells and what colours it. */
export interface Chip {
  readonly cells: readonly string[];
  /** The kind whose colour fills it; `mac` chips are outlined in the frame's colour instead. */
  readonly fill: PacketKind | 'mac';
}

/** Chip words in the user's language (ARP has no addresses pair to show). */
export interface ChipText {
  whoHas(target: string): string;
  tell(sender: string): string;
  isAt(ip: string, mac: string): string;
}

/** The name of an address: its role (`VIP`, `RIP1`) if it has one, else the address. */
export function ipName(roles: RoleNames, ip: Ipv4Address): string {
  const dotted = formatIpv4Address(ip);
  return roles.ip.get(dotted) ?? dotted;
}

/** The name of a MAC: `DIPmac` from the role of its interface's address, else its last three bytes. */
export function macName(roles: RoleNames, mac: string): string {
  const role = roles.mac.get(mac);
  if (role) return `${role}mac`;
  if (mac === 'ff:ff:ff:ff:ff:ff') return mac;
  return `…${mac.slice(-8)}`;
}

/**
 * The kind of a frame on the wire. A frame is a reply when its innermost destination is the
 * address that started its flow (the source of the flow's first packet).
 */
export function packetKind(r: TraceRecord, initiator: ReadonlyMap<number, number>): PacketKind {
  const body = r.frame?.body;
  if (body?.kind === 'arp') return 'arp';
  if (body?.kind === 'ipv4' && body.packet.body.kind === 'ipip') return 'tunnel';
  return innerKind(r, initiator);
}

/** The kind of the innermost packet, ignoring any tunnel around it: ICMP, request or reply. */
export function innerKind(r: TraceRecord, initiator: ReadonlyMap<number, number>): 'icmp' | 'request' | 'reply' {
  const inner = recordPacket(r);
  if (inner?.body.kind === 'icmp') return 'icmp';
  const from = r.flowId === undefined ? undefined : initiator.get(r.flowId);
  return inner && from !== undefined && inner.ip.dst === from ? 'reply' : 'request';
}

/**
 * The chips of a frame, top to bottom: for IPIP the outer `[DIP|RIP]`, then the inner `[CIP|VIP]`,
 * then `[DIPmac|RIPmac]` when the hop that sent it rewrote the MAC addresses. ARP frames get one
 * chip saying what they ask or answer.
 */
export function frameChips(r: TraceRecord, initiator: ReadonlyMap<number, number>, macChanged: boolean, roles: RoleNames, text: ChipText): Chip[] {
  const frame = r.frame;
  if (!frame) return [];
  const chips: Chip[] = [];
  if (frame.body.kind === 'arp') {
    const a = frame.body.arp;
    chips.push(a.operation === 'request'
      ? { cells: [text.whoHas(ipName(roles, a.targetIp)), text.tell(ipName(roles, a.senderIp))], fill: 'arp' }
      : { cells: [text.isAt(ipName(roles, a.senderIp), macName(roles, a.senderMac))], fill: 'arp' });
    return chips;
  }
  if (frame.body.kind !== 'ipv4') return chips;
  let p: Ipv4Packet = frame.body.packet;
  while (p.body.kind === 'ipip') {
    chips.push({ cells: [ipName(roles, p.ip.src), ipName(roles, p.ip.dst)], fill: 'tunnel' });
    p = p.body.inner;
  }
  chips.push({ cells: [ipName(roles, p.ip.src), ipName(roles, p.ip.dst)], fill: innerKind(r, initiator) });
  if (macChanged) chips.push({ cells: [macName(roles, frame.eth.src), macName(roles, frame.eth.dst)], fill: 'mac' });
  return chips;
}
