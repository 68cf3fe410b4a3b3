import { formatIpv4Address, parseIpv4Address } from '../../wire/ipv4-address.ts';
import { FILTER_CHAINS, type FilterTable, type MangleRule, type NatRule, type NodeConfig } from '../model/config.ts';
import { dnat as rewriteDestination, snat as rewriteSource } from '../ipvs/xmit.ts';
import { ConntrackTable, type Conntrack, type Tuple } from './conntrack.ts';
import { IptFilter } from './ipt-filter.ts';
import { isFragment } from './ip-fragment.ts';
import { ruleMatches } from './ipt-match.ts';
import type { HostModule, LinuxHost } from './host.ts';
import { NF_IP_PRI, type HookState, type Verdict } from './netfilter.ts';
import { isRouteError } from './route.ts';
import { RT_SCOPE } from './scope.ts';
import type { SkBuff } from './skb.ts';

/** Whether a filter table matches on connection-tracking states. */
function usesCtState(filter: FilterTable | undefined): boolean {
  return filter !== undefined && FILTER_CHAINS.some((c) => filter[c].some((r) => r.ctstate !== undefined));
}

function parseHostPort(spec: string): { addr: number; port: number | undefined } | null {
  const [a, p] = spec.split(':');
  const addr = parseIpv4Address(a ?? '');
  if (addr === null) return null;
  return { addr, port: p !== undefined ? Number(p.split('-')[0]) : undefined };
}

/**
 * iptables' filter table (see `IptFilter`), and its nat and mangle tables with connection tracking (nf_conntrack, nf_nat): the nat
 * chains see only the first packet of a connection; the binding they choose is applied to every
 * later packet, and reversed for the replies. Packets IPVS sent are untracked and skip NAT.
 */
export class Iptables implements HostModule {
  readonly conntrack: ConntrackTable;
  private rules: NodeConfig['iptables'] | undefined;
  /** The filter table (its counters are read by `iptables -L -v`). */
  readonly filter: IptFilter;

  constructor(private readonly host: LinuxHost) {
    this.conntrack = new ConntrackTable(host.engine);
    this.filter = new IptFilter(host);
  }

  configure(config: NodeConfig): void {
    this.rules = config.iptables;
    this.filter.configure(config.iptables.filter);
    const nat = config.iptables.nat;
    // nf_conntrack is loaded with iptable_nat, and with the state and conntrack matches.
    const tracking = nat.PREROUTING.length + nat.INPUT.length + nat.OUTPUT.length + nat.POSTROUTING.length > 0 || usesCtState(config.iptables.filter);
    const nf = this.host.nf;
    const track = (skb: SkBuff): Verdict => this.track(skb);
    const confirm = (skb: SkBuff): Verdict => this.confirm(skb);
    // nf_defrag_ipv4 (ipv4_conntrack_defrag): conntrack sees whole datagrams only.
    const defrag = (user: 'conntrack-in' | 'conntrack-out') => (skb: SkBuff): Verdict => (!isFragment(skb) || this.host.defrag.gather(skb, user) ? 'accept' : 'stolen');
    nf.setHooks('conntrack', tracking ? [
      { hook: 'PREROUTING', priority: NF_IP_PRI.CONNTRACK_DEFRAG, label: 'defrag', fn: defrag('conntrack-in') },
      { hook: 'OUTPUT', priority: NF_IP_PRI.CONNTRACK_DEFRAG, label: 'defrag', fn: defrag('conntrack-out') },
      { hook: 'PREROUTING', priority: NF_IP_PRI.CONNTRACK, label: 'conntrack', fn: track },
      { hook: 'OUTPUT', priority: NF_IP_PRI.CONNTRACK, label: 'conntrack', fn: track },
      { hook: 'POSTROUTING', priority: NF_IP_PRI.CONNTRACK_CONFIRM, label: 'conntrack confirm', fn: confirm },
      { hook: 'INPUT', priority: NF_IP_PRI.CONNTRACK_CONFIRM, label: 'conntrack confirm', fn: confirm },
    ] : []);
    nf.setChainFunction('nat PREROUTING', tracking ? (skb, st) => this.natDst(skb, st, 'PREROUTING') : undefined);
    nf.setChainFunction('nat OUTPUT', tracking ? (skb, st) => this.natDst(skb, st, 'OUTPUT') : undefined);
    nf.setChainFunction('nat POSTROUTING', tracking ? (skb, st) => this.natSrc(skb, st, 'POSTROUTING') : undefined);
    nf.setChainFunction('nat INPUT', tracking ? (skb, st) => this.natSrc(skb, st, 'INPUT') : undefined);
    const mangle = config.iptables.mangle;
    nf.setChainFunction('mangle PREROUTING', mangle.PREROUTING.length ? (skb, st) => this.mangle(skb, st, mangle.PREROUTING) : undefined);
    nf.setChainFunction('mangle OUTPUT', mangle.OUTPUT.length ? (skb, st) => this.mangle(skb, st, mangle.OUTPUT) : undefined);
  }

  private track(skb: SkBuff): Verdict {
    if (skb.untracked || skb.ipvsProperty) return 'accept';
    const hit = this.conntrack.lookup(skb.packet);
    if (hit?.related) {
      // For the state match only: the lab does not translate ICMP errors through NAT.
      skb.ctRelated = true;
    } else if (hit) {
      skb.ct = hit.ct;
      skb.ctReply = hit.reply;
    }
    return 'accept';
  }

  private confirm(skb: SkBuff): Verdict {
    const ct = skb.ct as Conntrack | undefined;
    if (ct && !skb.untracked) this.conntrack.confirm(ct);
    return 'accept';
  }

  /** mangle: `-j MARK --set-mark` on every matching packet. */
  private mangle(skb: SkBuff, st: HookState, rules: readonly MangleRule[]): Verdict {
    for (const r of rules) {
      if (!ruleMatches(r, skb.packet, st.inDev, st.outDev)) continue;
      if (r.target.kind === 'ACCEPT') return 'accept';
      skb.mark = r.target.mark;
      this.host.traceSkb(skb, 'nat', st.inDev ?? st.outDev, 'mangle.mark', { mark: r.target.mark });
    }
    return 'accept';
  }

  /** The first matching nat rule of a chain (ACCEPT and RETURN end the walk without NAT). */
  private firstRule(chain: 'PREROUTING' | 'OUTPUT' | 'POSTROUTING' | 'INPUT', skb: SkBuff, st: HookState): NatRule | undefined {
    for (const r of this.rules?.nat[chain] ?? []) {
      if (!ruleMatches(r, skb.packet, st.inDev, st.outDev)) continue;
      return r;
    }
    return undefined;
  }

  /** Destination manipulation (PREROUTING, OUTPUT): DNAT for originals, un-SNAT for replies. */
  private natDst(skb: SkBuff, st: HookState, chain: 'PREROUTING' | 'OUTPUT'): Verdict {
    const ct = skb.ct as Conntrack | undefined;
    if (!ct || skb.untracked) return 'accept';
    if (!skb.ctReply && !ct.natDone.dst) {
      ct.natDone.dst = true;
      const r = this.firstRule(chain, skb, st);
      if (r?.target.kind === 'DNAT') {
        const to = parseHostPort(r.target.toDestination);
        if (to) {
          ct.dnat = { addr: to.addr, port: to.port ?? ct.original.dport };
          ct.reply = { ...ct.reply, src: ct.dnat.addr, sport: ct.dnat.port };
        }
      }
    }
    const before = skb.packet;
    const dnat = ct.dnat;
    if (!skb.ctReply && dnat) {
      skb.packet = rewriteDestination(skb.packet, dnat.addr, dnat.port);
      this.host.traceSkb(skb, 'nat', st.inDev ?? st.outDev, 'nat.dnat', () => ({ to: `${formatIpv4Address(dnat.addr)}:${dnat.port}`, chain }));
    } else if (skb.ctReply && ct.snat) {
      skb.packet = rewriteDestination(skb.packet, ct.original.src, ct.original.sport);
      this.host.traceSkb(skb, 'nat', st.inDev ?? st.outDev, 'nat.reply', () => ({ to: `${formatIpv4Address(ct.original.src)}:${ct.original.sport}`, chain }));
    }
    if (chain === 'OUTPUT' && skb.packet !== before) {
      // ip_route_me_harder: a locally generated packet whose destination changed is routed again.
      const r = this.host.router.output(skb.packet.ip.dst, skb.packet.ip.src, undefined);
      if (!isRouteError(r)) skb.route = r;
    }
    return 'accept';
  }

  /** Source manipulation (POSTROUTING, INPUT): SNAT/MASQUERADE for originals, un-DNAT for replies. */
  private natSrc(skb: SkBuff, st: HookState, chain: 'POSTROUTING' | 'INPUT'): Verdict {
    const ct = skb.ct as Conntrack | undefined;
    if (!ct || skb.untracked) return 'accept';
    if (!skb.ctReply && !ct.natDone.src) {
      ct.natDone.src = true;
      const r = this.firstRule(chain, skb, st);
      let addr: number | undefined;
      let port: number | undefined;
      if (r?.target.kind === 'SNAT') {
        const to = parseHostPort(r.target.toSource);
        if (to) {
          addr = to.addr;
          port = to.port;
        }
      } else if (r?.target.kind === 'MASQUERADE' && st.outDev) {
        // nf_nat_masquerade_ipv4: the output device's address toward the next hop.
        const nh = skb.route?.gateway ?? skb.packet.ip.dst;
        addr = this.host.selectAddr(st.outDev.name, nh, RT_SCOPE.UNIVERSE) || undefined;
      }
      if (addr !== undefined) {
        const chosen = this.uniquePort(ct, addr, port ?? ct.original.sport);
        ct.snat = { addr, port: chosen };
        ct.reply = { ...ct.reply, dst: addr, dport: chosen };
      }
    }
    const snat = ct.snat;
    if (!skb.ctReply && snat) {
      skb.packet = rewriteSource(skb.packet, snat.addr, snat.port);
      this.host.traceSkb(skb, 'nat', st.outDev ?? st.inDev, 'nat.snat', () => ({ to: `${formatIpv4Address(snat.addr)}:${snat.port}`, chain }));
    } else if (skb.ctReply && ct.dnat) {
      skb.packet = rewriteSource(skb.packet, ct.original.dst, ct.original.dport);
      this.host.traceSkb(skb, 'nat', st.outDev ?? st.inDev, 'nat.reply', () => ({ to: `${formatIpv4Address(ct.original.dst)}:${ct.original.dport}`, chain }));
    }
    return 'accept';
  }

  /** nf_nat_l4proto_unique_tuple: keep the port unless another connection's reply uses it. */
  private uniquePort(ct: Conntrack, addr: number, port: number): number {
    if (ct.original.proto === 1) return port;
    const candidate = (p: number): Tuple => ({ ...ct.reply, dst: addr, dport: p });
    if (!this.conntrack.replyTaken(candidate(port))) return port;
    for (let p = Math.max(1024, port + 1); p <= 65535; p++) if (!this.conntrack.replyTaken(candidate(p))) return p;
    return port;
  }
}
