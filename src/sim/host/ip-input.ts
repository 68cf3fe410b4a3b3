import { ETHERNET_HEADER_LEN } from '../../wire/ethernet.ts';
import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';
import type { WireFrame } from '../context.ts';
import type { LinuxHost } from './host.ts';
import { isFragment } from './ip-fragment.ts';
import type { NetDev } from './netdev.ts';
import { describeRoute, isRouteError } from './route.ts';
import { newSkb, setLength, type PktType, type SkBuff } from './skb.ts';

/** IPv4 receive (net/ipv4/ip_input.c): ip_rcv → PREROUTING → routing → INPUT / forward. */
export class IpInput {
  constructor(private readonly host: LinuxHost) {}

  /** ip_rcv for a packet that arrived on `dev`. */
  receive(dev: NetDev, wf: WireFrame, packet: Ipv4Packet, pktType: PktType): void {
    const host = this.host;
    const skb = newSkb(packet, wf.packetId, wf.flowId);
    setLength(skb, wf.bytes - ETHERNET_HEADER_LEN);
    skb.mac = wf.frame.eth;
    skb.inDev = dev;
    skb.pktType = pktType;
    if (pktType === 'otherhost') {
      // ip_rcv_core: a frame for another MAC (flooded by a switch) is not ours.
      host.dropSkb(skb, dev, 'OTHERHOST', `frame addressed to ${wf.frame.eth.dst}, not to ${dev.mac}`);
      return;
    }
    if (host.hook(skb, 'PREROUTING', dev, undefined) !== 'accept') return;
    this.routeAndDispatch(skb, dev);
  }

  /** A packet looped back through `lo`: its output route is kept (skb_dst is already set). */
  receiveLoopback(skb: SkBuff): void {
    const host = this.host;
    skb.inDev = host.loopback;
    skb.pktType = 'host';
    if (host.hook(skb, 'PREROUTING', host.loopback, undefined) !== 'accept') return;
    if (skb.route?.kind === 'local') {
      this.localDeliver(skb);
      return;
    }
    this.routeAndDispatch(skb, host.loopback);
  }

  /** ip_rcv_finish: the input routing decision, then local delivery or forwarding. */
  private routeAndDispatch(skb: SkBuff, dev: NetDev): void {
    const host = this.host;
    const { ip } = skb.packet;
    skb.doRedirect = false;
    const r = host.router.input(ip.dst, ip.src, dev, skb);
    if (isRouteError(r)) {
      host.traceSkb(skb, 'route', dev, 'route.input.no_route', { reason: r.detail });
      if (r.error === 'ENETUNREACH' || (r.error === 'EHOSTUNREACH' && dev.cnf.forwarding !== 0)) {
        // ip_error: a router tells the sender it has no route.
        host.icmp.sendError(skb, 'dest-unreachable', r.error === 'ENETUNREACH' ? 0 : 1, 0);
      }
      host.dropSkb(skb, dev, r.reason, r.detail);
      return;
    }
    skb.route = r;
    const kind = r.kind;
    if (host.tracing) {
      host.traceSkb(skb, 'route', dev, kind === 'local' ? 'route.input.local' : kind === 'forward' ? 'route.input.forward' : 'route.input.broadcast', {
        route: describeRoute(r.route), dst: formatIpv4Address(ip.dst), out: r.dev.name,
      });
    }
    if (kind === 'forward') host.ip.forward(skb);
    else this.localDeliver(skb);
  }

  /** ip_local_deliver: the INPUT hook (where IPVS takes requests), then the protocol handler. */
  localDeliver(skb: SkBuff): void {
    const host = this.host;
    // ip_local_deliver: a fragment waits for the rest of its datagram (ip_defrag), before INPUT.
    if (isFragment(skb) && !host.defrag.gather(skb, 'local-deliver')) return;
    if (host.hook(skb, 'INPUT', skb.inDev, undefined) !== 'accept') return;
    const body = skb.packet.body;
    switch (body.kind) {
      case 'tcp':
        host.tcp.receive(skb, body.tcp);
        return;
      case 'udp':
        host.udp.receive(skb, body.udp);
        return;
      case 'icmp':
        host.icmp.receive(skb, body.icmp);
        return;
      case 'ipip':
        host.ipip.receive(skb, body.inner);
        return;
      default:
        host.icmp.sendError(skb, 'dest-unreachable', 2, 0);
        host.dropSkb(skb, skb.inDev, 'IP_NOPROTO', `no handler for protocol ${skb.packet.ip.protocol}`);
    }
  }
}
