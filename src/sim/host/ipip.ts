import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import { ETHERNET_HEADER_LEN } from '../../wire/ethernet.ts';
import { ipv4PacketLength, type Ipv4Packet } from '../../wire/packet.ts';
import type { LinuxHost } from './host.ts';
import type { SkBuff } from './skb.ts';
import { ipv4With } from '../../wire/ipv4.ts';

/**
 * IPIP receive (net/ipv4/ipip.c, tunnel4.c, ip_tunnel.c). With the ipip module loaded the host has
 * the fallback device tunl0, which takes any IPIP packet — but only while it is UP
 * (ip_tunnel_lookup). The inner packet is then received on tunl0 like any packet: PREROUTING,
 * routing with rp_filter against tunl0, INPUT.
 */
export class Ipip {
  constructor(private readonly host: LinuxHost) {}

  receive(skb: SkBuff, inner: Ipv4Packet): void {
    const host = this.host;
    const tunl0 = host.devices().find((d) => d.kind === 'ipip');
    if (!tunl0) {
      // No handler for protocol 4: ip_local_deliver sends protocol unreachable.
      host.icmp.sendError(skb, 'dest-unreachable', 2, 0);
      host.dropSkb(skb, skb.inDev, 'IP_NOPROTO', 'IPIP packet, but the ipip module is not loaded (no tunl0)');
      return;
    }
    if (!tunl0.up) {
      // tunnel4_rcv: no tunnel took it.
      host.icmp.sendError(skb, 'dest-unreachable', 3, 0);
      host.dropSkb(skb, skb.inDev, 'NOT_SPECIFIED', 'IPIP packet, but tunl0 is down');
      return;
    }
    host.traceSkb(skb, 'tunnel', tunl0, 'tunnel.decap', () => ({
      outer: `${formatIpv4Address(skb.packet.ip.src)} → ${formatIpv4Address(skb.packet.ip.dst)}`,
      inner: `${formatIpv4Address(inner.ip.src)} → ${formatIpv4Address(inner.ip.dst)}`,
    }));
    // ip_tunnel_rcv: the inner packet continues as received on tunl0 (same packet identity), which
    // counts it (dev_sw_netstats_rx_add, skb->len: the inner packet; tunl0 has no link header).
    const innerLength = ipv4PacketLength(inner);
    tunl0.countRx(innerLength);
    const frame = { eth: { src: tunl0.mac, dst: tunl0.mac, ethertype: 0x0800 }, body: { kind: 'ipv4' as const, packet: inner } };
    const wf = { frame, packetId: skb.id, flowId: skb.flowId, bytes: ETHERNET_HEADER_LEN + innerLength };
    host.ipIn.receive(tunl0, wf, decapEcn(skb.packet, inner), 'host');
  }
}

/** ip_tunnel_rcv → INET_ECN_decapsulate: CE on the outer header marks the inner one. */
function decapEcn(outer: Ipv4Packet, inner: Ipv4Packet): Ipv4Packet {
  if (outer.ip.ecn === 3 && inner.ip.ecn !== 0) return { ip: ipv4With(inner.ip, { ecn: 3 }), body: inner.body };
  return inner;
}
