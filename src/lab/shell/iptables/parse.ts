import { formatIpv4Address, parseIpv4Address, prefixMask } from '../../../wire/ipv4-address.ts';
import { serviceToPort } from '../ipvsadm/names.ts';
import { CT_STATES, FILTER_CHAINS, REJECT_WITH, type CtState, type FilterRule, type IptablesMatch, type MangleRule, type NatRule, type RejectWith } from '../../../sim/model/config.ts';

/** iptables 1.8 (legacy) command lines as typed operations. */

export const IPTABLES_VERSION = 'v1.8.7 (legacy)';

export type TableName = 'filter' | 'nat' | 'mangle' | 'raw';

/** The built-in chains of each table, in listing order. */
export const CHAINS: Record<TableName, readonly string[]> = {
  filter: FILTER_CHAINS,
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};

/** A rule as parsed: the matches the simulation's rules have, and a target (any name, checked later). */
export interface RuleSpec extends IptablesMatch {
  readonly ctstate?: FilterRule['ctstate'];
  readonly target: {
    readonly name: string; readonly toSource?: string; readonly toDestination?: string; readonly mark?: number; readonly rejectWith?: RejectWith;
    readonly logPrefix?: string; readonly logLevel?: number; readonly logTcpSequence?: boolean;
  } | undefined;
}

export type IptablesOp =
  | { readonly kind: 'append' | 'delete'; readonly table: TableName; readonly chain: string; readonly rule: RuleSpec }
  | { readonly kind: 'insert' | 'replace'; readonly table: TableName; readonly chain: string; readonly index: number; readonly rule: RuleSpec }
  | { readonly kind: 'delete-number'; readonly table: TableName; readonly chain: string; readonly index: number }
  | { readonly kind: 'flush' | 'zero' | 'delete-chain'; readonly table: TableName; readonly chain: string | undefined }
  | {
    readonly kind: 'list'; readonly table: TableName; readonly chain: string | undefined; readonly lineNumbers: boolean; readonly numeric: boolean;
    readonly verbose: boolean; readonly exact: boolean;
    /** `-L -Z`: the counters start again from 0 once listed. */
    readonly zero: boolean;
  }
  | { readonly kind: 'save'; readonly table: TableName; readonly chain: string | undefined }
  | { readonly kind: 'policy'; readonly table: TableName; readonly chain: string; readonly policy: string }
  | { readonly kind: 'version' };

/** An iptables failure: the message and exit status. */
export interface IptablesError {
  readonly error: string;
  readonly status: number;
}

const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";
/** xtables_error(PARAMETER_PROBLEM, …): exit 2 with the help hint. */
export const paramProblem = (msg: string): IptablesError => ({ error: `iptables ${IPTABLES_VERSION}: ${msg}\n${TRY}`, status: 2 });

/** `-s 192.168.122.5/24` → `192.168.122.0/24` (iptables masks the address). */
export function parseAddressSpec(text: string): string | null {
  const [a, len] = text.split('/');
  const addr = parseIpv4Address(a ?? '');
  if (addr === null) return null;
  let prefix = 32;
  if (len !== undefined) {
    const mask = parseIpv4Address(len);
    if (/^\d+$/.test(len) && Number(len) <= 32) prefix = Number(len);
    else if (mask !== null) {
      const inv = ~mask >>> 0;
      if ((inv & (inv + 1)) !== 0) return null;
      prefix = 32 - Math.log2(inv + 1);
    } else return null;
  }
  return `${formatIpv4Address((addr & prefixMask(prefix)) >>> 0)}/${prefix}`;
}

function parsePort(text: string): string | null {
  const m = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(text);
  if (!m || Number(m[1]) > 65535 || (m[2] !== undefined && Number(m[2]) > 65535)) return null;
  return m[2] !== undefined ? `${m[1]}:${m[2]}` : m[1]!;
}

/** Short options that take an argument (getopt's `x:`), and those whose argument is optional and must be attached (`x::`). */
const WITH_ARGUMENT = new Set('ACDRIPNEMopsdjitmcg');
const OPTIONAL_ARGUMENT = new Set('LSFZXwWh');

/**
 * Splits bundled short options as getopt_long reads them: `-nL` is `-n -L`, `-vnL INPUT` is
 * `-v -n -L INPUT`, `-tnat` is `-t nat`; an option that takes an argument ends the bundle.
 */
function unbundle(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (!/^-[A-Za-z0-9]{2,}$/.test(a)) {
      out.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      out.push(`-${c}`);
      const rest = a.slice(k + 1);
      if (rest !== '' && (WITH_ARGUMENT.has(c) || OPTIONAL_ARGUMENT.has(c))) {
        out.push(rest);
        break;
      }
    }
  }
  return out;
}

/** Parses iptables' arguments. */
export function parseIptables(given: readonly string[]): IptablesOp | IptablesError {
  const args = unbundle(given);
  let table: TableName = 'filter';
  let command: { letter: string; chain?: string; index?: number } | undefined;
  let lineNumbers = false;
  let numeric = false;
  let verbose = false;
  let exact = false;
  /** -Z given with -L (iptables' CMD_LIST_ZERO). */
  let zeroToo = false;
  const rule: { -readonly [K in keyof RuleSpec]: RuleSpec[K] } = { target: undefined };
  let negate = false;
  let policy: string | undefined;
  /** Matches loaded with -m (or, for tcp/udp/icmp, by their options), in command-line order. */
  const matches: string[] = [];
  const PORT_MATCHES = ['tcp', 'udp', 'icmp', 'multiport'];
  /** A protocol match (tcp/udp ports, icmp type, multiport) is in the rule: listings print a state match given before it first. */
  const loadPortMatch = (name: string): void => {
    if (!matches.includes(name)) matches.push(name);
    if (rule.ctstate !== undefined && matches.indexOf(name) > matches.indexOf(rule.ctstate.module)) rule.ctstate = { ...rule.ctstate, beforePorts: true };
  };
  const setCommand = (letter: string, chain: string | undefined, index?: number): IptablesError | null => {
    // -L and -Z go together (list, then zero); the chain is the one named with -L.
    if (command && ((letter === 'Z' && command.letter === 'L') || (letter === 'L' && command.letter === 'Z')) && !zeroToo) {
      zeroToo = true;
      if (letter === 'L') command = { letter, ...(chain !== undefined ? { chain } : {}) };
      return null;
    }
    if (command) return paramProblem('Cannot use -' + letter + ' with -' + command.letter + '\n');
    command = { letter, ...(chain !== undefined ? { chain } : {}), ...(index !== undefined ? { index } : {}) };
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | IptablesError => {
      const v = args[++i];
      return v === undefined ? paramProblem(`option "${a}" requires an argument`) : v;
    };
    const optionalChain = (): string | undefined => (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-') ? args[++i] : undefined);
    if (a === '!') {
      negate = true;
      continue;
    }
    const neg = negate;
    negate = false;
    switch (a) {
      case '-t': case '--table': {
        const v = value();
        if (typeof v !== 'string') return v;
        if (v !== 'filter' && v !== 'nat' && v !== 'mangle' && v !== 'raw') {
          return { error: `iptables ${IPTABLES_VERSION}: can't initialize iptables table \`${v}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`, status: 3 };
        }
        table = v;
        break;
      }
      case '-A': case '--append': case '-D': case '--delete': case '-I': case '--insert': case '-R': case '--replace': case '-P': case '--policy': {
        const chain = value();
        if (typeof chain !== 'string') return chain;
        const letter = a.length === 2 ? a[1]! : ({ '--append': 'A', '--delete': 'D', '--insert': 'I', '--replace': 'R' } as Record<string, string>)[a] ?? 'P';
        let index: number | undefined;
        if ((letter === 'I' || letter === 'D' || letter === 'R') && args[i + 1] !== undefined && /^\d+$/.test(args[i + 1]!)) index = Number(args[++i]);
        if (letter === 'R' && index === undefined) return paramProblem('-R requires a rule number');
        if (letter === 'P') {
          const p = value();
          if (typeof p !== 'string') return p;
          policy = p;
        }
        const e = setCommand(letter, chain, index);
        if (e) return e;
        break;
      }
      case '-F': case '--flush': case '-L': case '--list': case '-S': case '--list-rules': case '-Z': case '--zero': case '-X': case '--delete-chain': {
        const letter = a.length === 2 ? a[1]! : ({ '--flush': 'F', '--list': 'L', '--list-rules': 'S', '--zero': 'Z', '--delete-chain': 'X' } as Record<string, string>)[a]!;
        const e = setCommand(letter, optionalChain());
        if (e) return e;
        break;
      }
      case '-N': case '--new-chain': case '-E': case '--rename-chain':
        return { error: `lab: iptables ${a} is not simulated (user-defined chains)\n`, status: 1 };
      case '-n': case '--numeric': numeric = true; break;
      case '-v': case '--verbose': verbose = true; break;
      case '-x': case '--exact': exact = true; break;
      case '--line-numbers': lineNumbers = true; break;
      case '-V': case '--version': return { kind: 'version' };
      case '-s': case '--source': case '-d': case '--destination': {
        const v = value();
        if (typeof v !== 'string') return v;
        const spec = parseAddressSpec(v);
        if (spec === null) return paramProblem(`host/network \`${v.split('/')[0]}' not found`);
        const key = a === '-s' || a === '--source' ? 'source' : 'destination';
        if (rule[key] !== undefined) return paramProblem(`multiple -${key[0]} flags not allowed`);
        rule[key] = `${neg ? '!' : ''}${spec}`;
        break;
      }
      case '-i': case '--in-interface': case '-o': case '--out-interface': {
        const v = value();
        if (typeof v !== 'string') return v;
        if (neg) return { error: 'lab: negated interface matches are not simulated\n', status: 1 };
        if (a.startsWith('-i') || a === '--in-interface') rule.inInterface = v;
        else rule.outInterface = v;
        break;
      }
      case '-p': case '--protocol': {
        const v = value();
        if (typeof v !== 'string') return v;
        const p = v.toLowerCase();
        if (neg) return { error: 'lab: negated protocol matches are not simulated\n', status: 1 };
        if (p !== 'tcp' && p !== 'udp' && p !== 'icmp' && p !== 'all' && p !== '6' && p !== '17' && p !== '1' && p !== '0') {
          return paramProblem(`unknown protocol "${v}" specified`);
        }
        rule.protocol = p === '6' ? 'tcp' : p === '17' ? 'udp' : p === '1' ? 'icmp' : p === '0' ? 'all' : p;
        break;
      }
      case '-m': case '--match': {
        const v = value();
        if (typeof v !== 'string') return v;
        if (v === 'state' || v === 'conntrack') {
          if (!matches.includes(v)) matches.push(v);
          break;
        }
        if (v === 'multiport') {
          if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return paramProblem("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
          if (!matches.includes(v)) matches.push(v);
          break;
        }
        if (v !== 'tcp' && v !== 'udp' && v !== 'icmp') return { error: `lab: the ${v} match is not simulated\n`, status: 1 };
        if (rule.protocol !== v) return paramProblem(`${v} match: protocol must be ${v}`);
        if (!matches.includes(v)) matches.push(v);
        break;
      }
      case '--state': case '--ctstate': {
        const module = a === '--state' ? 'state' : 'conntrack';
        if (!matches.includes(module)) return paramProblem(`unknown option "${a}"`);
        const v = value();
        if (typeof v !== 'string') return v;
        if (neg) return { error: 'lab: negated state matches are not simulated\n', status: 1 };
        const states = parseStates(v);
        if (typeof states === 'string') {
          if (module === 'conntrack' && /^(SNAT|DNAT)$/i.test(states)) return { error: `lab: the ${states.toUpperCase()} ctstate is not simulated\n`, status: 1 };
          return paramProblem(`Bad ${a.slice(2)} "${states}"`);
        }
        // Where the state match sits among the rule's matches: -L and -S print them in that order.
        rule.ctstate = { module, states, ...(matches.indexOf(module) < matches.findIndex((m) => PORT_MATCHES.includes(m)) ? { beforePorts: true } : {}) };
        break;
      }
      case '--syn': case '--tcp-flags': {
        if (rule.protocol !== 'tcp') return paramProblem(`unknown option "${a}"`);
        let flags = { mask: 0x17, comp: 0x02 };
        if (a === '--tcp-flags') {
          const mask = value();
          if (typeof mask !== 'string') return mask;
          const comp = value();
          if (typeof comp !== 'string') return comp;
          const m = parseTcpFlags(mask);
          const c = parseTcpFlags(comp);
          if (typeof m === 'string') return paramProblem(m);
          if (typeof c === 'string') return paramProblem(c);
          flags = { mask: m, comp: c };
        }
        rule.tcpFlags = { ...flags, ...(neg ? { invert: true } : {}) };
        loadPortMatch('tcp');
        break;
      }
      case '--sport': case '--source-port': case '--dport': case '--destination-port': {
        if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return paramProblem(`unknown option "${a}"`);
        const v = value();
        if (typeof v !== 'string') return v;
        const port = parsePort(v);
        if (port === null) return paramProblem(`invalid port/service \`${v}' specified`);
        if (neg) return { error: 'lab: negated port matches are not simulated\n', status: 1 };
        if (a === '--sport' || a === '--source-port') rule.sport = port;
        else rule.dport = port;
        // The options load the protocol's match where they stand (iptables' implicit match).
        loadPortMatch(rule.protocol);
        break;
      }
      case '--sports': case '--source-ports': case '--dports': case '--destination-ports': case '--ports': {
        if (!matches.includes('multiport')) return paramProblem(`unknown option "${a}"`);
        const v = value();
        if (typeof v !== 'string') return v;
        if (neg) return { error: 'lab: negated multiport matches are not simulated\n', status: 1 };
        if (rule.multiport !== undefined) return paramProblem('multiport can only have one option');
        const ports = parseMultiport(v, rule.protocol === 'udp' ? 17 : 6);
        if (typeof ports === 'string') return paramProblem(ports);
        rule.multiport = { dir: a === '--ports' ? 'ports' : a.startsWith('--s') ? 'sports' : 'dports', ports };
        loadPortMatch('multiport');
        break;
      }
      case '--icmp-type': {
        if (rule.protocol !== 'icmp') return paramProblem(`unknown option "${a}"`);
        const v = value();
        if (typeof v !== 'string') return v;
        if (neg) return { error: 'lab: negated ICMP type matches are not simulated\n', status: 1 };
        const t = parseIcmpType(v);
        if (t === undefined) return paramProblem(`Invalid ICMP type \`${v}'`);
        rule.icmpType = t;
        loadPortMatch('icmp');
        break;
      }
      case '-j': case '--jump': {
        const v = value();
        if (typeof v !== 'string') return v;
        rule.target = { name: v };
        break;
      }
      case '--to-source': case '--to-destination': case '--to': {
        const v = value();
        if (typeof v !== 'string') return v;
        const t = rule.target?.name;
        if (!((t === 'SNAT' && a !== '--to-destination') || (t === 'DNAT' && a !== '--to-source'))) return paramProblem(`unknown option "${a}"`);
        const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d{1,5})(?:-(\d{1,5}))?)?$/.exec(v);
        if (!m || parseIpv4Address(m[1]!) === null) return paramProblem(`Bad IP address "${v.split(':')[0]}"`);
        rule.target = t === 'SNAT' ? { name: 'SNAT', toSource: v } : { name: 'DNAT', toDestination: v };
        break;
      }
      case '--log-prefix': case '--log-level': case '--log-tcp-sequence': {
        const t = rule.target;
        if (t?.name !== 'LOG') return paramProblem(`unknown option "${a}"`);
        if (a === '--log-tcp-sequence') {
          rule.target = { ...t, logTcpSequence: true };
          break;
        }
        const v = value();
        if (typeof v !== 'string') return v;
        if (a === '--log-prefix') {
          // libxt_LOG: the kernel keeps 29 characters (xt_log_info.prefix[30]).
          if (v.length > 29) return paramProblem('Maximum prefix length 29 for --log-prefix');
          if (v.includes('\n')) return paramProblem('Newlines not allowed in --log-prefix');
          rule.target = { ...t, logPrefix: v };
        } else {
          const level = /^[0-7]$/.test(v) ? Number(v) : LOG_LEVELS.find(([name]) => name === v.toLowerCase())?.[1];
          if (level === undefined) return paramProblem(`log-level \`${v}' unknown`);
          rule.target = { ...t, logLevel: level };
        }
        break;
      }
      case '--log-tcp-options': case '--log-ip-options': case '--log-uid': case '--log-macdecode':
        return { error: `lab: ${a} is not simulated\n`, status: 1 };
      case '--reject-with': {
        if (rule.target?.name !== 'REJECT') return paramProblem(`unknown option "${a}"`);
        const v = value();
        if (typeof v !== 'string') return v;
        const type = rejectType(v);
        if (type === undefined) return paramProblem(`unknown reject type "${v}"`);
        rule.target = { name: 'REJECT', rejectWith: type };
        break;
      }
      case '--set-mark': case '--set-xmark': {
        if (rule.target?.name !== 'MARK') return paramProblem(`unknown option "${a}"`);
        const v = value();
        if (typeof v !== 'string') return v;
        const [markText, maskText] = v.split('/');
        const mark = Number(markText);
        if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(markText ?? '') || mark > 0xffffffff) return paramProblem(`Bad MARK value "${v}"`);
        if (maskText !== undefined && Number(maskText) !== 0xffffffff) return { error: 'lab: MARK masks are not simulated\n', status: 1 };
        rule.target = { name: 'MARK', mark };
        break;
      }
      default:
        if (a.startsWith('-')) return paramProblem(`unknown option "${a}"`);
        return paramProblem(`Bad argument \`${a}'`);
    }
  }
  if (!command) return paramProblem('no command specified');
  const c = command;
  switch (c.letter) {
    case 'A': return { kind: 'append', table, chain: c.chain!, rule };
    case 'I': return { kind: 'insert', table, chain: c.chain!, index: c.index ?? 1, rule };
    case 'R': return { kind: 'replace', table, chain: c.chain!, index: c.index!, rule };
    case 'D': return c.index !== undefined ? { kind: 'delete-number', table, chain: c.chain!, index: c.index } : { kind: 'delete', table, chain: c.chain!, rule };
    case 'F': return { kind: 'flush', table, chain: c.chain };
    case 'Z': return { kind: 'zero', table, chain: c.chain };
    case 'X': return { kind: 'delete-chain', table, chain: c.chain };
    case 'L': return { kind: 'list', table, chain: c.chain, lineNumbers, numeric, verbose, exact, zero: zeroToo };
    case 'S': return { kind: 'save', table, chain: c.chain };
    default: return { kind: 'policy', table, chain: c.chain!, policy: policy! };
  }
}

/** The lab's rule for a parsed spec in a nat chain, or why the lab cannot hold it. */
export function toNatRule(r: RuleSpec): NatRule | string {
  const t = r.target;
  if (r.ctstate !== undefined) return `lab: the ${r.ctstate.module} match is simulated in the filter table only`;
  const base = matchOf(r);
  if (!t) return 'lab: rules without a target (-j) are not simulated';
  switch (t.name) {
    case 'SNAT':
      if (t.toSource === undefined) return 'lab: SNAT needs --to-source here';
      return { ...base, target: { kind: 'SNAT', toSource: t.toSource } };
    case 'DNAT':
      if (t.toDestination === undefined) return 'lab: DNAT needs --to-destination here';
      return { ...base, target: { kind: 'DNAT', toDestination: t.toDestination } };
    case 'MASQUERADE': return { ...base, target: { kind: 'MASQUERADE' } };
    case 'ACCEPT': return { ...base, target: { kind: 'ACCEPT' } };
    case 'RETURN': return { ...base, target: { kind: 'RETURN' } };
  }
  return `lab: the ${t.name} target is not simulated in the nat table`;
}

/**
 * A multiport list (xt_multiport revision 1): ports or `lo:hi` ranges, by number or service name,
 * at most 15 ports with a range counting two; each in the lab's form (`80`, `1024:2048`).
 */
function parseMultiport(text: string, proto: number): string[] | string {
  const out: string[] = [];
  let used = 0;
  for (const item of text.split(',')) {
    const ends = item.split(':');
    if (ends.length > 2) return `invalid port/service \`${item}' specified`;
    const numbers: number[] = [];
    for (const e of ends) {
      const n = /^\d+$/.test(e) ? Number(e) : serviceToPort(e, proto);
      if (!(n >= 0 && n <= 65535) || e === '') return `invalid port/service \`${e}' specified`;
      numbers.push(n);
    }
    used += numbers.length;
    if (used > 15) return 'too many ports specified';
    if (numbers.length === 2 && numbers[0]! > numbers[1]!) return `invalid portrange specified`;
    out.push(numbers.join(':'));
  }
  return out;
}

/** libipt_icmp's names: type and code range (`any` is type 255). */
export const ICMP_TYPE_NAMES: readonly { readonly name: string; readonly type: number; readonly codeMin: number; readonly codeMax: number }[] = [
  ['any', 0xff, 0, 0xff], ['echo-reply', 0, 0, 0xff], ['destination-unreachable', 3, 0, 0xff], ['network-unreachable', 3, 0, 0],
  ['host-unreachable', 3, 1, 1], ['protocol-unreachable', 3, 2, 2], ['port-unreachable', 3, 3, 3], ['fragmentation-needed', 3, 4, 4],
  ['source-route-failed', 3, 5, 5], ['network-unknown', 3, 6, 6], ['host-unknown', 3, 7, 7], ['network-prohibited', 3, 9, 9],
  ['host-prohibited', 3, 10, 10], ['TOS-network-unreachable', 3, 11, 11], ['TOS-host-unreachable', 3, 12, 12], ['communication-prohibited', 3, 13, 13],
  ['host-precedence-violation', 3, 14, 14], ['precedence-cutoff', 3, 15, 15], ['source-quench', 4, 0, 0xff], ['redirect', 5, 0, 0xff],
  ['network-redirect', 5, 0, 0], ['host-redirect', 5, 1, 1], ['TOS-network-redirect', 5, 2, 2], ['TOS-host-redirect', 5, 3, 3],
  ['echo-request', 8, 0, 0xff], ['router-advertisement', 9, 0, 0xff], ['router-solicitation', 10, 0, 0xff], ['time-exceeded', 11, 0, 0xff],
  ['ttl-zero-during-transit', 11, 0, 0], ['ttl-zero-during-reassembly', 11, 1, 1], ['parameter-problem', 12, 0, 0xff], ['ip-header-bad', 12, 0, 0],
  ['required-option-missing', 12, 1, 1], ['timestamp-request', 13, 0, 0xff], ['timestamp-reply', 14, 0, 0xff], ['address-mask-request', 17, 0, 0xff],
  ['address-mask-reply', 18, 0, 0xff],
].map(([name, type, codeMin, codeMax]) => ({ name: name as string, type: type as number, codeMin: codeMin as number, codeMax: codeMax as number }));

/** The aliases libipt_icmp also takes. */
const ICMP_ALIASES: Record<string, string> = { pong: 'echo-reply', ping: 'echo-request', 'ttl-exceeded': 'time-exceeded' };

/** `--icmp-type` (parse_icmp): a name or a prefix of one, `TYPE` (any code) or `TYPE/CODE`. */
function parseIcmpType(text: string): IptablesMatch['icmpType'] {
  const name = ICMP_ALIASES[text] ?? text;
  const byName = ICMP_TYPE_NAMES.filter((n) => n.name.toLowerCase().startsWith(name.toLowerCase()));
  const exact = byName.find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (exact || byName.length === 1) {
    const { type, codeMin, codeMax } = exact ?? byName[0]!;
    return { type, codeMin, codeMax };
  }
  const m = /^(\d{1,3})(?:\/(\d{1,3}))?$/.exec(text);
  if (!m || Number(m[1]) > 255 || (m[2] !== undefined && Number(m[2]) > 255)) return undefined;
  return m[2] !== undefined ? { type: Number(m[1]), codeMin: Number(m[2]), codeMax: Number(m[2]) } : { type: Number(m[1]), codeMin: 0, codeMax: 0xff };
}

/** A `--state`/`--ctstate` list (names in any case, comma-separated) in CT_STATES order, or the name that is not a state. */
function parseStates(text: string): CtState[] | string {
  const seen = new Set<CtState>();
  for (const word of text.split(',')) {
    const state = CT_STATES.find((s) => s === word.toUpperCase());
    if (state === undefined) return word;
    seen.add(state);
  }
  return CT_STATES.filter((s) => seen.has(s));
}

/** libxt_tcp's flag names, in the order it prints them (ALL and NONE for the whole set and none). */
export const TCP_FLAG_BITS: readonly (readonly [string, number])[] = [
  ['FIN', 0x01], ['SYN', 0x02], ['RST', 0x04], ['PSH', 0x08], ['ACK', 0x10], ['URG', 0x20], ['ALL', 0x3f], ['NONE', 0],
];

/** A `--tcp-flags` list (names in any case, comma-separated) as bits, or why it is not one. */
function parseTcpFlags(text: string): number | string {
  let bits = 0;
  for (const word of text.split(',')) {
    const flag = TCP_FLAG_BITS.find(([name]) => name === word.toUpperCase());
    if (flag === undefined) return `Unknown TCP flag \`${word}'`;
    bits |= flag[1];
  }
  return bits;
}

/** syslog levels by name, in libxt_LOG's order (its listing takes the first name of a level). */
export const LOG_LEVELS: readonly (readonly [string, number])[] = [
  ['alert', 1], ['crit', 2], ['debug', 7], ['emerg', 0], ['error', 3], ['info', 6], ['notice', 5], ['panic', 0], ['warning', 4],
];

/** libipt_REJECT's reject types: each long name and its short alias (`port-unreach`). */
const REJECT_ALIASES: Record<string, RejectWith> = {
  'net-unreach': 'icmp-net-unreachable', 'host-unreach': 'icmp-host-unreachable', 'proto-unreach': 'icmp-proto-unreachable',
  'port-unreach': 'icmp-port-unreachable', 'net-prohib': 'icmp-net-prohibited', 'host-prohib': 'icmp-host-prohibited',
  'tcp-rst': 'tcp-reset', 'admin-prohib': 'icmp-admin-prohibited',
};

function rejectType(text: string): RejectWith | undefined {
  return (REJECT_WITH as readonly string[]).includes(text) ? (text as RejectWith) : REJECT_ALIASES[text];
}

/** The lab's rule for a parsed spec in a filter chain. */
export function toFilterRule(r: RuleSpec): FilterRule | string {
  const t = r.target;
  if (!t) return 'lab: rules without a target (-j) are not simulated';
  switch (t.name) {
    case 'ACCEPT': case 'DROP': case 'RETURN': return { ...matchOf(r), ...ctstateOf(r), target: { kind: t.name } };
    // libxt_LOG: level 4 (warning) unless --log-level says otherwise.
    case 'LOG': return { ...matchOf(r), ...ctstateOf(r), target: { kind: 'LOG', prefix: t.logPrefix ?? '', level: t.logLevel ?? 4, ...(t.logTcpSequence ? { tcpSequence: true } : {}) } };
    // libipt_REJECT: icmp-port-unreachable unless --reject-with says otherwise.
    case 'REJECT': return { ...matchOf(r), ...ctstateOf(r), target: { kind: 'REJECT', rejectWith: t.rejectWith ?? 'icmp-port-unreachable' } };
  }
  return `lab: the ${t.name} target is not simulated in the filter table`;
}

/** The lab's rule for a parsed spec in a mangle chain. */
export function toMangleRule(r: RuleSpec): MangleRule | string {
  const t = r.target;
  if (r.ctstate !== undefined) return `lab: the ${r.ctstate.module} match is simulated in the filter table only`;
  if (!t) return 'lab: rules without a target (-j) are not simulated';
  if (t.name === 'MARK') return t.mark === undefined ? 'lab: MARK needs --set-mark here' : { ...matchOf(r), target: { kind: 'MARK', mark: t.mark } };
  if (t.name === 'ACCEPT') return { ...matchOf(r), target: { kind: 'ACCEPT' } };
  return `lab: the ${t.name} target is not simulated in the mangle table`;
}

function ctstateOf(r: RuleSpec): Pick<FilterRule, 'ctstate'> {
  return r.ctstate !== undefined ? { ctstate: r.ctstate } : {};
}

function matchOf(r: RuleSpec): Omit<NatRule, 'target'> {
  return {
    ...(r.source !== undefined ? { source: r.source } : {}),
    ...(r.destination !== undefined ? { destination: r.destination } : {}),
    ...(r.inInterface !== undefined ? { inInterface: r.inInterface } : {}),
    ...(r.outInterface !== undefined ? { outInterface: r.outInterface } : {}),
    ...(r.protocol !== undefined ? { protocol: r.protocol } : {}),
    ...(r.sport !== undefined ? { sport: r.sport } : {}),
    ...(r.dport !== undefined ? { dport: r.dport } : {}),
    ...(r.icmpType !== undefined ? { icmpType: r.icmpType } : {}),
    ...(r.multiport !== undefined ? { multiport: r.multiport } : {}),
    ...(r.tcpFlags !== undefined ? { tcpFlags: r.tcpFlags } : {}),
  };
}
