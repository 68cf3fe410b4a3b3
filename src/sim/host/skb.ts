import type { EthernetRepr } from '../../wire/ethernet.ts';
import { ipv4PacketLength, type Ipv4Packet } from '../../wire/packet.ts';
import type { NetDev } from './netdev.ts';
import type { RouteDecision } from './route.ts';

/** skb->pkt_type: how the frame was addressed to this host. */
export type PktType = 'host' | 'broadcast' | 'multicast' | 'otherhost' | 'loopback';

/** The packet and the per-packet state the kernel keeps in struct sk_buff. */
export interface SkBuff {
  /** The IP packet; rewrites replace it (Reprs are immutable). */
  packet: Ipv4Packet;
  readonly id: number;
  readonly flowId: number | undefined;
  /** skb->mark: the firewall mark (iptables MARK, fwmark services). */
  mark: number;
  pktType: PktType;
  /** skb->mac_header: the Ethernet header the packet came in with (none for a packet made here). */
  mac: EthernetRepr | undefined;
  inDev: NetDev | undefined;
  /** skb->ipvs_property: IPVS already handled it; its hooks let it pass. */
  ipvsProperty: boolean;
  /** The route attached to the packet (skb_dst). */
  route: RouteDecision | undefined;
  /** IPSKB_DOREDIRECT: forwarding should send an ICMP redirect. */
  doRedirect: boolean;
  /** Conntrack entry and direction, when tracked. */
  ct: unknown;
  ctReply: boolean;
  /** An ICMP error conntrack found related to a connection (IP_CT_RELATED); `ct` stays unset. */
  ctRelated: boolean;
  /** IP_CT_UNTRACKED (IPVS connections without `conntrack=1`). */
  untracked: boolean;
  /** The TCP socket asked to confirm the neighbour on this transmit (sk_dst_pending_confirm). */
  confirmNeigh: boolean;
  /**
   * IPCB(skb)->frag_max_size: for a datagram reassembled on its way through, the largest
   * fragment it came in (it leaves in fragments no larger); 0 otherwise.
   */
  fragMaxSize: number;
  /** skb->len as `skbLength` last worked it out, and the packet it is the length of. */
  len: number;
  lenOf: Ipv4Packet | undefined;
}

/** A new skb for a packet. */
export function newSkb(packet: Ipv4Packet, id: number, flowId: number | undefined): SkBuff {
  return {
    packet, id, flowId, mark: 0, pktType: 'host', mac: undefined, inDev: undefined, ipvsProperty: false,
    route: undefined, doRedirect: false, ct: undefined, ctReply: false, ctRelated: false, untracked: false, confirmNeigh: false, fragMaxSize: 0, len: 0, lenOf: undefined,
  };
}

/**
 * skb->len: the IP length of the packet, worked out once per packet. A packet is an immutable
 * Repr, so while `skb.packet` is the same object its length is too; a rewrite that replaces it
 * (TTL, NAT, tunnelling) has it worked out afresh.
 */
export function skbLength(skb: SkBuff): number {
  if (skb.lenOf !== skb.packet) {
    skb.lenOf = skb.packet;
    skb.len = ipv4PacketLength(skb.packet);
  }
  return skb.len;
}

/** Gives the skb a rewritten packet of the same length (a TTL change): skb->len stays worked out. */
export function rewriteSameLength(skb: SkBuff, packet: Ipv4Packet): void {
  const known = skb.lenOf === skb.packet;
  skb.packet = packet;
  if (known) skb.lenOf = packet;
}

/** Sets skb->len as the frame brought it (the link layer knows the length it received). */
export function setLength(skb: SkBuff, len: number): void {
  skb.len = len;
  skb.lenOf = skb.packet;
}
