import type { ChainPolicy, FilterRule, IptablesMatch, MangleRule, NatRule } from '../../../sim/model/config.ts';
import { hexByteUpper } from '../../../wire/hex.ts';
import { parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { addressToHost, portToService } from '../ipvsadm/names.ts';
import { ICMP_TYPE_NAMES, LOG_LEVELS, TCP_FLAG_BITS } from './parse.ts';
import type { PacketCount } from '../../../sim/model/snapshot.ts';

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

/** print_icmptype: the type's name (unless -n), else `type N` with its code or codes, run on to `icmp` as libipt_icmp prints it. */
function icmpTypeText(t: NonNullable<IptablesMatch['icmpType']>, names: ListNames): string {
  const named = names.numeric ? undefined : ICMP_TYPE_NAMES.find((n) => n.type === t.type && n.codeMin === t.codeMin && n.codeMax === t.codeMax);
  if (named) return ` ${named.name}`;
  const code = t.codeMin === t.codeMax ? ` code ${t.codeMin}` : t.codeMin !== 0 || t.codeMax !== 0xff ? ` codes ${t.codeMin}-${t.codeMax}` : '';
  return `type ${t.type}${code}`;
}

/** The match and target text after the destination column (tcp spt/dpt, to:…, MARK set …). */
function extras(r: Rule, names: ListNames): string {
  let ports = '';
  if ((r.protocol === 'tcp' || r.protocol === 'udp') && (r.sport !== undefined || r.dport !== undefined || r.tcpFlags !== undefined)) {
    ports += ` ${r.protocol}`;
    if (r.sport !== undefined) ports += ` spt${r.sport.includes(':') ? 's' : ''}:${portsText(r.sport, r.protocol, names)}`;
    if (r.dport !== undefined) ports += ` dpt${r.dport.includes(':') ? 's' : ''}:${portsText(r.dport, r.protocol, names)}`;
    // print_flags: mask/comp by name, or as hex numbers with -n.
    const f = r.tcpFlags;
    if (f !== undefined) ports += ` flags:${f.invert ? '!' : ''}${names.numeric ? `0x${hexByteUpper(f.mask)}/0x${hexByteUpper(f.comp)}` : `${tcpFlagNames(f.mask)}/${tcpFlagNames(f.comp)}`}`;
  }
  if (r.icmpType !== undefined) ports += ` icmp${icmpTypeText(r.icmpType, names)}`;
  if (r.multiport !== undefined && (r.protocol === 'tcp' || r.protocol === 'udp')) {
    const proto = r.protocol;
    ports += ` multiport ${r.multiport.dir} ${r.multiport.ports.map((p) => portsText(p, proto, names)).join(',')}`;
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
  else if (t.kind === 'LOG') {
    // LOG_print: flags and level as numbers with -n, else the level's name and the flags' names.
    const flags = t.tcpSequence ? 1 : 0;
    s += names.numeric ? ` LOG flags ${flags} level ${t.level}` : ` LOG level ${LOG_LEVELS.find(([, l]) => l === t.level)?.[0] ?? t.level}${t.tcpSequence ? ' tcp-sequence' : ''}`;
    if (t.prefix !== '') s += ` prefix "${t.prefix}"`;
  }
  return s;
}

/** `-v`: counters (`-x`: exact, else K, M, G above 99999) and the interfaces columns. */
export interface Verbose {
  readonly exact: boolean;
}

/** A chain to list, with its counters when `-v` asks for them. */
export interface ListedChain {
  readonly name: string;
  readonly policy: ChainPolicy;
  readonly rules: readonly Rule[];
  readonly counters?: { readonly policy: PacketCount; readonly rules: readonly PacketCount[] };
}

/** xtables_print_num: a counter in a column (`inColumn`) or in the chain's header line. */
export function counterText(n: number, exact: boolean, inColumn: boolean): string {
  if (exact) return inColumn ? `${String(n).padStart(8)} ` : `${n} `;
  if (n <= 99999) return inColumn ? `${String(n).padStart(5)} ` : `${n} `;
  let v = n;
  for (const unit of ['K', 'M', 'G', 'T']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999 || unit === 'T') return inColumn ? `${String(v).padStart(4)}${unit} ` : `${v}${unit} `;
  }
  return `${v} `;
}

/** An interface column of `-v`: the name, or `*` (with -n) / `any` for none. */
function ifaceColumn(name: string | undefined, names: ListNames): string {
  return (name ?? (names.numeric ? '*' : 'any')).padEnd(6);
}

/** One `-L` rule line (print_firewall). */
function ruleLine(r: Rule, num: number | undefined, names: ListNames, verbose: Verbose | undefined, count: PacketCount | undefined): string {
  const prefix = num !== undefined ? `${String(num).padEnd(4)} ` : '';
  const counters = verbose ? counterText(count?.packets ?? 0, verbose.exact, true) + counterText(count?.bytes ?? 0, verbose.exact, true) : '';
  const prot = r.protocol === undefined ? 'all' : r.protocol;
  const via = verbose ? ` ${ifaceColumn(r.inInterface, names)} ${ifaceColumn(r.outInterface, names)} ` : '';
  return `${prefix}${counters}${targetName(r).padEnd(9)}  ${prot.padEnd(5)}-- ${via}${addressColumn(r.source, names).padEnd(20)} ${addressColumn(r.destination, names).padEnd(20)} ${extras(r, names)}\n`;
}

/** `-L` for the given chains (print_header, then each rule); blocks separated by a blank line. */
export function listChains(chains: readonly ListedChain[], lineNumbers: boolean, names: ListNames, verbose?: Verbose): string {
  const countColumns = verbose ? (verbose.exact ? '    pkts      bytes ' : ' pkts bytes ') : '';
  const header = `${lineNumbers ? 'num  ' : ''}${countColumns}target     prot opt ${verbose ? 'in     out     ' : ''}source               destination         \n`;
  return chains.map((c) => {
    const policyCount = verbose ? ` ${counterText(c.counters?.policy.packets ?? 0, verbose.exact, false)}packets, ${counterText(c.counters?.policy.bytes ?? 0, verbose.exact, false)}bytes` : '';
    const rules = c.rules.map((r, i) => ruleLine(r, lineNumbers ? i + 1 : undefined, names, verbose, c.counters?.rules[i])).join('');
    return `Chain ${c.name} (policy ${c.policy}${policyCount})\n${header}${rules}`;
  }).join('\n');
}

/** print_tcpf: the flags' names joined by commas (the first name that covers each flag, in libxt_tcp's order), NONE for none. */
function tcpFlagNames(bits: number): string {
  const out: string[] = [];
  let rest = bits;
  while (rest !== 0) {
    const [name, bit] = TCP_FLAG_BITS.find(([, b]) => (rest & b) !== 0)!;
    out.push(name);
    rest &= ~bit;
  }
  return out.length > 0 ? out.join(',') : 'NONE';
}

/** xtables_save_string: as is when it has only letters, digits, `_` and `-`; else quoted, with `"`, `\\` and `'` escaped. */
function saveString(value: string): string {
  if (/^[-_0-9A-Za-z]+$/.test(value)) return ` ${value}`;
  return ` "${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

/**
 * The rule as `-S` prints it: `-A POSTROUTING -s 192.168.122.0/24 -o ens36 -j SNAT --to-source 12.0.0.10`.
 * `quote` writes a string argument: xtables_save_string for `-S`, a shell's quoting for a script to replay.
 */
export function saveRule(chain: string, r: Rule, quote: (value: string) => string = saveString): string {
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
  if ((m.protocol === 'tcp' || m.protocol === 'udp') && (m.sport !== undefined || m.dport !== undefined || m.tcpFlags !== undefined)) {
    parts.push(`-m ${m.protocol}`);
    if (m.sport !== undefined) parts.push(`--sport ${m.sport}`);
    if (m.dport !== undefined) parts.push(`--dport ${m.dport}`);
    const f = m.tcpFlags;
    if (f !== undefined) parts.push(`${f.invert ? '! ' : ''}--tcp-flags ${tcpFlagNames(f.mask)} ${tcpFlagNames(f.comp)}`);
  }
  if (m.multiport !== undefined) parts.push(`-m multiport --${m.multiport.dir} ${m.multiport.ports.join(',')}`);
  if (m.protocol === 'icmp' && m.icmpType !== undefined) {
    // icmp_save: `any` by name, else the type and, for a single code, `/CODE`.
    const t = m.icmpType;
    parts.push(`-m icmp --icmp-type ${t.type === 0xff ? 'any' : `${t.type}${t.codeMin !== 0 || t.codeMax !== 0xff ? `/${t.codeMin}` : ''}`}`);
  }
  if (!ct?.beforePorts) parts.push(...state);
  const t = r.target;
  parts.push(`-j ${t.kind}`);
  if (t.kind === 'SNAT') parts.push(`--to-source ${t.toSource}`);
  if (t.kind === 'DNAT') parts.push(`--to-destination ${t.toDestination}`);
  if (t.kind === 'MARK') parts.push(`--set-xmark 0x${t.mark.toString(16)}/0xffffffff`);
  if (t.kind === 'REJECT') parts.push(`--reject-with ${t.rejectWith}`);
  if (t.kind === 'LOG') {
    if (t.prefix !== '') parts.push(`--log-prefix${quote(t.prefix)}`);
    if (t.level !== 4) parts.push(`--log-level ${t.level}`);
    if (t.tcpSequence) parts.push('--log-tcp-sequence');
  }
  return parts.join(' ');
}
