import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import { emitIpv4Packet, parseIpv4Packet, type Ipv4Packet } from '../../wire/packet.ts';
import { Timer } from '../engine.ts';
import type { LinuxHost } from './host.ts';
import { newSkb, type SkBuff } from './skb.ts';
import { ipv4With } from '../../wire/ipv4.ts';

/** The IPv4 header the lab's packets carry: 20 bytes, no options. */
const IP_HEADER_LEN = 20;
/** IP_MAX_MTU / the largest datagram: 65535 bytes. */
const IP_MAX_LEN = 65_535;

/**
 * ip_do_fragment, its slow path (net/ipv4/ip_output.c): `skb`'s payload cut into fragments that
 * fit `mtu`, each but the last carrying a multiple of 8 bytes. Every fragment keeps the header
 * (the same ID) with its own offset; all but the last have "more fragments" set, and the last
 * keeps the original's, so a fragment can be fragmented again on the way. DF is not set on
 * fragments. Each becomes a packet of its own on the wire.
 */
export function fragmentSkb(host: LinuxHost, skb: SkBuff, mtu: number): SkBuff[] {
  const packet = skb.packet;
  const payload = emitIpv4Packet(packet).subarray(IP_HEADER_LEN);
  const step = (mtu - IP_HEADER_LEN) & ~7;
  const out: SkBuff[] = [];
  for (let offset = 0; offset < payload.length; offset += step) {
    const last = offset + step >= payload.length;
    const fragment: Ipv4Packet = {
      ip: ipv4With(packet.ip, {
        dontFragment: false,
        moreFragments: last ? packet.ip.moreFragments : true,
        fragmentOffset: packet.ip.fragmentOffset + offset / 8,
      }),
      body: { kind: 'raw', bytes: payload.slice(offset, offset + step) },
    };
    const f = newSkb(fragment, host.ctx.nextPacketId(), skb.flowId);
    f.route = skb.route;
    f.inDev = skb.inDev;
    f.mark = skb.mark;
    f.ipvsProperty = skb.ipvsProperty;
    f.untracked = skb.untracked;
    out.push(f);
  }
  return out;
}

/**
 * Who reassembles (enum ip_defrag_users): each keeps its own queues, so a datagram gathered on
 * its way through is not confused with one delivered locally.
 */
export type DefragUser = 'local-deliver' | 'conntrack-in' | 'conntrack-out' | 'vs-in' | 'vs-fwd' | 'vs-out';

/** A fragment held for reassembly: its byte range in the datagram and its payload. */
interface Held {
  readonly start: number;
  readonly end: number;
  readonly bytes: Uint8Array;
  readonly skb: SkBuff;
}

/** A datagram being reassembled (struct ipq), timed out by ipfrag_time. */
class FragQueue extends Timer<FragQueue> {
  readonly held: Held[] = [];
  /** The datagram's length once its last fragment (MF clear) came, else −1. */
  length = -1;

  constructor(host: LinuxHost, readonly key: string, private readonly defrag: IpDefrag) {
    super(host.engine, (q) => q.defrag.expire(q), undefined as unknown as FragQueue);
    this.arg = this;
  }
}

/**
 * IPv4 reassembly (net/ipv4/ip_fragment.c, ip_defrag): fragments are kept per (source,
 * destination, ID, protocol, user) until the datagram is whole; then the skb of the fragment that
 * completed it carries the whole datagram on (ip_frag_reasm), with the size of the largest
 * fragment in frag_max_size. An exact duplicate is dropped; a fragment that overlaps another
 * discards the whole datagram (as IPv4 does since Linux 4.19). After ipfrag_time (30 s) without
 * completing, the datagram is dropped, with ICMP "fragment reassembly time exceeded" when its
 * first fragment had come — except that conntrack, gathering a datagram passing through, stays
 * silent (ip_expire, frag_expire_skip_icmp).
 */
export class IpDefrag {
  private readonly queues = new Map<string, FragQueue>();

  constructor(private readonly host: LinuxHost) {}

  /**
   * Takes one fragment for `user`. Returns true when it completed the datagram, which `skb` now
   * holds; false when the fragment is held (or dropped): the caller stops there (NF_STOLEN).
   */
  gather(skb: SkBuff, user: DefragUser): boolean {
    const host = this.host;
    const ip = skb.packet.ip;
    if (skb.packet.body.kind !== 'raw') return true;
    const bytes = skb.packet.body.bytes;
    const key = `${user}/${ip.src}/${ip.dst}/${ip.ident}/${ip.protocol}`;
    let q = this.queues.get(key);
    if (q === undefined) {
      q = new FragQueue(host, key, this);
      this.queues.set(key, q);
      q.modAfter(host.sysctl.global('net.ipv4.ipfrag_time') * 1_000_000);
    }
    const start = ip.fragmentOffset * 8;
    const end = start + bytes.length;
    // ip_frag_queue: a last fragment fixes the length; a middle one must be a multiple of 8.
    const bad = end > IP_MAX_LEN - IP_HEADER_LEN || (ip.moreFragments && (bytes.length & 7) !== 0)
      || (!ip.moreFragments && q.length >= 0 && end !== q.length) || (q.length >= 0 && end > q.length);
    if (bad) return this.discard(q, skb, 'the fragment does not fit the datagram its others describe');
    if (q.held.some((h) => h.start === start && h.end === end)) {
      host.dropSkb(skb, skb.inDev, 'DUP_FRAG', `fragment ${start}–${end} of ID ${ip.ident} came twice`);
      return false;
    }
    if (q.held.some((h) => start < h.end && h.start < end)) return this.discard(q, skb, 'overlapping fragments (REASM_OVERLAPS)');
    if (!ip.moreFragments) q.length = end;
    q.held.push({ start, end, bytes, skb });
    q.held.sort((a, b) => a.start - b.start);
    if (!this.complete(q)) {
      host.traceSkb(skb, 'deliver', skb.inDev, 'ip.defrag.wait', { id: ip.ident, start, end, src: formatIpv4Address(ip.src) });
      return false;
    }
    return this.reassemble(q, skb);
  }

  /** Whether the held fragments cover the datagram from 0 to its known length. */
  private complete(q: FragQueue): boolean {
    if (q.length < 0) return false;
    let covered = 0;
    for (const h of q.held) {
      if (h.start !== covered) return false;
      covered = h.end;
    }
    return covered === q.length;
  }

  /** ip_frag_reasm: the first fragment's header over the whole payload, in the last fragment's skb. */
  private reassemble(q: FragQueue, skb: SkBuff): boolean {
    const host = this.host;
    this.forget(q);
    const payload = new Uint8Array(q.length);
    let largest = 0;
    for (const h of q.held) {
      payload.set(h.bytes, h.start);
      largest = Math.max(largest, IP_HEADER_LEN + h.bytes.length);
    }
    const header = ipv4With(q.held[0]!.skb.packet.ip, { moreFragments: false, fragmentOffset: 0 });
    const parsed = parseIpv4Packet(emitIpv4Packet({ ip: header, body: { kind: 'raw', bytes: payload } }));
    if (!parsed.ok) {
      host.dropSkb(skb, skb.inDev, 'IP_INHDR', `the reassembled datagram ID ${header.ident} is malformed: ${parsed.error.layer}: ${parsed.error.reason}`);
      return false;
    }
    skb.packet = parsed.value;
    skb.fragMaxSize = largest;
    host.traceSkb(skb, 'deliver', skb.inDev, 'ip.defrag.done', { id: header.ident, fragments: q.held.length, bytes: q.length + IP_HEADER_LEN });
    return true;
  }

  private discard(q: FragQueue, skb: SkBuff, why: string): false {
    this.forget(q);
    this.host.dropSkb(skb, skb.inDev, 'NOT_SPECIFIED', `reassembly of ID ${skb.packet.ip.ident} abandoned: ${why}`);
    return false;
  }

  private forget(q: FragQueue): void {
    q.del();
    this.queues.delete(q.key);
  }

  /** ip_expire: the datagram did not complete in time. */
  expire(q: FragQueue): void {
    const host = this.host;
    this.queues.delete(q.key);
    const first = q.held.find((h) => h.start === 0);
    const any = first ?? q.held[0];
    if (any === undefined) return;
    // Only with the first fragment: it carries the header and the 8 bytes the error quotes.
    const passingThrough = q.key.startsWith('conntrack-in/') && host.addrs.devOf(any.skb.packet.ip.dst) === undefined;
    if (first !== undefined && !passingThrough) host.icmp.sendError(first.skb, 'time-exceeded', 1, 0);
    host.dropSkb(any.skb, any.skb.inDev, 'FRAG_REASM_TIMEOUT', `ID ${any.skb.packet.ip.ident}: ${q.held.length} fragment(s) held ${host.sysctl.global('net.ipv4.ipfrag_time')} s without the rest`);
  }
}

/** Whether a packet is a fragment (ip_is_fragment: MF set or an offset). */
export const isFragment = (skb: SkBuff): boolean => skb.packet.ip.moreFragments || skb.packet.ip.fragmentOffset !== 0;
