import { IpProtocol, ipv4Header } from '../../wire/ipv4.ts';
import { formatIpv4Address, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { UdpRepr } from '../../wire/udp.ts';
import type { LinuxHost } from './host.ts';
import { isRouteError } from './route.ts';
import { newSkb, type SkBuff } from './skb.ts';

/** A bound UDP socket. */
export interface UdpSocket {
  readonly addr: Ipv4Address;
  readonly port: number;
  onDatagram(skb: SkBuff, udp: UdpRepr): void;
}

/** UDP for one host (net/ipv4/udp.c). */
export class Udp {
  private readonly sockets = new Map<string, UdpSocket>();

  constructor(private readonly host: LinuxHost) {}

  bind(sock: UdpSocket): void {
    this.sockets.set(`${sock.addr}:${sock.port}`, sock);
  }

  unbind(addr: Ipv4Address, port: number): void {
    this.sockets.delete(`${addr}:${port}`);
  }

  /** udp_rcv: to the bound socket, else ICMP port unreachable for a unicast datagram. */
  receive(skb: SkBuff, udp: UdpRepr): void {
    const { ip } = skb.packet;
    const sock = this.sockets.get(`${ip.dst}:${udp.dstPort}`) ?? this.sockets.get(`0:${udp.dstPort}`);
    if (sock) {
      this.host.traceSkb(skb, 'deliver', skb.inDev, 'deliver.udp', () => ({ port: udp.dstPort, bytes: udp.payload.length }));
      sock.onDatagram(skb, udp);
      this.host.tracer.forget(skb.id);
      return;
    }
    if (skb.route?.kind === 'local') {
      this.host.traceSkb(skb, 'deliver', skb.inDev, 'udp.port_unreachable', { port: udp.dstPort });
      this.host.icmp.sendError(skb, 'dest-unreachable', 3, 0);
    }
    this.host.dropSkb(skb, skb.inDev, 'NO_SOCKET', `nothing listens on ${formatIpv4Address(ip.dst)}:${udp.dstPort}/udp`);
  }

  /** sendto() on an unconnected socket: DF set (IP_PMTUDISC_WANT), so the IP ID is 0 (ip_select_ident_segs). */
  send(src: Ipv4Address, sport: number, dst: Ipv4Address, dport: number, payload: Uint8Array, flowId: number | undefined): boolean {
    const host = this.host;
    const route = host.router.output(dst, src, undefined);
    if (isRouteError(route)) return false;
    const skb = newSkb({
      ip: ipv4Header({
        src: src || route.src, dst, protocol: IpProtocol.Udp, ttl: host.sysctl.ipDefaultTtl,
        dscp: 0, ecn: 0, ident: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0,
      }),
      body: { kind: 'udp', udp: { srcPort: sport, dstPort: dport, payload } },
    }, host.ctx.nextPacketId(), flowId);
    skb.route = route;
    host.ip.localOut(skb);
    return true;
  }
}
