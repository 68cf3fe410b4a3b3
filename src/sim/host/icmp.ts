import { icmpQuote, type IcmpRepr } from '../../wire/icmp.ts';
import { IpProtocol, ipv4Header } from '../../wire/ipv4.ts';
import { formatIpv4Address, isMulticastIpv4, type Ipv4Address } from '../../wire/ipv4-address.ts';
import { emitIpv4Packet, type Ipv4Packet } from '../../wire/packet.ts';
import type { LinuxHost } from './host.ts';
import { doRedirect, quotedAddresses, type RedirectOutcome } from './redirect.ts';
import { isRouteError } from './route.ts';
import { newSkb, type SkBuff } from './skb.ts';

/** Listener for ICMP messages a host receives (ping, and TCP/UDP sockets for errors). */
export type IcmpListener = (skb: SkBuff, icmp: IcmpRepr) => void;

const ERROR_TYPES = new Set<IcmpRepr['type']>(['dest-unreachable', 'time-exceeded', 'redirect']);
/** IPTOS_PREC_INTERNETCONTROL: ICMP errors are sent with precedence 6 (DSCP CS6). */
const DSCP_INTERNETCONTROL = 0xc0 >> 2;
/** icmp_ratemask default 6168: destination unreachable, source quench, time exceeded, parameter problem. */
const RATE_LIMITED = new Set<IcmpRepr['type']>(['dest-unreachable', 'time-exceeded']);
/** XRLIM_BURST_FACTOR in inet_peer_xrlim_allow. */
const BURST = 6;

/** ICMP for one host (net/ipv4/icmp.c). */
export class Icmp {
  readonly listeners = new Set<IcmpListener>();
  private readonly peers = new Map<Ipv4Address, { tokens: number; last: number }>();

  constructor(private readonly host: LinuxHost) {}

  /** icmp_rcv: echo requests are answered, everything else goes to the listeners. */
  receive(skb: SkBuff, icmp: IcmpRepr): void {
    const host = this.host;
    host.traceSkb(skb, 'deliver', skb.inDev, 'deliver.icmp', () => ({ type: icmp.type }));
    if (icmp.type === 'echo-request') {
      if (host.sysctl.global('net.ipv4.icmp_echo_ignore_all') !== 0) return;
      if (skb.route?.kind === 'broadcast' && host.sysctl.global('net.ipv4.icmp_echo_ignore_broadcasts') !== 0) return;
      this.reply(skb, { type: 'echo-reply', ident: icmp.ident, seq: icmp.seq, data: icmp.data });
      return;
    }
    if (icmp.type === 'redirect') this.receiveRedirect(skb, icmp);
    const delivered = icmp.type === 'dest-unreachable' && icmp.code === 4 ? this.fragNeeded(icmp) : icmp;
    if (delivered !== undefined) for (const l of this.listeners) l(skb, delivered);
    host.tracer.forget(skb.id);
  }

  /**
   * icmp_unreach for "fragmentation needed", by ip_no_pmtu_disc: 0 hands the MTU to the
   * sockets, 1 hands them 0 (the route then falls to min_pmtu, locked), 2 ignores the message,
   * and 3 ignores it too (it keeps it only for protocols with strict tag validation, none here).
   */
  private fragNeeded(icmp: Extract<IcmpRepr, { type: 'dest-unreachable' }>): IcmpRepr | undefined {
    const mode = this.host.sysctl.ipNoPmtuDisc;
    if (mode === 0) return icmp;
    return mode === 1 ? { ...icmp, nextHopMtu: 0 } : undefined;
  }

  /**
   * Raw ICMP sockets open now (ping): raw_icmp_error hands each an ICMP error quoting an ICMP
   * packet, and raw_err takes a redirect through a fresh route (ipv4_sk_redirect).
   */
  rawSockets = 0;

  /**
   * icmp_redirect → icmp_socket_deliver: the quoted header and 8 bytes of its payload must be
   * there; raw sockets of the quoted protocol, then that protocol's error handler (tcp_v4_err),
   * may take the redirect. Nothing else does: without a socket that sent the quoted packet the
   * redirect changes no route (a router forwarding it ignores it).
   */
  private receiveRedirect(skb: SkBuff, icmp: Extract<IcmpRepr, { type: 'redirect' }>): void {
    const host = this.host;
    const q = icmp.original;
    const quoted = quotedAddresses(q);
    if (!quoted) return;
    const outcomes: RedirectOutcome[] = [];
    if (q[9] === IpProtocol.Icmp) {
      for (let i = 0; i < this.rawSockets; i++) {
        const rt = host.router.output(quoted.dst, quoted.src, undefined);
        if (!isRouteError(rt)) outcomes.push(doRedirect(host, rt, skb, icmp, quoted));
      }
    } else if (q[9] === IpProtocol.Tcp) {
      const o = host.tcp.redirect(skb, icmp);
      if (o) outcomes.push(o);
    }
    if (!host.tracing) return;
    const about = { dst: formatIpv4Address(quoted.dst), gateway: formatIpv4Address(icmp.gateway), old: formatIpv4Address(skb.packet.ip.src) };
    if (outcomes.length === 0) {
      host.traceSkb(skb, 'icmp', skb.inDev, 'icmp.redirect.ignored', { ...about, reason: 'no socket of this host sent the quoted packet' });
    }
    for (const o of outcomes) {
      if (o.kind === 'accepted') host.traceSkb(skb, 'icmp', skb.inDev, 'icmp.redirect.accepted', about);
      else if (o.kind === 'resolving') host.traceSkb(skb, 'icmp', skb.inDev, 'icmp.redirect.resolving', about);
      else host.traceSkb(skb, 'icmp', skb.inDev, 'icmp.redirect.ignored', { ...about, reason: o.why });
    }
  }

  /** icmp_reply: answers from the address the request was sent to. */
  private reply(skb: SkBuff, icmp: IcmpRepr): void {
    const req = skb.packet.ip;
    const src = skb.route?.kind === 'local' ? req.dst : 0;
    this.transmit(req.src, src, icmp, req.dscp, skb.flowId, 'icmp.echo_reply', {});
  }

  /**
   * icmp_send: an error about `skb`. Not for ICMP errors, non-unicast packets or fragments; the
   * source is the offending packet's destination when that was one of our addresses, else the
   * routing choice toward the sender; rate-limited per destination (icmp_ratelimit, burst 6).
   */
  sendError(skb: SkBuff, type: 'dest-unreachable' | 'time-exceeded', code: number, mtu: number): void {
    const orig = skb.packet;
    if (orig.body.kind === 'icmp' && ERROR_TYPES.has(orig.body.icmp.type)) return;
    this.sendErrorAbout(skb, orig.ip, () => emitIpv4Packet(orig), type, code, mtu);
  }

  /**
   * icmp_send about a packet known by its header and its first bytes — all an ICMP error itself
   * quotes, when the packet is the request inside an IPIP packet another host reported on.
   * `skb` is the packet being handled (how it arrived, its route, its flow).
   */
  sendErrorAbout(
    skb: SkBuff, about: { readonly src: Ipv4Address; readonly dst: Ipv4Address; readonly fragmentOffset: number },
    bytes: () => Uint8Array, type: 'dest-unreachable' | 'time-exceeded', code: number, mtu: number,
  ): void {
    if (skb.pktType !== 'host' && skb.pktType !== 'loopback') return;
    if (about.fragmentOffset !== 0) return;
    if (isMulticastIpv4(about.dst) || about.dst === 0xffffffff || about.src === 0) return;
    if (!this.allow(about.src, type)) return;
    const original = icmpQuote(bytes());
    const icmp: IcmpRepr = type === 'dest-unreachable'
      ? { type, code, nextHopMtu: code === 4 ? mtu : 0, original }
      : { type, code, original };
    const src = skb.route?.kind === 'local' ? about.dst : 0;
    this.transmit(about.src, src, icmp, DSCP_INTERNETCONTROL, skb.flowId, 'icmp.error.sent', {
      type, code, about: `${formatIpv4Address(about.src)} → ${formatIpv4Address(about.dst)}`, ...(code === 4 ? { mtu } : {}),
    });
  }

  /** An ICMP redirect (host) telling the sender to use `gateway` for this destination. */
  sendRedirect(skb: SkBuff, gateway: Ipv4Address): void {
    const orig = skb.packet;
    const icmp: IcmpRepr = { type: 'redirect', code: 1, gateway, original: icmpQuote(emitIpv4Packet(orig)) };
    this.transmit(orig.ip.src, 0, icmp, DSCP_INTERNETCONTROL, skb.flowId, 'icmp.redirect.sent', {
      gateway: formatIpv4Address(gateway), dst: formatIpv4Address(orig.ip.dst),
    });
  }

  /** icmpv4_xrlim_allow / inet_peer_xrlim_allow: token bucket per destination. */
  private allow(dst: Ipv4Address, type: IcmpRepr['type']): boolean {
    if (!RATE_LIMITED.has(type)) return true;
    const timeout = this.host.sysctl.global('net.ipv4.icmp_ratelimit') * 1000;
    if (timeout <= 0) return true;
    const now = this.host.now;
    const peer = this.peers.get(dst) ?? { tokens: BURST * timeout, last: now };
    let tokens = peer.tokens + (now - peer.last);
    if (tokens > BURST * timeout) tokens = BURST * timeout;
    let ok = false;
    if (tokens >= timeout) {
      tokens -= timeout;
      ok = true;
    }
    this.peers.set(dst, { tokens, last: now });
    return ok;
  }

  /** Builds, routes and sends an ICMP message from this host. */
  private transmit(
    dst: Ipv4Address, src: Ipv4Address, icmp: IcmpRepr, dscp: number, flowId: number | undefined,
    key: 'icmp.echo_reply' | 'icmp.error.sent' | 'icmp.redirect.sent', params: Record<string, string | number>,
  ): void {
    const host = this.host;
    const route = host.router.output(dst, src, undefined);
    if (isRouteError(route)) return;
    const packet: Ipv4Packet = {
      ip: ipv4Header({
        src: src || route.src, dst, protocol: IpProtocol.Icmp, ttl: host.sysctl.ipDefaultTtl,
        dscp, ecn: 0, ident: host.ip.nextIdent(), dontFragment: false, moreFragments: false, fragmentOffset: 0,
      }),
      body: { kind: 'icmp', icmp },
    };
    const skb = newSkb(packet, host.ctx.nextPacketId(), flowId);
    skb.route = route;
    host.traceSkb(skb, 'icmp', undefined, key, params);
    host.ip.localOut(skb);
  }
}
