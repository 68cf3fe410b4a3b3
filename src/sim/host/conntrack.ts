import type { Ipv4Packet } from '../../wire/packet.ts';
import { getU16 } from '../../wire/bytes.ts';
import { readQuotedIpv4 } from '../../wire/icmp.ts';
import { TcpFlag } from '../../wire/tcp.ts';
import type { Engine } from '../engine.ts';

/** One direction of a connection: protocol, addresses and ports (ICMP echo: the identifier). */
export interface Tuple {
  readonly proto: number;
  readonly src: number;
  readonly sport: number;
  readonly dst: number;
  readonly dport: number;
}

const key = (t: Tuple): string => `${t.proto}|${t.src}|${t.sport}|${t.dst}|${t.dport}`;

/**
 * The tuple of the packet an ICMP error quotes (its IP header and first 8 bytes), for
 * icmp_error_message to find the connection the error is related to; undefined when the quote
 * is too short or of a protocol not tracked here.
 */
export function quotedTuple(q: Uint8Array): Tuple | undefined {
  const h = readQuotedIpv4(q);
  if (h === null || h.payloadLength < 8 || h.laterFragment) return undefined;
  const at = h.ihl;
  if (h.protocol === 6 || h.protocol === 17) return { proto: h.protocol, src: h.src, sport: getU16(q, at), dst: h.dst, dport: getU16(q, at + 2) };
  // An echo request or reply: the identifier stands for both ports.
  if (h.protocol === 1 && (q[at] === 8 || q[at] === 0)) return { proto: 1, src: h.src, sport: getU16(q, at + 4), dst: h.dst, dport: getU16(q, at + 4) };
  return undefined;
}

/** ICMP messages that report on another packet (icmp_is_err). */
export function isIcmpError(p: Ipv4Packet): boolean {
  const t = p.body.kind === 'icmp' ? p.body.icmp.type : undefined;
  return t === 'dest-unreachable' || t === 'time-exceeded' || t === 'redirect';
}

/** The tuple of a packet, or undefined for what conntrack does not track here (ICMP errors, IPIP). */
export function tupleOf(p: Ipv4Packet): Tuple | undefined {
  const { ip, body } = p;
  if (body.kind === 'tcp') return { proto: 6, src: ip.src, sport: body.tcp.srcPort, dst: ip.dst, dport: body.tcp.dstPort };
  if (body.kind === 'udp') return { proto: 17, src: ip.src, sport: body.udp.srcPort, dst: ip.dst, dport: body.udp.dstPort };
  if (body.kind === 'icmp' && (body.icmp.type === 'echo-request' || body.icmp.type === 'echo-reply')) {
    return { proto: 1, src: ip.src, sport: body.icmp.ident, dst: ip.dst, dport: body.icmp.ident };
  }
  return undefined;
}

const invert = (t: Tuple): Tuple => ({ proto: t.proto, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport });

/** A tracked connection (struct nf_conn) with its NAT bindings. */
export interface Conntrack {
  readonly original: Tuple;
  /** The tuple replies carry, after NAT. */
  reply: Tuple;
  /** NAT decided on the first packet (nf_nat_setup_info), per manipulation type. */
  snat: { addr: number; port: number } | undefined;
  dnat: { addr: number; port: number } | undefined;
  natDone: { src: boolean; dst: boolean };
  seenReply: boolean;
  finOriginal: boolean;
  finReply: boolean;
  expiresAt: number;
  confirmed: boolean;
}

/**
 * Timeouts (nf_conntrack_proto_*.c), simplified to the states that matter for NAT: TCP unreplied
 * 120 s (SYN_SENT), established 5 days, both FINs 120 s (TIME_WAIT), RST 10 s; UDP 30 s unreplied,
 * 120 s replied (stream); ICMP 30 s.
 */
function timeoutUs(ct: Conntrack, flags: number): number {
  switch (ct.original.proto) {
    case 6:
      if (flags & TcpFlag.Rst) return 10_000_000;
      if (ct.finOriginal && ct.finReply) return 120_000_000;
      return ct.seenReply ? 432_000_000_000 : 120_000_000;
    case 17:
      return ct.seenReply ? 120_000_000 : 30_000_000;
    default:
      return 30_000_000;
  }
}

/** The connection tracking table of one host (nf_conntrack). */
export class ConntrackTable {
  private readonly byTuple = new Map<string, { ct: Conntrack; reply: boolean }>();

  constructor(private readonly engine: Engine) {}

  /**
   * nf_conntrack_in: the entry of a packet and its direction; a new (unconfirmed) one when unknown.
   * Undefined for a packet conntrack finds invalid: a TCP segment that cannot open a connection
   * (tcp_conntracks in sNO: SYN/ACK, FIN or RST first — a plain ACK is picked up mid-stream, as
   * nf_conntrack_tcp_loose=1 allows), or an ICMP error related to no connection. An ICMP error
   * related to one (icmp_error_message) returns that entry, flagged `related`.
   */
  lookup(p: Ipv4Packet): { ct: Conntrack; reply: boolean; related?: true } | undefined {
    if (isIcmpError(p)) {
      const quoted = p.body.kind === 'icmp' && 'original' in p.body.icmp ? quotedTuple(p.body.icmp.original) : undefined;
      const hit = quoted && this.byTuple.get(key(quoted));
      return hit && hit.ct.expiresAt > this.engine.now ? { ct: hit.ct, reply: !hit.reply, related: true } : undefined;
    }
    const t = tupleOf(p);
    if (!t) return undefined;
    const hit = this.byTuple.get(key(t));
    if (hit && hit.ct.expiresAt > this.engine.now) {
      this.refresh(hit.ct, hit.reply, p);
      return hit;
    }
    if (p.body.kind === 'tcp') {
      const f = p.body.tcp.flags;
      if (f & (TcpFlag.Rst | TcpFlag.Fin) || (f & TcpFlag.Syn && f & TcpFlag.Ack)) return undefined;
    }
    const ct: Conntrack = {
      original: t, reply: invert(t), snat: undefined, dnat: undefined, natDone: { src: false, dst: false },
      seenReply: false, finOriginal: false, finReply: false, expiresAt: this.engine.now + 120_000_000, confirmed: false,
    };
    this.refresh(ct, false, p);
    return { ct, reply: false };
  }

  private refresh(ct: Conntrack, reply: boolean, p: Ipv4Packet): void {
    const flags = p.body.kind === 'tcp' ? p.body.tcp.flags : 0;
    if (reply) ct.seenReply = true;
    if (flags & TcpFlag.Fin) {
      if (reply) ct.finReply = true;
      else ct.finOriginal = true;
    }
    ct.expiresAt = this.engine.now + timeoutUs(ct, flags);
  }

  /** Whether a reply tuple is taken by another connection (nf_nat_used_tuple). */
  replyTaken(t: Tuple): boolean {
    const hit = this.byTuple.get(key(t));
    return hit !== undefined && hit.ct.expiresAt > this.engine.now;
  }

  /** __nf_conntrack_confirm: the entry goes into the table under both tuples. */
  confirm(ct: Conntrack): void {
    if (ct.confirmed) return;
    ct.confirmed = true;
    this.byTuple.set(key(ct.original), { ct, reply: false });
    this.byTuple.set(key(ct.reply), { ct, reply: true });
  }

  /** Live entries (for `conntrack -L`). */
  entries(): Conntrack[] {
    const seen = new Set<Conntrack>();
    for (const { ct } of this.byTuple.values()) if (ct.expiresAt > this.engine.now) seen.add(ct);
    return [...seen];
  }
}
