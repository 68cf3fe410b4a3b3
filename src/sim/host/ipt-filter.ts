import { TcpFlag } from '../../wire/tcp.ts';
import { FILTER_CHAINS, filterPolicyOf, type FilterChain, type FilterRule, type FilterTable, type RejectWith } from '../model/config.ts';
import type { FilterCounters } from '../model/snapshot.ts';
import type { LinuxHost } from './host.ts';
import { ctStateOf, ruleMatches } from './ipt-match.ts';
import { countPacket, type HookState, type Verdict, type XtCounters } from './netfilter.ts';
import { isRouteError } from './route.ts';
import { nfLogLine } from './nf-log.ts';
import { newSkb, type SkBuff } from './skb.ts';
import { resetPacket } from './tcp/tcp.ts';

/** ipt_REJECT's ICMP codes (ICMP_NET_UNREACH … ICMP_PKT_FILTERED). */
const REJECT_CODE: Record<Exclude<RejectWith, 'tcp-reset'>, number> = {
  'icmp-net-unreachable': 0, 'icmp-host-unreachable': 1, 'icmp-proto-unreachable': 2, 'icmp-port-unreachable': 3,
  'icmp-net-prohibited': 9, 'icmp-host-prohibited': 10, 'icmp-admin-prohibited': 13,
};

/**
 * iptables' filter table (iptable_filter): INPUT, FORWARD and OUTPUT at priority 0 (NF_IP_PRI_FILTER).
 * ipt_do_table walks a chain's rules in order; the first that matches decides: ACCEPT lets the
 * packet on to the next hook function, DROP and REJECT end it (NF_DROP); RETURN in a built-in
 * chain, like reaching its end, applies the chain's policy. The chains see the packet as it is
 * at their hook: on an LVS director, filter INPUT sees the request to the VIP before IPVS takes it,
 * filter OUTPUT the request IPVS re-injects (dst = RIP in NAT), filter FORWARD a NAT reply still
 * from the RIP (ip_vs_out_hook rewrites it later, at priority 100).
 */
export class IptFilter {
  private table: FilterTable | undefined;
  /**
   * Each rule's counters. A rule keeps its counters while it stays in the table (iptables copies
   * the counters of the rules it leaves in place when it replaces the table); new rules start at 0.
   */
  private readonly counters = new WeakMap<FilterRule, XtCounters>();

  constructor(private readonly host: LinuxHost) {}

  /** A rule's counters now. */
  ruleCounters(rule: FilterRule): XtCounters {
    let c = this.counters.get(rule);
    if (c === undefined) {
      c = { packets: 0, bytes: 0 };
      this.counters.set(rule, c);
    }
    return c;
  }

  /** A chain's policy counters now. */
  policyCounters(chain: FilterChain): XtCounters {
    return this.host.nf.filterPolicy[FILTER_CHAINS.indexOf(chain)]!;
  }

  /** Every chain's counters now, the policy's and each rule's of `table` in order (`iptables -L -v`). */
  countersOf(table: FilterTable | undefined): FilterCounters {
    const chain = (c: FilterChain) => ({ policy: { ...this.policyCounters(c) }, rules: (table?.[c] ?? []).map((r) => ({ ...this.ruleCounters(r) })) });
    return { INPUT: chain('INPUT'), FORWARD: chain('FORWARD'), OUTPUT: chain('OUTPUT') };
  }

  /** `iptables -Z [chain]`: the counters of the rules and the policy start again from 0. */
  zero(chain: FilterChain | undefined): void {
    for (const c of chain !== undefined ? [chain] : FILTER_CHAINS) {
      for (const counters of [this.policyCounters(c), ...(this.table?.[c] ?? []).map((r) => this.ruleCounters(r))]) {
        counters.packets = 0;
        counters.bytes = 0;
      }
    }
  }

  configure(table: FilterTable | undefined): void {
    this.table = table;
    for (const chain of FILTER_CHAINS) {
      const used = table !== undefined && (table[chain].length > 0 || filterPolicyOf(table, chain) !== 'ACCEPT');
      this.host.nf.setChainFunction(`filter ${chain}`, used ? (skb, st) => this.run(chain, skb, st) : undefined);
    }
  }

  private run(chain: FilterChain, skb: SkBuff, st: HookState): Verdict {
    const table = this.table!;
    const rules = table[chain];
    const dev = st.inDev ?? st.outDev;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (!ruleMatches(rule, skb.packet, st.inDev, st.outDev)) continue;
      if (rule.ctstate && !rule.ctstate.states.includes(ctStateOf(skb))) continue;
      countPacket(this.ruleCounters(rule), skb);
      const t = rule.target;
      if (t.kind === 'LOG') {
        // xt_LOG: log_tg logs and returns XT_CONTINUE; the next rule decides.
        this.host.log(nfLogLine(skb, st.inDev, st.outDev, { prefix: t.prefix, tcpSequence: t.tcpSequence === true }));
        this.host.traceSkb(skb, 'filter', dev, 'filter.log', { chain, num: i + 1 }, { hook: st.hook });
        continue;
      }
      if (t.kind === 'RETURN') break;
      this.host.traceSkb(skb, 'filter', dev, 'filter.rule', () => ({ chain, num: i + 1, target: t.kind }), { hook: st.hook });
      if (t.kind === 'ACCEPT') return 'accept';
      if (t.kind === 'REJECT') this.reject(skb, t.rejectWith);
      return 'drop';
    }
    countPacket(this.policyCounters(chain), skb);
    const policy = filterPolicyOf(table, chain);
    if (policy === 'ACCEPT') return 'accept';
    this.host.traceSkb(skb, 'filter', dev, 'filter.policy', { chain, policy }, { hook: st.hook });
    return 'drop';
  }

  /** ipt_REJECT: an ICMP destination unreachable (nf_send_unreach → icmp_send) or a TCP RST (nf_send_reset). */
  private reject(skb: SkBuff, rejectWith: RejectWith): void {
    if (rejectWith === 'tcp-reset') this.sendReset(skb);
    else if (skb.packet.ip.fragmentOffset === 0) this.host.icmp.sendError(skb, 'dest-unreachable', REJECT_CODE[rejectWith], 0);
  }

  /**
   * nf_send_reset: no RST for a fragment, a non-TCP packet, a RST, or a packet to a broadcast or
   * multicast route. The RST goes from the packet's destination to its source — even when that
   * destination is not this host (REJECT in FORWARD answers for the server) — built as the stack's
   * own RST (`resetPacket`), routed as ip_route_me_harder routes it (any source allowed), and
   * leaves through LOCAL_OUT.
   */
  private sendReset(old: SkBuff): void {
    const { ip, body } = old.packet;
    if (ip.fragmentOffset !== 0 || body.kind !== 'tcp' || (body.tcp.flags & TcpFlag.Rst) !== 0) return;
    if (old.pktType === 'broadcast' || old.pktType === 'multicast') return;
    const host = this.host;
    const route = host.router.output(ip.src, 0, undefined);
    if (isRouteError(route)) return;
    const skb = newSkb(resetPacket(ip.src, ip.dst, body.tcp, host.sysctl.ipDefaultTtl), host.ctx.nextPacketId(), old.flowId);
    skb.route = route;
    host.traceSkb(skb, 'filter', undefined, 'filter.reset.sent', { port: body.tcp.dstPort });
    host.ip.localOut(skb);
  }
}
