import { IpProtocol, ipv4Header, ipv4With } from '../../wire/ipv4.ts';
import { formatIpv4Address, isLoopbackIpv4 } from '../../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';
import type { Conntrack } from '../host/conntrack.ts';
import type { LinuxHost } from '../host/host.ts';
import type { Verdict } from '../host/netfilter.ts';
import { withTtl } from '../host/ip-output.ts';
import { isRouteError, routeMtu, type RouteDecision } from '../host/route.ts';
import { rewriteSameLength, skbLength, type SkBuff } from '../host/skb.ts';
import type { IpvsConn } from './conn.ts';

/** What `outRoute` found: the route to the real server, LOCAL for a local one, or why there is none. */
type OutRoute = RouteDecision | typeof LOCAL | string;
/** The real server is a local address. */
const LOCAL: unique symbol = Symbol('local');

/** How each method calls `outRoute` (shared: the modes are read-only). */
const NAT_MODE = Object.freeze({ knownNh: false, tunnel: false });
const DR_MODE = Object.freeze({ knownNh: true, tunnel: false });
const TUN_MODE = Object.freeze({ knownNh: false, tunnel: true });

/**
 * __ip_vs_get_out_rt (ip_vs_xmit.c): the route to the real server; for a non-local one the TTL
 * is checked and decremented (ICMP time exceeded from the VIP) and the MTU checked (ICMP
 * fragmentation needed), before anything else changes.
 */
function outRoute(host: LinuxHost, skb: SkBuff, conn: IpvsConn, mode: { knownNh: boolean; tunnel: boolean }): OutRoute {
  const r = host.router.output(conn.daddr, 0, undefined);
  if (isRouteError(r)) return `no route to ${formatIpv4Address(conn.daddr)}: ${r.detail}`;
  if (r.kind === 'local') return LOCAL;
  const ip = skb.packet.ip;
  if (ip.ttl <= 1) {
    host.icmp.sendError(skb, 'time-exceeded', 0, 0);
    return `TTL ${ip.ttl} would reach 0`;
  }
  rewriteSameLength(skb, withTtl(skb.packet, ip.ttl - 1));
  // dst_mtu: the path MTU learned for the real server, if any (ipv4_mtu), else the device's.
  let mtu = routeMtu(r, host.now);
  if (mode.tunnel) {
    mtu -= 20;
    if (mtu < 68) return 'tunnel MTU less than 68';
  }
  // ensure_mtu_is_adequate: with pmtu_disc=0 a tunnelled packet is fragmented instead.
  const checkMtu = !(mode.tunnel && host.sysctl.global('net.ipv4.vs.pmtu_disc') === 0);
  const len = skbLength(skb);
  if (checkMtu && skb.packet.ip.dontFragment && len > mtu && skb.packet.body.kind !== 'icmp') {
    host.traceSkb(skb, 'ipvs', undefined, 'ipvs.frag_needed', { mtu, bytes: len });
    host.icmp.sendError(skb, 'dest-unreachable', 4, mtu);
    return `${len} bytes with DF exceed the MTU ${mtu}`;
  }
  const cached = destDst(conn, r);
  return mode.knownNh ? cached.knownNh : r;
}

/**
 * __ip_vs_dst_check / __ip_vs_dst_set: the server keeps the route it was sent through last
 * (dest_dst) for as long as the route to it is the same. With IP_VS_RT_MODE_KNOWN_NH (DR) an
 * on-link real server is the next hop although the IP destination stays the VIP.
 */
function destDst(conn: IpvsConn, r: RouteDecision): { readonly rt: RouteDecision; readonly knownNh: RouteDecision } {
  let cached = conn.dest.destDst;
  if (cached?.rt !== r) {
    // Written out rather than spread, so the route keeps the one object shape all routes have.
    cached = { rt: r, knownNh: { kind: r.kind, dev: r.dev, gateway: r.gateway ?? conn.daddr, src: r.src, route: r.route, fnhe: r.fnhe } };
    conn.dest.destDst = cached;
  }
  return cached;
}

function txError(host: LinuxHost, skb: SkBuff, detail: string): Verdict {
  host.dropSkb(skb, skb.inDev, 'IPVS', detail);
  return 'stolen';
}

/**
 * ip_vs_send_or_cont / ip_vs_nat_send_or_cont, for a local real server too: the packet is
 * marked as IPVS's and its conntrack entry dropped (ip_vs_notrack) unless the connection keeps
 * it (IP_VS_CONN_F_NFCT, sysctl conntrack=1); then NAT makes the entry expect the replies
 * from the real server (ip_vs_update_conntrack), so the nat table goes on seeing the flow.
 */
function conntrackSend(skb: SkBuff, conn: IpvsConn, nat: boolean): void {
  skb.ipvsProperty = true;
  if (!conn.nfct) skb.untracked = true;
  else if (nat) updateConntrack(skb, conn);
}

/**
 * ip_vs_update_conntrack (outin): an entry not yet confirmed, seen in the original direction,
 * gets the reply tuple RIP:rport → client; never for one-packet (`-o`) UDP connections.
 */
function updateConntrack(skb: SkBuff, conn: IpvsConn): void {
  const ct = skb.ct as Conntrack | undefined;
  if (!ct || ct.confirmed || skb.ctReply || (conn.service.onePacket && conn.protocol === 17)) return;
  ct.reply = { ...ct.reply, src: conn.daddr, sport: conn.dport };
}

/** ip_vs_send_or_cont / ip_vs_nat_send_or_cont for a remote real server: re-injected at LOCAL_OUT. */
function sendOut(host: LinuxHost, skb: SkBuff, conn: IpvsConn, route: RouteDecision, nat: boolean): Verdict {
  conntrackSend(skb, conn, nat);
  skb.route = route;
  host.ip.localOut(skb);
  return 'stolen';
}

/**
 * ip_vs_tunnel_xmit_prepare + ip_local_out: the outer packet leaves without the inner one's
 * conntrack entry (nf_reset_ct; neither IP_CT_UNTRACKED nor the client's flow), whatever the
 * conntrack sysctl. Not modelled: with conntrack=1 the kernel first confirms the client's entry
 * (ip_vs_confirm_conntrack), and it tracks the IPIP packet anew, which the lab's conntrack cannot.
 */
function sendTunnelled(host: LinuxHost, skb: SkBuff, route: RouteDecision): Verdict {
  skb.ipvsProperty = true;
  skb.ct = undefined;
  skb.ctReply = false;
  skb.untracked = false;
  skb.route = route;
  host.ip.localOut(skb);
  return 'stolen';
}

/** rt_is_input_route: the packet came in on a device (one looped back through lo keeps its output route). */
const wasInput = (host: LinuxHost, skb: SkBuff): boolean => skb.inDev !== undefined && skb.inDev !== host.loopback;

/** The packet with a new destination address and port (the incremental checksum update follows on emit). */
export function dnat(p: Ipv4Packet, daddr: number, dport: number): Ipv4Packet {
  const ip = ipv4With(p.ip, { dst: daddr });
  if (p.body.kind === 'tcp') return { ip, body: { kind: 'tcp', tcp: { ...p.body.tcp, dstPort: dport } } };
  if (p.body.kind === 'udp') return { ip, body: { kind: 'udp', udp: { ...p.body.udp, dstPort: dport } } };
  return { ip, body: p.body };
}

/** The packet with a new source address and port. */
export function snat(p: Ipv4Packet, saddr: number, sport: number): Ipv4Packet {
  const ip = ipv4With(p.ip, { src: saddr });
  if (p.body.kind === 'tcp') return { ip, body: { kind: 'tcp', tcp: { ...p.body.tcp, srcPort: sport } } };
  if (p.body.kind === 'udp') return { ip, body: { kind: 'udp', udp: { ...p.body.udp, srcPort: sport } } };
  return { ip, body: p.body };
}

/**
 * ip_vs_nat_xmit: destination address and port become the real server's (tcp_dnat_handler),
 * TTL − 1, checksums updated; then OUTPUT and POSTROUTING like a local packet.
 */
export function xmitNat(host: LinuxHost, skb: SkBuff, conn: IpvsConn): Verdict {
  const fromWorld = wasInput(host, skb);
  const out = outRoute(host, skb, conn, NAT_MODE);
  if (typeof out === 'string') return txError(host, skb, out);
  // "From world but DNAT to loopback address?"
  if (out === LOCAL && fromWorld && isLoopbackIpv4(conn.daddr)) return txError(host, skb, `stopping DNAT to loopback address ${formatIpv4Address(conn.daddr)}`);
  const vaddr = skb.packet.ip.dst;
  skb.packet = dnat(skb.packet, conn.daddr, conn.dport);
  // The trace's texts are built only while tracing (this runs for every request packet).
  const after = (): string => `${formatIpv4Address(conn.daddr)}:${conn.dport}`;
  if (out === LOCAL) {
    // NAT to a local address: the rewritten packet continues to the local stack.
    host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.xmit.local', () => ({ method: 'masq', to: after() }));
    conntrackSend(skb, conn, true);
    return 'accept';
  }
  host.traceSkb(skb, 'ipvs', out.dev, 'ipvs.xmit.nat', () => ({ from: `${formatIpv4Address(vaddr)}:${conn.vport}`, to: after(), dev: out.dev.name }));
  return sendOut(host, skb, conn, out, true);
}

/**
 * ip_vs_icmp_xmit for NAT: an ICMP error about a connection's reply goes to the real server,
 * routed (TTL − 1) before `mangle` translates it; from FORWARD only a non-local server can be
 * reached ("LOCALNODE from FORWARD hook is not supported").
 */
export function xmitIcmpNat(host: LinuxHost, skb: SkBuff, conn: IpvsConn, fromForward: boolean, mangle: (p: Ipv4Packet) => Ipv4Packet): Verdict {
  const fromWorld = wasInput(host, skb);
  const out = outRoute(host, skb, conn, NAT_MODE);
  if (typeof out === 'string') return txError(host, skb, out);
  if (out === LOCAL && fromForward) return txError(host, skb, 'the real server is a local address, which an error in FORWARD cannot reach');
  if (out === LOCAL && fromWorld && isLoopbackIpv4(conn.daddr)) return txError(host, skb, `stopping DNAT to loopback ${formatIpv4Address(conn.daddr)}`);
  skb.packet = mangle(skb.packet);
  if (out === LOCAL) {
    conntrackSend(skb, conn, true);
    return 'accept';
  }
  return sendOut(host, skb, conn, out, true);
}

/**
 * ip_vs_dr_xmit: nothing in the IP packet changes but TTL and header checksum; the route to the
 * real server makes it the next hop, so ARP resolves the RIP and the frame carries its MAC.
 */
export function xmitDr(host: LinuxHost, skb: SkBuff, conn: IpvsConn): Verdict {
  const out = outRoute(host, skb, conn, DR_MODE);
  if (typeof out === 'string') return txError(host, skb, out);
  if (out === LOCAL) {
    host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.xmit.local', () => ({ method: 'droute', to: formatIpv4Address(conn.daddr) }));
    conntrackSend(skb, conn, false);
    return 'accept';
  }
  if (host.tracing) {
    const gw = out.gateway;
    host.traceSkb(skb, 'ipvs', out.dev, 'ipvs.xmit.dr', { rip: formatIpv4Address(conn.daddr), dev: out.dev.name, via: gw !== undefined && gw !== conn.daddr ? formatIpv4Address(gw) : '' });
  }
  return sendOut(host, skb, conn, out, false);
}

/**
 * ip_vs_tunnel_xmit: the packet (TTL − 1) goes inside a new IPv4 header (protocol 4) from the
 * director's own source toward the RIP to the real server; outer TTL = inner TTL, DSCP copied,
 * ECN copied with CE → ECT(0), DF copied only with pmtu_disc=1.
 */
export function xmitTun(host: LinuxHost, skb: SkBuff, conn: IpvsConn): Verdict {
  const out = outRoute(host, skb, conn, TUN_MODE);
  if (typeof out === 'string') return txError(host, skb, out);
  if (out === LOCAL) {
    host.traceSkb(skb, 'ipvs', skb.inDev, 'ipvs.xmit.local', () => ({ method: 'tunnel', to: formatIpv4Address(conn.daddr) }));
    conntrackSend(skb, conn, false);
    return 'accept';
  }
  const inner = skb.packet;
  const df = host.sysctl.global('net.ipv4.vs.pmtu_disc') !== 0 && inner.ip.dontFragment;
  const saddr = out.src;
  skb.packet = {
    ip: ipv4Header({
      src: saddr, dst: conn.daddr, protocol: IpProtocol.Ipip, ttl: inner.ip.ttl,
      dscp: inner.ip.dscp, ecn: inner.ip.ecn === 3 ? 2 : inner.ip.ecn,
      // ip_select_ident without a socket: ID 0 when DF is set.
      ident: df ? 0 : host.ip.nextIdent(), dontFragment: df, moreFragments: false, fragmentOffset: 0,
    }),
    body: { kind: 'ipip', inner },
  };
  host.traceSkb(skb, 'tunnel', out.dev, 'tunnel.encap', () => ({ outer: `${formatIpv4Address(saddr)} → ${formatIpv4Address(conn.daddr)}`, rip: formatIpv4Address(conn.daddr) }));
  host.traceSkb(skb, 'ipvs', out.dev, 'ipvs.xmit.tun', () => ({ src: formatIpv4Address(saddr), rip: formatIpv4Address(conn.daddr), dev: out.dev.name }));
  return sendTunnelled(host, skb, out);
}
