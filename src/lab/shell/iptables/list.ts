import type { ChainPolicy, FilterRule, IptablesMatch, MangleRule, NatRule } from '../../../sim/model/config.ts';
import { parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { addressToHost, portToService } from '../ipvsadm/names.ts';

/** iptables 1.8 (legacy) listings: `-L -n` (print_header / print_firewall) and `-S` (print_rule). */

type Rule = FilterRule | NatRule | MangleRule;

/**
 * How `-L` names addresses and ports: numbers with `-n`; otherwise as print_firewall does through
 * the C library — `anywhere` for 0.0.0.0/0, a host's name from /etc/hosts (xtables_ipaddr_to_anyname,
 * numeric when it has none), a port's name from /etc/services (`dpt:http`).
 */
export type ListNames = { readonly numeric: true } | { readonly numeric: false; readonly hosts: string };

/** `192.168.122.0/24`; a /32 prints without its mask in `-L`. */
function addressColumn(spec: string | undefined, names: ListNames): string {
  if (spec === undefined) return names.numeric ? ' 0.0.0.0/0' : ' anywhere';
  const neg = spec.startsWith('!');
  const body = neg ? spec.slice(1) : spec;
  const [addr, len] = body.split('/');
  const host = names.numeric ? null : addressToHost(parseIpv4Address(addr!) ?? 0, names.hosts);
  const shown = `${host ?? addr}${len === '32' ? '' : `/${len}`}`;
  return `${neg ? '!' : ' '}${shown}`;
}

/** A port or range (`80`, `1024:65535`) as `-L` prints it: each end by its service name unless `-n`. */
function portsText(spec: string, protocol: 'tcp' | 'udp', names: ListNames): string {
  const proto = protocol === 'tcp' ? 6 : 17;
  return spec.split(':').map((p) => (names.numeric ? p : portToService(Number(p), proto) ?? p)).join(':');
}

function targetName(r: Rule): string {
  return r.target.kind;
}

/** The match and target text after the destination column (tcp spt/dpt, to:…, MARK set …). */
function extras(r: Rule, names: ListNames): string {
  let ports = '';
  if ((r.protocol === 'tcp' || r.protocol === 'udp') && (r.sport !== undefined || r.dport !== undefined)) {
    ports += ` ${r.protocol}`;
    if (r.sport !== undefined) ports += ` spt${r.sport.includes(':') ? 's' : ''}:${portsText(r.sport, r.protocol, names)}`;
    if (r.dport !== undefined) ports += ` dpt${r.dport.includes(':') ? 's' : ''}:${portsText(r.dport, r.protocol, names)}`;
  }
  const ct = 'ctstate' in r ? r.ctstate : undefined;
  // libxt_state prints `state NEW,ESTABLISHED`, libxt_conntrack `ctstate …`.
  const state = ct ? ` ${ct.module === 'state' ? 'state' : 'ctstate'} ${ct.states.join(',')}` : '';
  let s = ct?.beforePorts ? state + ports : ports + state;
  const t = r.target;
  if (t.kind === 'SNAT') s += ` to:${t.toSource}`;
  else if (t.kind === 'DNAT') s += ` to:${t.toDestination}`;
  else if (t.kind === 'MARK') s += t.mark === 0 ? ' MARK and 0x0' : ` MARK set 0x${t.mark.toString(16)}`;
  else if (t.kind === 'REJECT') s += ` reject-with ${t.rejectWith}`;
  return s;
}

/** One `-L -n` rule line. */
function ruleLine(r: Rule, num: number | undefined, names: ListNames): string {
  const prefix = num !== undefined ? `${String(num).padEnd(4)} ` : '';
  const prot = r.protocol === undefined ? 'all' : r.protocol;
  return `${prefix}${targetName(r).padEnd(9)}  ${prot.padEnd(5)}-- ${addressColumn(r.source, names).padEnd(20)} ${addressColumn(r.destination, names).padEnd(20)} ${extras(r, names)}\n`;
}

/** `-L -n` for the given chains; each chain's rules, blocks separated by a blank line. */
export function listChains(chains: readonly { name: string; policy: ChainPolicy; rules: readonly Rule[] }[], lineNumbers: boolean, names: ListNames): string {
  const header = `${lineNumbers ? 'num  ' : ''}target     prot opt source               destination         \n`;
  return chains.map((c) => `Chain ${c.name} (policy ${c.policy})\n${header}${c.rules.map((r, i) => ruleLine(r, lineNumbers ? i + 1 : undefined, names)).join('')}`).join('\n');
}

/** The rule as `-S` prints it: `-A POSTROUTING -s 192.168.122.0/24 -o ens36 -j SNAT --to-source 12.0.0.10`. */
export function saveRule(chain: string, r: Rule): string {
  const m: IptablesMatch = r;
  const parts = [`-A ${chain}`];
  const addr = (flag: string, spec: string | undefined): void => {
    if (spec === undefined) return;
    parts.push(spec.startsWith('!') ? `! ${flag} ${spec.slice(1)}` : `${flag} ${spec}`);
  };
  addr('-s', m.source);
  addr('-d', m.destination);
  if (m.inInterface !== undefined) parts.push(`-i ${m.inInterface}`);
  if (m.outInterface !== undefined) parts.push(`-o ${m.outInterface}`);
  if (m.protocol !== undefined && m.protocol !== 'all') parts.push(`-p ${m.protocol}`);
  const ct = 'ctstate' in r ? r.ctstate : undefined;
  const state = ct ? [ct.module === 'state' ? `-m state --state ${ct.states.join(',')}` : `-m conntrack --ctstate ${ct.states.join(',')}`] : [];
  if (ct?.beforePorts) parts.push(...state);
  if ((m.protocol === 'tcp' || m.protocol === 'udp') && (m.sport !== undefined || m.dport !== undefined)) {
    parts.push(`-m ${m.protocol}`);
    if (m.sport !== undefined) parts.push(`--sport ${m.sport}`);
    if (m.dport !== undefined) parts.push(`--dport ${m.dport}`);
  }
  if (!ct?.beforePorts) parts.push(...state);
  const t = r.target;
  parts.push(`-j ${t.kind}`);
  if (t.kind === 'SNAT') parts.push(`--to-source ${t.toSource}`);
  if (t.kind === 'DNAT') parts.push(`--to-destination ${t.toDestination}`);
  if (t.kind === 'MARK') parts.push(`--set-xmark 0x${t.mark.toString(16)}/0xffffffff`);
  if (t.kind === 'REJECT') parts.push(`--reject-with ${t.rejectWith}`);
  return parts.join(' ');
}
