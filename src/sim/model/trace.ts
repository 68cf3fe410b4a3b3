import type { ArpRepr } from '../../wire/arp.ts';
import type { Frame, Ipv4Packet } from '../../wire/packet.ts';
import type { DropReason } from './drop-reasons.ts';

/** The netfilter hook positions, named as iptables names its chains. */
export type HookName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** What happened at one step of a packet's way through the network. */
export type TraceStep =
  /** A frame leaves a netdev onto a link. */
  | 'egress'
  /** A frame arrives at a netdev from a link (switches record it too). */
  | 'ingress'
  /** A netfilter hook position, with the iptables chains (and IPVS hooks) it runs. */
  | 'hook'
  /** A routing decision (input or output). */
  | 'route'
  /** IPVS: connection lookup, scheduling, transmit. */
  | 'ipvs'
  /** iptables nat / conntrack rewrote the packet. */
  | 'nat'
  /** iptables' filter table decided the packet's fate (a rule or the chain's policy), or REJECT answered it. */
  | 'filter'
  /** ARP processing: a request or reply received, a reply sent or suppressed, a solicit sent. */
  | 'arp'
  /** A neighbour-table entry was created or changed. */
  | 'neigh'
  /** IPIP encapsulation or decapsulation. */
  | 'tunnel'
  /** The host generated an ICMP error or reply. */
  | 'icmp'
  /** Delivered to a local socket or application. */
  | 'deliver'
  /** Something an application did (curl connected, printed a page, ping got a reply). */
  | 'app'
  /** The packet was dropped; `drop.reason` is the kernel's drop reason. */
  | 'drop';

/** An explanation key with its parameters, translated by the UI (`explain.<key>`). */
export interface Explanation {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export type NeighbourState =
  | 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT' | 'NOARP';

export interface NeighbourChange {
  readonly dev: string;
  readonly ip: string;
  readonly macBefore: string | null;
  readonly macAfter: string | null;
  readonly stateBefore: NeighbourState | null;
  readonly stateAfter: NeighbourState | null;
}

export interface LinkHop {
  /** Where the frame goes: the node and interface at the other end (switch ports are `port<N>`). */
  readonly toNode: string;
  readonly toIface: string;
  /** Virtual time the last bit arrives there. */
  readonly arrivalUs: number;
}

export interface TraceRecord {
  /** Position in the trace, from 0. */
  readonly seq: number;
  readonly timeUs: number;
  readonly node: string;
  readonly iface?: string;
  readonly step: TraceStep;
  readonly hook?: HookName;
  /** For `hook`: the chains and hooks at this position in priority order (`nat PREROUTING`, `IPVS ip_vs_in_hook`). */
  readonly chains?: readonly string[];
  /** Identity of a packet from creation to delivery or drop, across rewrites and encapsulation. */
  readonly packetId?: number;
  /** The traffic action (one curl, one ping run…) this packet belongs to. */
  readonly flowId?: number;
  /** The whole frame at `egress`/`ingress`. */
  readonly frame?: Frame;
  /** The IP packet at layer-3 steps. */
  readonly packet?: Ipv4Packet;
  /** The ARP message at `arp` steps. */
  readonly arp?: ArpRepr;
  /** Field paths (`eth.dst`, `ip.ttl`, `outer.src`) that differ from this packet's previous record with headers. */
  readonly changed?: readonly string[];
  readonly link?: LinkHop;
  readonly neigh?: NeighbourChange;
  /** The kernel's drop reason (`SKB_DROP_REASON_*` without the prefix). */
  readonly drop?: { readonly reason: DropReason };
  readonly explain: Explanation;
}
