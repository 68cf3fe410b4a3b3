import { filterPolicyOf, isFilterChain, type ChainPolicy, type FilterChain, type FilterRule, type FilterTable, type IptablesConfig, type MangleRule, type NatRule } from '../../../sim/model/config.ts';
import type { FilterCounters } from '../../../sim/model/snapshot.ts';
import type { LabNode } from '../../document.ts';
import { done, type Command } from '../command.ts';
import { withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { hostsOf } from '../ipvsadm/execute.ts';
import { listChains, saveRule, type ListedChain } from './list.ts';
import { CHAINS, IPTABLES_VERSION, paramProblem, parseIptables, toFilterRule, toMangleRule, toNatRule, type RuleSpec, type TableName } from './parse.ts';

/**
 * iptables 1.8 (legacy) on the tables the simulation has: filter (ACCEPT, DROP, REJECT, RETURN,
 * chain policies), nat (SNAT, DNAT, MASQUERADE, ACCEPT, RETURN) and mangle PREROUTING/OUTPUT
 * (MARK for fwmark services). The raw table is empty with policy ACCEPT: it lists and flushes,
 * but refuses rules.
 */

type Rule = FilterRule | NatRule | MangleRule;

const KNOWN_TARGETS = ['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG', 'SNAT', 'DNAT', 'MASQUERADE', 'MARK', 'REDIRECT', 'CONNMARK', 'NOTRACK', 'CT', 'TPROXY', 'QUEUE', 'NFQUEUE', 'TCPMSS'];

const EMPTY_FILTER: FilterTable = { INPUT: [], FORWARD: [], OUTPUT: [] };

/** The chains of a table that hold rules in the lab document. */
function rulesOf(ipt: IptablesConfig, table: TableName, chain: string): readonly Rule[] | undefined {
  if (table === 'filter') return isFilterChain(chain) ? (ipt.filter ?? EMPTY_FILTER)[chain] : undefined;
  if (table === 'nat') return (ipt.nat as Record<string, readonly NatRule[]>)[chain];
  if (table === 'mangle') return (ipt.mangle as Record<string, readonly MangleRule[]>)[chain];
  return undefined;
}

/** A chain's policy: the filter table's as set, ACCEPT for the others. */
function policyOf(ipt: IptablesConfig, table: TableName, chain: string): ChainPolicy {
  return table === 'filter' && isFilterChain(chain) ? filterPolicyOf(ipt.filter, chain) : 'ACCEPT';
}

/** Chains of a node's table as `-L` lists them, with the filter table's counters when given. */
export function listedChains(node: LabNode, table: TableName, chains: readonly string[], counters?: FilterCounters): ListedChain[] {
  return chains.map((c) => ({
    name: c, policy: policyOf(node.iptables, table, c), rules: rulesOf(node.iptables, table, c) ?? [],
    ...(counters && table === 'filter' && isFilterChain(c) ? { counters: counters[c] } : {}),
  }));
}

/** Counters are kept for the filter table only. */
const countersNotSimulated = (table: TableName) => ({ error: `lab: packet counters of the ${table} table are not simulated (the filter table's are)\n`, status: 1 });

/** The filter chain `-Z` names, or undefined for all of them. */
const zeroedChain = (chain: string | undefined): FilterChain | undefined => (chain !== undefined && isFilterChain(chain) ? chain : undefined);

/**
 * The node with its filter table; one without rules or policies is left out of the document, as
 * a lab that never used it (so a lab exported as a script and replayed is the same document).
 */
function withFilter(node: LabNode, filter: FilterTable): LabNode {
  const { filter: _old, ...ipt } = node.iptables;
  const unused = filter.INPUT.length + filter.FORWARD.length + filter.OUTPUT.length === 0 && filter.policy === undefined;
  return { ...node, iptables: unused ? ipt : { ...ipt, filter } };
}

function withRules(node: LabNode, table: TableName, chain: string, rules: readonly Rule[]): LabNode {
  const ipt = node.iptables;
  if (table === 'filter') return withFilter(node, { ...(ipt.filter ?? EMPTY_FILTER), [chain]: rules as FilterRule[] });
  if (table === 'nat') return { ...node, iptables: { ...ipt, nat: { ...ipt.nat, [chain]: rules as NatRule[] } } };
  return { ...node, iptables: { ...ipt, mangle: { ...ipt.mangle, [chain]: rules as MangleRule[] } } };
}

/** `iptables -P CHAIN POLICY` on the filter table (ACCEPT is the default and is not stored). */
function withPolicy(node: LabNode, chain: FilterChain, policy: ChainPolicy): LabNode {
  const filter = node.iptables.filter ?? EMPTY_FILTER;
  const { [chain]: _old, ...others } = filter.policy ?? {};
  const next = policy === 'ACCEPT' ? others : { ...others, [chain]: policy };
  const { policy: _p, ...rest } = filter;
  return withFilter(node, Object.keys(next).length > 0 ? { ...rest, policy: next } : rest);
}

const kernelEinval = (): { error: string; status: number } => ({ error: "iptables: Invalid argument. Run `dmesg' for more information.\n", status: 1 });
const noChain = { error: 'iptables: No chain/target/match by that name.\n', status: 1 };

/** Checks a rule for a chain as iptables and the kernel's x_tables do, and converts it. */
function checkRule(table: TableName, chain: string, spec: RuleSpec): Rule | { error: string; status: number } {
  if ((chain === 'PREROUTING' || chain === 'INPUT') && spec.outInterface !== undefined) return paramProblem(`Can't use -o with ${chain}\n`);
  if ((chain === 'POSTROUTING' || chain === 'OUTPUT') && spec.inInterface !== undefined) return paramProblem(`Can't use -i with ${chain}\n`);
  const t = spec.target?.name;
  if (t !== undefined && !KNOWN_TARGETS.includes(t)) return { error: `iptables ${IPTABLES_VERSION}: Couldn't load target \`${t}':No such file or directory\n\nTry \`iptables -h' or 'iptables --help' for more information.\n`, status: 2 };
  if (table === 'raw') return { error: 'lab: raw table rules are not simulated\n', status: 1 };
  // ipt_REJECT registers for the filter table's hooks only (INPUT, FORWARD, OUTPUT).
  if (t === 'REJECT' && table !== 'filter') return kernelEinval();
  if (table === 'filter') {
    if (t === 'SNAT' || t === 'DNAT' || t === 'MASQUERADE' || t === 'MARK') return kernelEinval();
    // ipt_REJECT's reject_tg_check: a TCP reset only for rules matching TCP.
    if (t === 'REJECT' && spec.target?.rejectWith === 'tcp-reset' && spec.protocol !== 'tcp') return kernelEinval();
    const r = toFilterRule(spec);
    return typeof r === 'string' ? { error: `${r}\n`, status: 1 } : r;
  }
  if (table === 'nat') {
    // xt_nat / MASQUERADE checkentry: hooks each target may be used from.
    if (t === 'SNAT' && chain !== 'POSTROUTING' && chain !== 'INPUT') return kernelEinval();
    if (t === 'DNAT' && chain !== 'PREROUTING' && chain !== 'OUTPUT') return kernelEinval();
    if (t === 'MASQUERADE' && chain !== 'POSTROUTING') return kernelEinval();
    if (t === 'MARK') return kernelEinval();
    const r = toNatRule(spec);
    return typeof r === 'string' ? { error: `${r}\n`, status: 1 } : r;
  }
  if (t === 'SNAT' || t === 'DNAT' || t === 'MASQUERADE') return kernelEinval();
  if (chain !== 'PREROUTING' && chain !== 'OUTPUT') return { error: `lab: mangle ${chain} rules are not simulated (PREROUTING and OUTPUT are)\n`, status: 1 };
  const r = toMangleRule(spec);
  return typeof r === 'string' ? { error: `${r}\n`, status: 1 } : r;
}

/** Rules equal as iptables -D compares them (every match and the target). */
function sameRule(a: Rule, b: Rule): boolean {
  const keys = ['source', 'destination', 'inInterface', 'outInterface', 'protocol', 'sport', 'dport'] as const;
  if (keys.some((k) => a[k] !== b[k])) return false;
  if ((['icmpType', 'multiport', 'tcpFlags'] as const).some((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))) return false;
  const sa = 'ctstate' in a ? a.ctstate : undefined;
  const sb = 'ctstate' in b ? b.ctstate : undefined;
  if (sa?.module !== sb?.module || sa?.states.join() !== sb?.states.join()) return false;
  const ta = a.target as Record<string, unknown>;
  const tb = b.target as Record<string, unknown>;
  return ['kind', 'toSource', 'toDestination', 'mark', 'rejectWith', 'prefix', 'level', 'tcpSequence'].every((k) => ta[k] === tb[k]);
}

/** iptables. */
export const iptables: Command = (io) => {
  const out = new Output();
  const op = parseIptables(io.argv.slice(1));
  if ('error' in op) return done(out.err(op.error), op.status);
  if (op.kind === 'version') return done(out.out(`iptables ${IPTABLES_VERSION}\n`), 0);
  const node = io.node;
  const chains = CHAINS[op.table];
  if ('chain' in op && op.chain !== undefined && !chains.includes(op.chain)) return done(out.err(noChain.error), noChain.status);
  switch (op.kind) {
    case 'list': {
      if ((op.verbose || op.zero) && op.table !== 'filter') {
        const e = countersNotSimulated(op.table);
        return done(out.err(e.error), e.status);
      }
      const counters = op.verbose ? io.runtime?.filterCounters(node.id) : undefined;
      const shown = listedChains(node, op.table, op.chain !== undefined ? [op.chain] : chains, counters);
      out.out(listChains(shown, op.lineNumbers, op.numeric ? { numeric: true } : { numeric: false, hosts: hostsOf(node) }, op.verbose ? { exact: op.exact } : undefined));
      if (op.zero) io.runtime?.zeroFilter(node.id, zeroedChain(op.chain));
      return done(out, 0);
    }
    case 'save': {
      const shown = op.chain !== undefined ? [op.chain] : chains;
      const lines = shown.map((c) => `-P ${c} ${policyOf(node.iptables, op.table, c)}`);
      for (const c of shown) for (const r of rulesOf(node.iptables, op.table, c) ?? []) lines.push(saveRule(c, r));
      return done(out.out(`${lines.join('\n')}\n`), 0);
    }
    case 'zero': {
      if (op.table !== 'filter') {
        const e = countersNotSimulated(op.table);
        return done(out.err(e.error), e.status);
      }
      io.runtime?.zeroFilter(node.id, zeroedChain(op.chain));
      return done(out, 0);
    }
    case 'delete-chain':
      return done(out, 0);
    case 'policy': {
      if (op.policy !== 'ACCEPT' && op.policy !== 'DROP') return done(out.err(`iptables: Bad policy name. Run \`dmesg' for more information.\n`), 1);
      if (op.table === 'filter' && isFilterChain(op.chain)) {
        if (filterPolicyOf(node.iptables.filter, op.chain) === op.policy) return done(out, 0);
        return done(out, 0, withNode(io.doc, withPolicy(node, op.chain, op.policy)));
      }
      if (op.policy === 'DROP') return done(out.err(`lab: DROP policies in the ${op.table} table are not simulated\n`), 1);
      return done(out, 0);
    }
    case 'flush': {
      let n = node;
      // -F empties the chains; their policies stay (a DROP policy then drops everything).
      for (const c of op.chain !== undefined ? [op.chain] : chains) if ((rulesOf(n.iptables, op.table, c) ?? []).length > 0) n = withRules(n, op.table, c, []);
      return done(out, 0, n === node ? undefined : withNode(io.doc, n));
    }
    case 'append':
    case 'insert':
    case 'replace':
    case 'delete': {
      const rule = checkRule(op.table, op.chain, op.rule);
      if ('error' in rule) return done(out.err(rule.error), rule.status);
      const rules = rulesOf(node.iptables, op.table, op.chain) ?? [];
      if (op.kind === 'append') return done(out, 0, withNode(io.doc, withRules(node, op.table, op.chain, [...rules, rule])));
      if (op.kind === 'replace') {
        // The new rule starts with counters of 0 (iptc_replace_entry takes them from the command line).
        if (op.index < 1 || op.index > rules.length) return done(out.err('iptables: Index of replacement too big.\n'), 1);
        return done(out, 0, withNode(io.doc, withRules(node, op.table, op.chain, rules.map((r, j) => (j === op.index - 1 ? rule : r)))));
      }
      if (op.kind === 'insert') {
        if (op.index < 1 || op.index > rules.length + 1) return done(out.err('iptables: Index of insertion too big.\n'), 1);
        const next = [...rules];
        next.splice(op.index - 1, 0, rule);
        return done(out, 0, withNode(io.doc, withRules(node, op.table, op.chain, next)));
      }
      const i = rules.findIndex((r) => sameRule(r, rule));
      if (i < 0) return done(out.err('iptables: Bad rule (does a matching rule exist in that chain?).\n'), 1);
      return done(out, 0, withNode(io.doc, withRules(node, op.table, op.chain, rules.filter((_, j) => j !== i))));
    }
    case 'delete-number': {
      const rules = rulesOf(node.iptables, op.table, op.chain) ?? [];
      if (op.index < 1 || op.index > rules.length) return done(out.err('iptables: Index of deletion too big.\n'), 1);
      return done(out, 0, withNode(io.doc, withRules(node, op.table, op.chain, rules.filter((_, j) => j !== op.index - 1))));
    }
  }
};
