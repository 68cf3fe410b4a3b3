import { getU16, setU16, setU32 } from '../../wire/bytes.ts';
import { readQuotedIpv4, type IcmpRepr, type QuotedIpv4Header } from '../../wire/icmp.ts';
import { internetChecksum } from '../../wire/checksum.ts';
import { IpProtocol, ipv4With } from '../../wire/ipv4.ts';
import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';
import type { LinuxHost } from '../host/host.ts';
import type { Verdict } from '../host/netfilter.ts';
import { routeMtu } from '../host/route.ts';
import type { SkBuff } from '../host/skb.ts';
import type { HookName } from '../model/trace.ts';
import type { ConnProtocol, ConnTable, IpvsConn } from './conn.ts';
import type { IpvsDest } from './dest.ts';
import { xmitDr, xmitIcmpNat, xmitTun } from './xmit.ts';

/**
 * The ICMP errors IPVS relates to its connections (ip_vs_in_icmp, ip_vs_out_icmp): destination
 * unreachable and time exceeded. (Source quench is the third type the kernel accepts; no Linux
 * host has sent one since 3.0, so none exists in a lab.)
 */
type RelatedError = Extract<IcmpRepr, { type: 'dest-unreachable' | 'time-exceeded' }>;

/** A quoted IPv4 header and the first two 16-bit words after it (the ports of TCP and UDP), when quoted. */
interface Quoted extends QuotedIpv4Header {
  readonly hasPorts: boolean;
  readonly sport: number;
  readonly dport: number;
}

/** What the ICMP handlers need of IPVS. */
export interface IcmpIpvs {
  readonly host: LinuxHost;
  readonly conns: Pick<ConnTable, 'inGet' | 'outGet'>;
  /** ip_vs_find_tunnel: a real server at this address forwarded to by tunnelling. */
  findTunnel(addr: number): IpvsDest | undefined;
  inStats(cp: IpvsConn, skb: SkBuff): void;
  outStats(cp: IpvsConn, skb: SkBuff): void;
}

function readQuoted(q: Uint8Array, at: number): Quoted | null {
  const h = readQuotedIpv4(q, at);
  if (!h) return null;
  const hasPorts = h.payloadLength >= 4;
  const ports = at + h.ihl;
  return { ...h, hasPorts, sport: hasPorts ? getU16(q, ports) : 0, dport: hasPorts ? getU16(q, ports + 2) : 0 };
}

/**
 * The protocol of a quoted packet whose connection can be looked up: TCP or UDP (ip_vs_proto_get),
 * not a later fragment, its ports quoted (ip_vs_conn_fill_param_proto finds no connection
 * without them).
 */
function connProtocol(q: Quoted): ConnProtocol | undefined {
  if (q.laterFragment || !q.hasPorts) return undefined;
  return q.protocol === IpProtocol.Tcp ? 6 : q.protocol === IpProtocol.Udp ? 17 : undefined;
}

function relatedError(skb: SkBuff): RelatedError | undefined {
  const body = skb.packet.body;
  if (body.kind !== 'icmp') return undefined;
  const t = body.icmp.type;
  return t === 'dest-unreachable' || t === 'time-exceeded' ? body.icmp : undefined;
}

/**
 * ip_vs_nat_icmp: the outer address and the quoted packet's address and port are translated
 * (`toClient`: source RIP → VIP on the way out; else destination VIP → RIP on the way in).
 * The quoted IP header gets its checksum again (ip_send_check); the quoted TCP/UDP checksum is
 * left as it was, as the kernel leaves it; the ICMP checksum is computed when the message is sent.
 */
function natIcmp(p: Ipv4Packet, icmp: RelatedError, quoted: Quoted, cp: IpvsConn, toClient: boolean): Ipv4Packet {
  const q = icmp.original.slice();
  const { at, ihl } = quoted;
  // Outward the quote is the client's packet to the RIP: its destination; inward the reply from the VIP: its source.
  setU32(q, at + (toClient ? 16 : 12), toClient ? cp.vaddr : cp.daddr);
  setU16(q, at + 10, 0);
  setU16(q, at + 10, internetChecksum(q, at, at + ihl));
  if ((quoted.protocol === IpProtocol.Tcp || quoted.protocol === IpProtocol.Udp) && quoted.hasPorts) {
    setU16(q, at + ihl + (toClient ? 2 : 0), toClient ? cp.vport : cp.dport);
  }
  const ip = ipv4With(p.ip, toClient ? { src: cp.vaddr } : { dst: cp.daddr });
  return { ip, body: { kind: 'icmp', icmp: { ...icmp, original: q } } };
}

/**
 * ip_vs_out_icmp (called by ip_vs_out_hook): an ICMP error from the real server's side about a
 * packet of a connection — the quote, read in reverse, is the client → RIP packet. For NAT the
 * error is translated so the client sees it come from the VIP about its packet to VIP:vport
 * (handle_response_icmp). Undefined when the packet is not a related error.
 */
export function outIcmp(ipvs: IcmpIpvs, skb: SkBuff, hook: HookName): Verdict | undefined {
  const icmp = relatedError(skb);
  if (!icmp) return undefined;
  const quoted = readQuoted(icmp.original, 0);
  if (!quoted) return 'accept';
  const protocol = connProtocol(quoted);
  if (protocol === undefined) return 'accept';
  // "The embedded headers contain source and dest in reverse order."
  const cp = ipvs.conns.outGet(protocol, quoted.dst, quoted.dport, quoted.src, quoted.sport);
  if (!cp) return 'accept';
  if (cp.forwardingMethod !== 'masq') return 'accept';
  const host = ipvs.host;
  const before = skb.packet.ip.src;
  skb.packet = natIcmp(skb.packet, icmp, quoted, cp, true);
  host.traceSkb(skb, 'ipvs', hook === 'INPUT' ? skb.inDev : skb.route?.dev, 'ipvs.icmp.out', () => ({
    type: icmp.type, from: formatIpv4Address(before), to: formatIpv4Address(cp.vaddr),
    about: `${formatIpv4Address(cp.caddr)}:${cp.cport} → ${formatIpv4Address(cp.vaddr)}:${cp.vport}`,
  }), { hook });
  ipvs.outStats(cp, skb);
  skb.ipvsProperty = true;
  // handle_response_icmp: ip_vs_notrack unless IP_VS_CONN_F_NFCT.
  if (!cp.nfct) skb.untracked = true;
  return 'accept';
}

/**
 * ip_vs_in_icmp (called by ip_vs_in_hook, and by ip_vs_forward_icmp in FORWARD): an ICMP error
 * from the client's side about a reply of a connection (the quote, read in reverse, is the
 * client's packet to VIP:vport) goes to the connection's real server — as it is for DR and TUN
 * (cp->packet_xmit), translated to the RIP for NAT (ip_vs_icmp_xmit). An error about one of our
 * IPIP packets becomes an ICMP error to the client about its request. With schedule_icmp=0 (the
 * default) an error without a connection is left to the local stack. Undefined when the packet
 * is not a related error.
 */
export function inIcmp(ipvs: IcmpIpvs, skb: SkBuff, hook: HookName): Verdict | undefined {
  const icmp = relatedError(skb);
  if (!icmp) return undefined;
  const quoted = readQuoted(icmp.original, 0);
  if (!quoted) return 'accept';
  const host = ipvs.host;
  if (quoted.protocol === IpProtocol.Ipip) {
    if (quoted.laterFragment) return 'accept';
    // "Error for our IPIP must arrive at LOCAL_IN", for a known tunnel.
    if (skb.route?.kind !== 'local') return 'accept';
    if (!ipvs.findTunnel(quoted.dst)) return 'accept';
    const inner = readQuoted(icmp.original, quoted.ihl);
    if (!inner) return 'accept';
    return tunnelError(ipvs, skb, icmp, quoted, inner);
  }
  const protocol = connProtocol(quoted);
  if (protocol === undefined) return 'accept';
  const cp = ipvs.conns.inGet(protocol, quoted.dst, quoted.dport, quoted.src, quoted.sport);
  if (!cp) return 'accept';
  ipvs.inStats(cp, skb);
  const about = `${formatIpv4Address(quoted.src)}:${quoted.sport} → ${formatIpv4Address(quoted.dst)}:${quoted.dport}`;
  host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.icmp.in', () => ({ type: icmp.type, about, rs: formatIpv4Address(cp.daddr), method: cp.forwardingMethod }), { hook });
  // ip_vs_icmp_xmit: DR and TUN forward the error as it is (cp->packet_xmit), NAT translates it.
  switch (cp.forwardingMethod) {
    case 'droute':
      return xmitDr(host, skb, cp);
    case 'tunnel':
      return xmitTun(host, skb, cp);
    case 'masq':
      return xmitIcmpNat(host, skb, cp, hook === 'FORWARD', (p) => natIcmp(p, icmp, quoted, cp, false));
  }
}

/**
 * The tunnel case of ip_vs_in_icmp: an ICMP error about an IPIP packet we sent to a real
 * server. The connection of the quoted inner request is looked up as it is (not reversed). For
 * "fragmentation needed" on a request with DF the MTU passed on shrinks by the 20-byte outer
 * header; the director sends the client the same type and code about its request (icmp_send,
 * from the VIP, as the request was addressed to a local address).
 */
function tunnelError(ipvs: IcmpIpvs, skb: SkBuff, icmp: RelatedError, outer: Quoted, inner: Quoted): Verdict {
  const host = ipvs.host;
  const protocol = connProtocol(inner);
  if (protocol === undefined) return 'accept';
  const cp = ipvs.conns.inGet(protocol, inner.src, inner.sport, inner.dst, inner.dport);
  if (!cp) return 'accept';
  const request = icmp.original.subarray(outer.ihl);
  const fragNeeded = icmp.type === 'dest-unreachable' && icmp.code === 4;
  let mtu = icmp.type === 'dest-unreachable' ? icmp.nextHopMtu : 0;
  host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.icmp.tunnel', () => ({
    type: icmp.type, rip: formatIpv4Address(outer.dst), about: `${formatIpv4Address(inner.src)}:${inner.sport} → ${formatIpv4Address(inner.dst)}:${inner.dport}`,
  }));
  if (fragNeeded) {
    // ipv4_update_pmtu on the quoted IPIP header: the route to the real server learns the path
    // MTU (a reported MTU below min_pmtu counts as min_pmtu, locked), so later tunnelled
    // packets meet it at once in ip_vs_tunnel_xmit.
    host.router.updatePmtu(outer.dst, outer.src, mtu);
    // "Client uses PMTUD?" — without DF on the request nothing is sent back.
    if (!inner.dontFragment) {
      host.dropSkb(skb, skb.inDev, 'IPVS', 'fragmentation needed for a tunnelled request without DF: nothing to tell the client');
      return 'stolen';
    }
    // "Prefer the resulting PMTU": dst_mtu of the route the server was last sent through
    // (dest_dst), less the outer header. A route taken before the exception existed is not
    // bound to it and still has the device's MTU; the next tunnelled packet takes a new route,
    // bound to the exception, and meets its MTU in ip_vs_tunnel_xmit.
    const rt = cp.dest.destDst?.rt;
    if (rt !== undefined) mtu = routeMtu(rt, host.now);
    if (mtu > 68 + 20) mtu -= 20;
  }
  ipvs.outStats(cp, skb);
  host.icmp.sendErrorAbout(skb, { src: inner.src, dst: inner.dst, fragmentOffset: 0 }, () => request, icmp.type, icmp.code, mtu);
  host.tracer.forget(skb.id);
  return 'stolen';
}
