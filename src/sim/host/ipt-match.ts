import { icmpTypeNumber } from '../../wire/icmp.ts';
import { inSubnet, parseCidr } from '../../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';
import type { CtState, IptablesMatch } from '../model/config.ts';
import type { Conntrack } from './conntrack.ts';
import type { NetDev } from './netdev.ts';
import type { SkBuff } from './skb.ts';

// The matches of iptables rules, shared by the filter, nat and mangle tables.

/** A rule's `-s`/`-d` as its address, prefix length and negation (null: unparsable). */
type AddrSpec = { readonly address: number; readonly len: number; readonly neg: boolean } | null;
/** A rule's port or `lo:hi` range. */
type PortSpec = { readonly lo: number; readonly hi: number };

// Rules hold their matches as text; each text is parsed once, not for every packet it meets
// (iptables hands the kernel parsed matches too).
const addrSpecs = new Map<string, AddrSpec>();
const portSpecs = new Map<string, PortSpec>();

function addrSpec(spec: string): AddrSpec {
  let a = addrSpecs.get(spec);
  if (a === undefined) {
    const neg = spec.startsWith('!');
    const c = parseCidr(neg ? spec.slice(1).trim() : spec);
    a = c ? { address: c.address, len: c.prefixLength, neg } : null;
    addrSpecs.set(spec, a);
  }
  return a;
}

function portSpec(spec: string): PortSpec {
  let p = portSpecs.get(spec);
  if (p === undefined) {
    const [lo, hi] = spec.split(':').map(Number);
    p = { lo: lo!, hi: hi ?? lo! };
    portSpecs.set(spec, p);
  }
  return p;
}

/** Does an address match `-s`/`-d` (CIDR, `!` negates)? */
function addrMatches(spec: string | undefined, addr: number): boolean {
  if (spec === undefined) return true;
  const a = addrSpec(spec);
  return a !== null && inSubnet(addr, a.address, a.len) !== a.neg;
}

function portMatches(spec: string | undefined, port: number | undefined): boolean {
  if (spec === undefined) return true;
  if (port === undefined) return false;
  const p = portSpec(spec);
  return port >= p.lo && port <= p.hi;
}

/**
 * The conntrack state of a packet as xt_conntrack reads it from skb->_nfct: UNTRACKED (IPVS
 * drops the entries of the packets it sends unless conntrack=1), INVALID without an entry,
 * RELATED for an ICMP error about a connection, ESTABLISHED once the connection has been seen
 * both ways (and for every reply), NEW before.
 */
export function ctStateOf(skb: SkBuff): CtState {
  if (skb.untracked) return 'UNTRACKED';
  if (skb.ctRelated) return 'RELATED';
  const ct = skb.ct as Conntrack | undefined;
  if (!ct) return 'INVALID';
  return skb.ctReply || ct.seenReply ? 'ESTABLISHED' : 'NEW';
}

/** The match part of a rule, as xt_tcpudp and the IP header matches evaluate it. */
export function ruleMatches(rule: IptablesMatch, p: Ipv4Packet, inDev: NetDev | undefined, outDev: NetDev | undefined): boolean {
  const { ip, body } = p;
  if (!addrMatches(rule.source, ip.src) || !addrMatches(rule.destination, ip.dst)) return false;
  if (rule.inInterface !== undefined && inDev?.name !== rule.inInterface) return false;
  if (rule.outInterface !== undefined && outDev?.name !== rule.outInterface) return false;
  if (rule.protocol !== undefined && rule.protocol !== 'all') {
    if (rule.protocol !== body.kind) return false;
  }
  // icmp_match: not on a later fragment; type 255 matches any type.
  const want = rule.icmpType;
  if (want !== undefined) {
    if (body.kind !== 'icmp') return false;
    const icmp = body.icmp;
    const code = 'code' in icmp ? icmp.code : 0;
    if (want.type !== 0xff && (icmpTypeNumber(icmp) !== want.type || code < want.codeMin || code > want.codeMax)) return false;
  }
  const sport = body.kind === 'tcp' ? body.tcp.srcPort : body.kind === 'udp' ? body.udp.srcPort : undefined;
  const dport = body.kind === 'tcp' ? body.tcp.dstPort : body.kind === 'udp' ? body.udp.dstPort : undefined;
  if (!portMatches(rule.sport, sport) || !portMatches(rule.dport, dport)) return false;
  // tcp_mt: (flags & mask) == comp, inverted by `!`.
  const tf = rule.tcpFlags;
  if (tf !== undefined && (body.kind !== 'tcp' || ((body.tcp.flags & tf.mask) === tf.comp) === (tf.invert === true))) return false;
  // ports_match_v1: any listed port or range; --ports looks at either end.
  const mp = rule.multiport;
  if (mp === undefined) return true;
  if (sport === undefined || dport === undefined) return false;
  return mp.ports.some((p) => (mp.dir !== 'dports' && portMatches(p, sport)) || (mp.dir !== 'sports' && portMatches(p, dport)));
}
