import { ETHERNET_HEADER_LEN, EtherType, type EthernetRepr } from '../../wire/ethernet.ts';
import { formatIpv4Address, isLimitedBroadcast } from '../../wire/ipv4-address.ts';
import { BROADCAST_MAC, type MacAddress } from '../../wire/mac-address.ts';
import type { Frame, Ipv4Packet } from '../../wire/packet.ts';
import type { LinuxHost } from './host.ts';
import type { NetDev } from './netdev.ts';
import { fragmentSkb } from './ip-fragment.ts';
import { forwardMtu, routeMtu, type RouteDecision } from './route.ts';
import { rewriteSameLength, skbLength, type SkBuff } from './skb.ts';
import { ipv4With } from '../../wire/ipv4.ts';

/** IPv4 output and forwarding (net/ipv4/ip_output.c, ip_forward.c). */
export class IpOutput {
  private ident: number;
  /** ip_rt_send_redirect's per-peer token state, keyed by the sender being redirected. */
  private readonly redirectPeers = new Map<number, { last: number; count: number }>();

  constructor(private readonly host: LinuxHost) {
    this.ident = host.rng.below(0x10000);
  }

  /** Next IP ID for packets not sent from a connected socket (__ip_select_ident). */
  nextIdent(): number {
    this.ident = (this.ident + 1) & 0xffff;
    return this.ident;
  }

  /**
   * ip_forward: TTL check (ICMP time exceeded), MTU check with DF (fragmentation needed), TTL−1,
   * ICMP redirect when the packet leaves through the device it came in on, FORWARD hook.
   */
  forward(skb: SkBuff): void {
    const host = this.host;
    const dev = skb.route!.dev;
    if (skb.pktType !== 'host') {
      host.dropSkb(skb, skb.inDev, 'OTHERHOST', 'forwarding only unicast packets addressed to us');
      return;
    }
    const ip = skb.packet.ip;
    if (ip.ttl <= 1) {
      host.icmp.sendError(skb, 'time-exceeded', 0, 0);
      host.dropSkb(skb, skb.inDev, 'IP_INHDR', `TTL ${ip.ttl} would reach 0`);
      return;
    }
    const len = skbLength(skb);
    const mtu = this.dstMtu(skb.route!);
    if (ip.dontFragment && len > mtu) {
      this.refuseTooBig(skb, skb.inDev, len, mtu, mtu === dev.mtu ? dev.name : `the route via ${dev.name}`);
      return;
    }
    rewriteSameLength(skb, withTtl(skb.packet, ip.ttl - 1));
    if (host.tracing) host.traceSkb(skb, 'route', skb.inDev, 'ip.forward', { ttl: ip.ttl - 1, out: dev.name });
    if (skb.doRedirect) this.sendRedirect(skb);
    if (host.hook(skb, 'FORWARD', skb.inDev, dev) !== 'accept') return;
    this.output(skb);
  }

  /**
   * ip_rt_send_redirect (net/ipv4/route.c): the first redirect goes at once; later ones back off
   * exponentially (redirect_load 20 ms << n) and stop after redirect_number (9) until
   * redirect_silence (20.48 s) passes without one.
   */
  private sendRedirect(skb: SkBuff): void {
    const now = this.host.now;
    const src = skb.packet.ip.src;
    const LOAD = 20_000;
    const NUMBER = 9;
    const SILENCE = LOAD << (NUMBER + 1);
    let peer = this.redirectPeers.get(src);
    if (!peer || now > peer.last + SILENCE) peer = { last: -Infinity, count: 0 };
    this.redirectPeers.set(src, peer);
    if (peer.count >= NUMBER) return;
    if (peer.count === 0 || now > peer.last + (LOAD << peer.count)) {
      const gw = skb.route!.gateway ?? skb.packet.ip.dst;
      this.host.icmp.sendRedirect(skb, gw);
      peer.last = now;
      peer.count++;
    }
  }

  /** ip_local_out: OUTPUT hook, then ip_output. `skb.route` must be set. */
  localOut(skb: SkBuff): void {
    const host = this.host;
    if (host.hook(skb, 'OUTPUT', undefined, skb.route!.dev) !== 'accept') return;
    this.output(skb);
  }

  /** ip_output: POSTROUTING hook, then ip_finish_output. */
  output(skb: SkBuff): void {
    const host = this.host;
    if (host.hook(skb, 'POSTROUTING', skb.inDev, skb.route!.dev) !== 'accept') return;
    this.finishOutput(skb);
  }

  /** ip_finish_output: the MTU (DF: fragmentation needed; else ip_fragment), then ip_finish_output2. */
  finishOutput(skb: SkBuff): void {
    const host = this.host;
    const route = skb.route!;
    const dev = route.dev;
    if (!dev.up) {
      host.dropSkb(skb, dev, 'DEV_READY', `${dev.name} is down`);
      return;
    }
    const len = skbLength(skb);
    const mtu = this.dstMtu(route);
    if (len > mtu && skb.packet.ip.dontFragment) {
      this.refuseTooBig(skb, dev, len, mtu, mtu === dev.mtu ? dev.name : `the path to ${formatIpv4Address(skb.packet.ip.dst)}`);
      return;
    }
    // ip_fragment: without DF the packet goes on as fragments that fit; a datagram reassembled on
    // its way through leaves in fragments no larger than those it came in (frag_max_size).
    const size = skb.fragMaxSize !== 0 && skb.fragMaxSize < mtu ? skb.fragMaxSize : mtu;
    if (len > size) {
      const fragments = fragmentSkb(host, skb, size);
      if (host.tracing) host.traceSkb(skb, 'route', dev, 'ip.fragment', { bytes: len, mtu: size, fragments: fragments.length, dev: dev.name, id: skb.packet.ip.ident });
      host.tracer.forget(skb.id);
      for (const f of fragments) this.finishOutput2(f);
      return;
    }
    this.finishOutput2(skb);
  }

  /** A packet with DF longer than `mtu`: "fragmentation needed" to its source, and the drop. */
  private refuseTooBig(skb: SkBuff, dev: NetDev | undefined, len: number, mtu: number, of: string): void {
    this.host.icmp.sendError(skb, 'dest-unreachable', 4, mtu);
    this.host.dropSkb(skb, dev, 'PKT_TOO_BIG', `${len} bytes with DF exceed the MTU ${mtu} of ${of}`);
  }

  /**
   * ip_skb_dst_mtu: a forwarded packet meets ip_dst_mtu_maybe_forward (the route's mtu metric or
   * the device's MTU; a learned path MTU only with ip_forward_use_pmtu or when locked), a local
   * one its route's MTU (ipv4_mtu). Without an exception or metrics it is the device's MTU.
   */
  private dstMtu(route: RouteDecision): number {
    if (route.fnhe === undefined && route.route?.metrics === undefined) return route.dev.mtu;
    const host = this.host;
    return route.kind === 'forward' ? forwardMtu(route, host.now, host.sysctl.global('net.ipv4.ip_forward_use_pmtu') !== 0) : routeMtu(route, host.now);
  }

  /** ip_finish_output2: loopback, the tunnel device, or the neighbour layer. */
  private finishOutput2(skb: SkBuff): void {
    const host = this.host;
    const route = skb.route!;
    const dev = route.dev;
    if (dev.kind === 'loopback') {
      host.loopbackXmit(skb);
      return;
    }
    if (dev.kind === 'ipip') {
      // The fallback device tunl0 has no remote endpoint: ipip_tunnel_xmit cannot send on it.
      host.dropSkb(skb, dev, 'NOT_SPECIFIED', 'tunl0 has no remote endpoint (tx_errors)');
      return;
    }
    const daddr = skb.packet.ip.dst;
    if (isLimitedBroadcast(daddr) || route.kind === 'broadcast') {
      this.transmitToNeighbour(dev, BROADCAST_MAC, skb);
      return;
    }
    const nexthop = route.gateway ?? daddr;
    host.neigh.output(dev, nexthop, skb);
  }

  /** neigh_direct_output / dev_queue_xmit: an Ethernet header to `mac` goes on and the frame leaves. */
  transmitToNeighbour(dev: NetDev, mac: MacAddress, skb: SkBuff): void {
    this.xmit(dev, { src: dev.mac, dst: mac, ethertype: EtherType.Ipv4 }, skb);
  }

  /** dev_queue_xmit of the packet behind a ready Ethernet header. */
  xmit(dev: NetDev, eth: EthernetRepr, skb: SkBuff): void {
    const frame: Frame = { eth, body: { kind: 'ipv4', packet: skb.packet } };
    this.host.devXmit(dev, { frame, packetId: skb.id, flowId: skb.flowId, bytes: ETHERNET_HEADER_LEN + skbLength(skb) });
  }

  /** arp_error_report → dst_link_failure: the next hop did not answer ARP. */
  linkFailure(skb: SkBuff, dev: NetDev): void {
    const host = this.host;
    host.icmp.sendError(skb, 'dest-unreachable', 1, 0);
    host.dropSkb(skb, dev, 'NEIGH_FAILED', `no ARP reply from the next hop for ${formatIpv4Address(skb.packet.ip.dst)}`);
  }
}

/** The packet with a new TTL (ip_decrease_ttl; the checksum follows on emit). */
export function withTtl(p: Ipv4Packet, ttl: number): Ipv4Packet {
  return { ip: ipv4With(p.ip, { ttl }), body: p.body };
}
