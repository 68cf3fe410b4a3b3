import type { TcpSocketView } from '../../model/sockets.ts';
import type { IcmpRepr } from '../../../wire/icmp.ts';
import { IpProtocol, ipv4Header } from '../../../wire/ipv4.ts';
import type { Ipv4Packet } from '../../../wire/packet.ts';
import { formatIpv4Address, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import { TcpFlag, type TcpOption, type TcpRepr } from '../../../wire/tcp.ts';
import type { LinuxHost } from '../host.ts';
import { isRouteError } from '../route.ts';
import { quotedAddresses, type RedirectOutcome } from '../redirect.ts';
import { newSkb, type SkBuff } from '../skb.ts';
import { TcpSocket, type InetSock, type InetTimewaitSock, type QuotedTcp, type TcpCallbacks, type TcpError } from './tcp-socket.ts';

/** A listening socket: accepts connections to `addr` (0 = any) on `port`. */
export interface TcpListener {
  readonly addr: Ipv4Address;
  readonly port: number;
  /** Called for a new connection; returns the callbacks for it. */
  accept(sock: TcpSocket): TcpCallbacks;
  /** The program that listens (netstat -p). */
  readonly program?: string;
  /** listen()'s backlog as the kernel keeps it: min(backlog, net.core.somaxconn). */
  readonly backlog?: number;
  /**
   * An AF_INET6 socket on [::] with IPV6_V6ONLY off, taking IPv4 connections as ::ffff:a.b.c.d
   * (Apache's `Listen 80`): listed in /proc/net/tcp6, as are the connections it accepts.
   */
  readonly dualStack?: boolean;
}

const EMPTY_PAYLOAD = new Uint8Array(0);
const NO_OPTIONS: readonly TcpOption[] = [];

/** ICMP destination-unreachable codes as errno (icmp_err_convert). */
const UNREACH_ERRNO: Record<number, TcpError> = { 0: 'ENETUNREACH', 1: 'EHOSTUNREACH', 2: 'EPROTO', 3: 'ECONNREFUSED' };

/** The TCP layer of one host: demultiplexing, listeners, connect, and RSTs for strays. */
export class Tcp {
  /**
   * Connections by local (address, port), then remote (address, port); keys are addr · 65536 +
   * port. This is the listing order. A local endpoint with a single connection (a client's
   * ephemeral port) holds the socket itself rather than a map of one.
   */
  private readonly sockets = new Map<number, InetSock | Map<number, InetSock>>();
  /**
   * The established hash table (inet_ehash): each bucket, keyed by the hash of the 4-tuple, is a
   * chain of sockets linked through `hashNext`. Every segment is looked up here.
   */
  private readonly ehash = new Map<number, InetSock>();
  private readonly listeners = new Map<number, TcpListener>();
  /**
   * Next ephemeral port per source and destination (__inet_hash_connect: even ports, +2 per
   * connection): by destination address (as a signed 32-bit integer), then source address ·
   * 65536 + destination port, so a connect builds no key string.
   */
  private readonly nextPort = new Map<number, Map<number, number>>();

  constructor(private readonly host: LinuxHost) {}

  /**
   * The socket `find` returned last, while it stays hashed and no socket was added since (a new
   * one could shadow it): segments of one connection mostly arrive in a row.
   */
  private lastFound: InetSock | undefined;

  /** __inet_lookup_established. */
  private find(laddr: number, lport: number, raddr: number, rport: number): InetSock | undefined {
    const last = this.lastFound;
    if (last !== undefined && last.localPort === lport && last.remotePort === rport && last.localAddr === laddr && last.remoteAddr === raddr) return last;
    let sk = this.ehash.get(inetEhashfn(laddr, lport, raddr, rport));
    while (sk !== undefined && !(sk.localPort === lport && sk.remotePort === rport && sk.localAddr === laddr && sk.remoteAddr === raddr)) sk = sk.hashNext;
    if (sk !== undefined) this.lastFound = sk;
    return sk;
  }

  private add(sock: TcpSocket): void {
    this.lastFound = undefined;
    const k = sock.localAddr * 65536 + sock.localPort;
    const r = remoteKey(sock);
    const group = this.sockets.get(k);
    if (group === undefined) {
      this.sockets.set(k, sock);
    } else if (group instanceof Map) {
      const old = group.get(r);
      if (old) this.unhash(old);
      group.set(r, sock);
    } else if (remoteKey(group) === r) {
      this.unhash(group);
      this.sockets.set(k, sock);
    } else {
      this.sockets.set(k, new Map([[remoteKey(group), group], [r, sock]]));
    }
    const h = inetEhashfn(sock.localAddr, sock.localPort, sock.remoteAddr, sock.remotePort);
    sock.hashNext = this.ehash.get(h);
    this.ehash.set(h, sock);
  }

  /** Takes a socket off its established-hash chain. */
  private unhash(sock: InetSock): void {
    if (this.lastFound === sock) this.lastFound = undefined;
    const h = inetEhashfn(sock.localAddr, sock.localPort, sock.remoteAddr, sock.remotePort);
    let sk = this.ehash.get(h);
    if (sk === sock) {
      if (sock.hashNext) this.ehash.set(h, sock.hashNext);
      else this.ehash.delete(h);
    } else {
      while (sk !== undefined && sk.hashNext !== sock) sk = sk.hashNext;
      if (sk) sk.hashNext = sock.hashNext;
    }
    sock.hashNext = undefined;
  }

  /** listen(): `addr` 0 listens on every local address. */
  listen(listener: TcpListener): void {
    this.listeners.set(listener.addr * 65536 + listener.port, listener);
  }

  /** Stops listening (systemctl stop). Existing connections continue. */
  unlisten(addr: Ipv4Address, port: number): void {
    this.listeners.delete(addr * 65536 + port);
  }

  /** connect(): an active open from `src` (0 = routing picks) to `dst:dport`. */
  connect(dst: Ipv4Address, dport: number, src: Ipv4Address, flowId: number | undefined, callbacks: TcpCallbacks): TcpSocket | TcpError {
    const r = this.host.router.output(dst, src, undefined);
    if (isRouteError(r)) return r.error === 'ENETUNREACH' ? 'ENETUNREACH' : 'EHOSTUNREACH';
    const laddr = src || r.src;
    const lport = this.ephemeralPort(laddr, dst, dport);
    const sock = new TcpSocket(this.host, laddr, lport, dst, dport, flowId, callbacks, 'SYN_SENT');
    this.add(sock);
    sock.connect();
    return sock;
  }

  private ephemeralPort(laddr: number, dst: number, dport: number): number {
    let ports = this.nextPort.get(dst | 0);
    if (ports === undefined) {
      ports = new Map();
      this.nextPort.set(dst | 0, ports);
    }
    const k = laddr * 65536 + dport;
    const low = 32768;
    const high = 60999;
    let p = ports.get(k);
    if (p === undefined) p = low + (this.host.rng.below((high - low) >> 1) << 1);
    for (let i = 0; i < (high - low); i += 2) {
      const port = low + ((p - low + i) % (high - low + 1));
      if (!this.find(laddr, port, dst, dport)) {
        ports.set(k, port + 2 > high ? low : port + 2);
        return port;
      }
    }
    return p;
  }

  /**
   * inet_twsk_hashdance: `tw` takes the place of `sk` (which entered TIME_WAIT) in the tables,
   * at the same position in the listing. Nothing happens if `sk` is no longer there.
   */
  hashTimewait(sk: TcpSocket, tw: InetTimewaitSock): void {
    const k = sk.localAddr * 65536 + sk.localPort;
    const group = this.sockets.get(k);
    if (group === sk) this.sockets.set(k, tw);
    else if (group instanceof Map && group.get(remoteKey(sk)) === sk) group.set(remoteKey(sk), tw);
    else return;
    if (this.lastFound === sk) this.lastFound = tw;
    const h = inetEhashfn(sk.localAddr, sk.localPort, sk.remoteAddr, sk.remotePort);
    tw.hashNext = sk.hashNext;
    let prev = this.ehash.get(h);
    if (prev === sk) {
      this.ehash.set(h, tw);
    } else {
      while (prev !== undefined && prev.hashNext !== sk) prev = prev.hashNext;
      if (prev) prev.hashNext = tw;
    }
    sk.hashNext = undefined;
  }

  /** Forgets a closed socket. */
  unregister(sock: InetSock): void {
    const k = sock.localAddr * 65536 + sock.localPort;
    const group = this.sockets.get(k);
    if (group === sock) {
      this.sockets.delete(k);
      this.unhash(sock);
    } else if (group instanceof Map && group.get(remoteKey(sock)) === sock) {
      group.delete(remoteKey(sock));
      if (group.size === 0) this.sockets.delete(k);
      this.unhash(sock);
    }
  }

  /**
   * The sockets as /proc/net/tcp and tcp6 list them (netstat): the listening sockets, then the
   * connections, each file on its own.
   */
  socketList(): TcpSocketView[] {
    const listening: TcpSocketView[] = [...this.listeners.values()].map((l) => ({
      state: 'LISTEN', family: l.dualStack ? 'inet6' : 'inet', localAddr: formatIpv4Address(l.addr), localPort: l.port,
      remoteAddr: '0.0.0.0', remotePort: 0, recvQ: 0, sendQ: 0, backlog: l.backlog ?? 0, program: l.program,
    }));
    const connected: TcpSocketView[] = [...this.sockets.values()]
      .flatMap((group) => (group instanceof Map ? [...group.values()] : [group]))
      .filter((sk) => sk.state !== 'CLOSED')
      .map((sk) => ({
        state: sk.state as TcpSocketView['state'], family: sk.family, localAddr: formatIpv4Address(sk.localAddr), localPort: sk.localPort,
        remoteAddr: formatIpv4Address(sk.remoteAddr), remotePort: sk.remotePort, recvQ: 0, sendQ: sk.unacknowledged(), backlog: 0, program: sk.program,
      }));
    const all = [...listening, ...connected];
    return [...all.filter((v) => v.family === 'inet'), ...all.filter((v) => v.family === 'inet6')];
  }

  /** tcp_v4_rcv: the segment goes to its connection, to a listener, or is answered with RST. */
  receive(skb: SkBuff, seg: TcpRepr): void {
    const { ip } = skb.packet;
    const sock = this.find(ip.dst, seg.dstPort, ip.src, seg.srcPort);
    if (sock) {
      sock.receive(skb, seg);
      return;
    }
    const listener = this.listeners.get(ip.dst * 65536 + seg.dstPort) ?? this.listeners.get(seg.dstPort);
    if (listener && (seg.flags & (TcpFlag.Syn | TcpFlag.Ack | TcpFlag.Rst)) === TcpFlag.Syn) {
      if (this.host.tracing) this.host.traceSkb(skb, 'deliver', skb.inDev, 'deliver.tcp', { bytes: 0, port: seg.dstPort });
      const child = new TcpSocket(this.host, ip.dst, seg.dstPort, ip.src, seg.srcPort, skb.flowId, {}, 'SYN_RECV');
      if (listener.dualStack) child.family = 'inet6';
      child.program = listener.program;
      child.callbacks = listener.accept(child);
      this.add(child);
      child.acceptSyn(seg);
      this.host.tracer.forget(skb.id);
      return;
    }
    if (seg.flags & TcpFlag.Rst) {
      this.host.dropSkb(skb, skb.inDev, 'NO_SOCKET', 'RST for no connection');
      return;
    }
    this.host.dropSkb(skb, skb.inDev, 'NO_SOCKET', `nothing listens on ${formatIpv4Address(ip.dst)}:${seg.dstPort}`);
    this.sendReset(ip.src, ip.dst, seg, skb.flowId);
  }

  /** tcp_v4_send_reset: the RST answering `seg` (see `resetSegment`), sent from the segment's destination address. */
  sendReset(to: Ipv4Address, from: Ipv4Address, seg: TcpRepr, flowId: number | undefined): void {
    const host = this.host;
    const route = host.router.output(to, from, undefined);
    if (isRouteError(route)) return;
    const skb = newSkb(resetPacket(to, from, seg, host.sysctl.ipDefaultTtl), host.ctx.nextPacketId(), flowId);
    skb.route = route;
    host.traceSkb(skb, 'deliver', undefined, 'tcp.rst.sent', { port: seg.dstPort });
    host.ip.localOut(skb);
  }

  /**
   * tcp_v4_err for an ICMP redirect: the connection that sent the quoted segment takes it through
   * its route (do_redirect). Undefined when no connection sent it (the redirect changes nothing).
   */
  redirect(skb: SkBuff, icmp: Extract<IcmpRepr, { type: 'redirect' }>): RedirectOutcome | undefined {
    const quoted = parseQuotedTcp(icmp.original);
    if (!quoted) return undefined;
    return this.find(quoted.src, quoted.sport, quoted.dst, quoted.dport)?.redirect(skb, icmp, quoted);
  }

  /** tcp_v4_err: an ICMP error quoting one of our segments. */
  icmpError(icmp: IcmpRepr): void {
    if (icmp.type !== 'dest-unreachable' && icmp.type !== 'time-exceeded') return;
    const quoted = parseQuotedTcp(icmp.original);
    if (!quoted) return;
    const sock = this.find(quoted.src, quoted.sport, quoted.dst, quoted.dport);
    if (!sock) return;
    if (icmp.type === 'time-exceeded') sock.icmpError('EHOSTUNREACH');
    else if (icmp.code === 4) sock.mtuReduced(icmp.nextHopMtu, quoted);
    else sock.icmpError(UNREACH_ERRNO[icmp.code] ?? 'EHOSTUNREACH');
  }
}

/** The key of a socket's remote (address, port) within its local endpoint. */
const remoteKey = (sock: InetSock): number => sock.remoteAddr * 65536 + sock.remotePort;

/**
 * inet_ehashfn: the bucket of a 4-tuple, as a 30-bit integer: a small integer (Smi) even in
 * Chromium's pointer-compressed heap, where a Map key beyond ±2^30 is a boxed number.
 */
function inetEhashfn(laddr: number, lport: number, raddr: number, rport: number): number {
  let h = Math.imul(laddr ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ raddr, 0xc2b2ae35);
  return (h ^ (h >>> 16) ^ ((lport << 16) | rport)) & 0x3fffffff;
}

/** The addresses, ports and sequence number of a TCP segment quoted in an ICMP error (at least 8 bytes of it). */
function parseQuotedTcp(original: Uint8Array): QuotedTcp | null {
  const addrs = quotedAddresses(original);
  if (!addrs || original[9] !== IpProtocol.Tcp) return null;
  const ihl = (original[0]! & 0x0f) * 4;
  const v = new DataView(original.buffer, original.byteOffset, original.byteLength);
  return { ...addrs, sport: v.getUint16(ihl), dport: v.getUint16(ihl + 2), seq: v.getUint32(ihl + 4) };
}

/**
 * The IP packet of the RST answering `seg` (sent from `from` to `to`), as tcp_v4_send_reset
 * (ip_send_unicast_reply) and nf_reject_iphdr_put both build it: TOS 0, ID 0, DF, the default TTL.
 */
export function resetPacket(to: Ipv4Address, from: Ipv4Address, seg: TcpRepr, ttl: number): Ipv4Packet {
  return {
    ip: ipv4Header({ src: from, dst: to, protocol: IpProtocol.Tcp, ttl, dscp: 0, ecn: 0, ident: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 }),
    body: { kind: 'tcp', tcp: resetSegment(seg) },
  };
}

/**
 * The RST answering `seg`, as tcp_v4_send_reset and iptables' REJECT (nf_reject_ip_tcphdr_put)
 * both build it: for a segment with ACK the RST takes its sequence number from that ACK;
 * otherwise RST+ACK acknowledges the segment (its data, SYN and FIN). Window 0, no options.
 */
export function resetSegment(seg: TcpRepr): TcpRepr {
  const segLen = seg.payload.length + (seg.flags & TcpFlag.Syn ? 1 : 0) + (seg.flags & TcpFlag.Fin ? 1 : 0);
  const hasAck = (seg.flags & TcpFlag.Ack) !== 0;
  return {
    srcPort: seg.dstPort, dstPort: seg.srcPort,
    seq: hasAck ? seg.ack : 0, ack: hasAck ? 0 : (seg.seq + segLen) >>> 0,
    flags: hasAck ? TcpFlag.Rst : TcpFlag.Rst | TcpFlag.Ack, window: 0, urgentPointer: 0, options: NO_OPTIONS, payload: EMPTY_PAYLOAD,
  };
}
