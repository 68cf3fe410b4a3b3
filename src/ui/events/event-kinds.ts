import type { Ipv4Packet } from '../../wire/packet.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';

/** The protocol filters of the event list. */
export type EventProtocol = 'arp' | 'tcp' | 'udp' | 'icmp' | 'ipip' | 'ipvs' | 'drop';

export const EVENT_PROTOCOLS: readonly EventProtocol[] = ['arp', 'tcp', 'udp', 'icmp', 'ipip', 'ipvs', 'drop'];

function packetProtocols(p: Ipv4Packet, out: Set<EventProtocol>): void {
  switch (p.body.kind) {
    case 'tcp':
      out.add('tcp');
      return;
    case 'udp':
      out.add('udp');
      return;
    case 'icmp':
      out.add('icmp');
      return;
    case 'ipip':
      out.add('ipip');
      packetProtocols(p.body.inner, out);
      return;
    case 'raw': {
      // A fragment (or another protocol): the protocol number says what it is part of.
      const kind = RAW_PROTOCOLS[p.ip.protocol];
      if (kind !== undefined) out.add(kind);
      return;
    }
  }
}

/** IP protocol numbers of the filters: ICMP 1, IPIP 4, TCP 6, UDP 17. */
const RAW_PROTOCOLS: Readonly<Record<number, EventProtocol>> = { 1: 'icmp', 4: 'ipip', 6: 'tcp', 17: 'udp' };

/**
 * The protocols a record is about: what its headers carry (a tunnelled TCP segment is both IPIP
 * and TCP), ARP for ARP processing and neighbour changes, IPVS for scheduling and transmit
 * decisions, and drops.
 */
export function recordProtocols(r: TraceRecord): ReadonlySet<EventProtocol> {
  const out = new Set<EventProtocol>();
  if (r.step === 'arp' || r.step === 'neigh' || r.arp) out.add('arp');
  if (r.step === 'ipvs') out.add('ipvs');
  if (r.step === 'drop') out.add('drop');
  if (r.step === 'tunnel') out.add('ipip');
  const body = r.frame?.body;
  if (body?.kind === 'arp') out.add('arp');
  const packet = body?.kind === 'ipv4' ? body.packet : r.packet;
  if (packet) packetProtocols(packet, out);
  return out;
}

/** The protocol shown in the event list's column: the innermost one a record carries. */
export function mainProtocol(r: TraceRecord): string {
  const p = recordProtocols(r);
  if (p.has('tcp')) return 'TCP';
  if (p.has('udp')) return 'UDP';
  if (p.has('icmp')) return 'ICMP';
  if (p.has('arp')) return 'ARP';
  if (p.has('ipip')) return 'IPIP';
  return '';
}

/** What the event list shows, and which records pass its filters. */
export interface EventFilter {
  /** Only records at this node; undefined for all nodes. */
  readonly node: string | undefined;
  /** Records about at least one of these protocols; records about none of the seven always pass when all are on. */
  readonly protocols: ReadonlySet<EventProtocol>;
  /** Include records at switches. */
  readonly switches: boolean;
  /** Include netfilter hook positions and routing decisions, not only frames, ARP, IPVS, NAT, deliveries and drops. */
  readonly internal: boolean;
}

const INTERNAL_STEPS = new Set(['hook', 'route']);

/** The seqs of the records that pass the filter, in trace order. */
export function filterEvents(records: readonly TraceRecord[], switchNodes: ReadonlySet<string>, f: EventFilter): number[] {
  const all = f.protocols.size === EVENT_PROTOCOLS.length;
  const out: number[] = [];
  for (const r of records) {
    if (f.node !== undefined && r.node !== f.node) continue;
    if (!f.switches && switchNodes.has(r.node)) continue;
    if (!f.internal && INTERNAL_STEPS.has(r.step)) continue;
    if (!all) {
      const p = recordProtocols(r);
      if (![...p].some((x) => f.protocols.has(x))) continue;
    }
    out.push(r.seq);
  }
  return out;
}
