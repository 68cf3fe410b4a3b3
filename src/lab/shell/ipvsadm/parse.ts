/**
 * `parseIpvsadm`: ipvsadm 1.31's parse_options (ipvsadm.c:523) and the user-space half of
 * process_options (992) — everything ipvsadm decides before it asks the kernel. Options are
 * read one by one, in popt order, with ipvsadm's side effects in that order, so the first
 * problem met is the one reported, with ipvsadm's text and exit status.
 */
import { parseNetmask, parseService, SERVICE_ADDR, type ParsedEndpoint } from './address.ts';
import { atoi, inetAton, isIpv6Text, parseFwmark, stringToNumber } from './numbers.ts';
import {
  COMMANDS_V_OPTIONS, OPTIONS, POPT_TABLE, TUNNEL_OPTIONS, TUNNEL_TYPES, TUNNEL_TYPES_V_OPTIONS,
  type IpvsadmCommand, type IpvsadmOption,
} from './options.ts';
import { PoptContext, poptStrerror } from './popt.ts';
import { DEFAULT_HOSTS } from './names.ts';
import { parseSchedFlags } from './sched-flags.ts';
import {
  CONN_F_DROUTE, CONN_F_MASQ, CONN_F_TUNNEL, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, SVC_F_ONEPACKET,
  SVC_F_PERSISTENT, SVC_F_SCHED_MASK, type AddressFamily, type ConnFwd, type IpvsadmOp, type IpvsadmUsageError,
  type ListFormat,
} from './types.ts';

/** MAX_TIMEOUT: 31 days (ipvsadm.c). */
const MAX_TIMEOUT = 86400 * 31;
/** IPVS_SVC_PERSISTENT_TIMEOUT (libipvs.h): `-p` without a value. */
const DEFAULT_PERSISTENT_TIMEOUT = 360;
const INT_MAX = 2147483647;

/** A thrown ipvsadm exit: fail() or tryhelp_exit(). */
class Exit extends Error {
  constructor(readonly error: IpvsadmUsageError) {
    super(error.stderr);
  }
}

const fail = (message: string): never => {
  throw new Exit({ kind: 'usage-error', stderr: `${message}\n`, exitCode: 2, exits: true });
};

/** tryhelp_exit(program, -1). */
export function tryHelp(program: string): IpvsadmUsageError {
  return { kind: 'usage-error', stderr: `Try \`${program} -h' or '${program} --help' for more information.\n`, exitCode: 255, exits: true };
}

/** The first option decides the command; anything else there is answered with the "Try" line. */
function firstCommand(tag: string): IpvsadmCommand | 'help' | 'version' | null {
  switch (tag) {
    case 'A': return 'add-service';
    case 'E': return 'edit-service';
    case 'D': return 'delete-service';
    case 'a': return 'add-server';
    case 'e': return 'edit-server';
    case 'd': return 'delete-server';
    case 'C': return 'flush';
    case 'L': case 'l': return 'list';
    case 'Z': return 'zero';
    case 'set': return 'set';
    case 'R': return 'restore';
    case 'S': return 'save';
    case 'start-daemon': return 'start-daemon';
    case 'stop-daemon': return 'stop-daemon';
    case 'h': return 'help';
    case 'v': return 'version';
    default: return null;
  }
}

/** parse_timeout: a missing value (optional `-p`) is the default 360. */
function parseTimeout(buf: string | null, min: number, max: number): number {
  if (buf === null) return DEFAULT_PERSISTENT_TIMEOUT;
  const n = stringToNumber(buf, min, max);
  if (n === -1) fail(`invalid timeout value \`${buf}' specified`);
  return n;
}

/** generic_opt_check (ipvsadm.c:1380): options in OPTIONS order, so the first offending one by index is named. */
function genericOptCheck(cmd: IpvsadmCommand, options: ReadonlySet<IpvsadmOption>): void {
  const row = COMMANDS_V_OPTIONS[cmd];
  let last: IpvsadmOption | null = null;
  OPTIONS.forEach((name, j) => {
    const rule = row[j];
    if (!options.has(name)) {
      if (rule === '+') fail(`You need to supply the '${name}' option for the '${cmd}' command`);
      return;
    }
    if (rule === 'x') fail(`Illegal '${name}' option with the '${cmd}' command`);
    if (rule === '1') {
      if (last === null) last = name;
      else fail(`The option '${name}' conflicts with the '${last}' option in the '${cmd}' command`);
    }
  });
}

/** tunnel_opt_check (ipvsadm.c:1411). */
function tunnelOptCheck(tunType: number, options: ReadonlySet<IpvsadmOption>): void {
  const type = TUNNEL_TYPES[tunType]!;
  const row = TUNNEL_TYPES_V_OPTIONS[type];
  let last: IpvsadmOption | null = null;
  TUNNEL_OPTIONS.forEach((name, j) => {
    const rule = row[j];
    if (!options.has(name)) {
      if (rule === '+') fail(`You need to supply the '${name}' option for the '${type}' tunnel type`);
      return;
    }
    if (rule === 'x') fail(`Illegal '${name}' option with the '${type}' tunnel type`);
    if (rule === '1') {
      if (last === null) last = name;
      else fail(`The option '${name}' conflicts with the '${last}' option in the '${type}' tunnel type`);
    }
  });
}

interface MutableService extends ParsedEndpoint {
  protocol: number;
  fwmark: number;
  scheduler: string;
  flags: number;
  timeout: number;
  pe: string;
}

/**
 * Parses one ipvsadm command line (`argv` without the program name) the way ipvsadm 1.31 does.
 * `program` is argv[0] as typed; `hosts` the node's /etc/hosts for host names.
 */
export function parseIpvsadm(argv: readonly string[], program = 'ipvsadm', hosts: string = DEFAULT_HOSTS): IpvsadmOp | IpvsadmUsageError {
  // main(): no argument at all lists the table (list_all(FMT_NONE)).
  if (argv.length === 0) return { kind: 'list', program, target: 'all', format: listFormat(new Set(), false), service: emptyService() };
  try {
    return parseOptions(argv, program, hosts);
  } catch (e) {
    if (e instanceof Exit) return e.error;
    throw e;
  }
}

function emptyService(): MutableService {
  return { af: 0, protocol: 0, address: 0, port: 0, netmask: 0xffffffff, fwmark: 0, scheduler: '', flags: 0, timeout: 0, pe: '' };
}

function listFormat(f: ReadonlySet<string>, rule: boolean): ListFormat {
  return {
    numeric: f.has('numeric'), stats: f.has('stats'), rate: f.has('rate'), thresholds: f.has('thresholds'),
    persistentConn: f.has('persistent-conn'), noSort: f.has('nosort'), exact: f.has('exact'), tunInfo: f.has('tun-info'), rule,
  };
}

function parseOptions(argv: readonly string[], program: string, hosts: string): IpvsadmOp | IpvsadmUsageError {
  const ctx = new PoptContext([program, ...argv], POPT_TABLE);
  const first = ctx.getNextOpt();
  if (first.kind !== 'option') return tryHelp(program);
  const command = firstCommand(first.val);
  if (command === null) return tryHelp(program);
  if (command === 'help') return { kind: 'help', program };
  if (command === 'version') return { kind: 'version', program };
  const cmd: IpvsadmCommand = command;

  const svc = emptyService();
  const dest = { af: 0 as AddressFamily, address: 0, address6: undefined as string | undefined, port: 0, fwd: CONN_F_DROUTE as ConnFwd, weight: 1, upperThreshold: 0, lowerThreshold: 0, tunType: 0, tunPort: 0, tunFlags: 0 };
  const daemon = { state: 'master' as 'master' | 'backup', mcastInterface: '', syncId: 0 };
  if (cmd === 'start-daemon' || cmd === 'stop-daemon') {
    if (first.arg === 'master' || first.arg === 'backup') daemon.state = first.arg;
    else fail(cmd === 'start-daemon' ? 'illegal start-daemon parameter specified' : 'illegal start_daemon specified');
  }
  const options = new Set<IpvsadmOption>();
  const format = new Set<string>();
  let schedFlagsArg = '';
  const setOption = (name: IpvsadmOption): void => {
    if (options.has(name)) fail(`multiple '${name}' options specified`);
    options.add(name);
  };
  const optionNumber = (arg: string | null, min: number, max: number, message: string): number => {
    const n = stringToNumber(arg ?? '', min, max);
    if (n === -1) fail(message);
    return n;
  };

  let next = ctx.getNextOpt();
  for (; next.kind === 'option'; next = ctx.getNextOpt()) {
    const arg = next.arg;
    switch (next.val) {
      case 't': case 'u': case 'sctp-service': {
        setOption('service-address');
        svc.protocol = next.val === 't' ? IPPROTO_TCP : next.val === 'u' ? IPPROTO_UDP : IPPROTO_SCTP;
        if (!(parseService(arg, svc, svc.protocol, hosts) & SERVICE_ADDR)) fail('illegal virtual server address[:port] specified');
        break;
      }
      case 'f': {
        setOption('service-address');
        // "Set protocol to a sane values, even though it is not used"
        svc.af = 'inet';
        svc.protocol = IPPROTO_TCP;
        const mark = parseFwmark(arg ?? '');
        svc.fwmark = mark ?? fail(`invalid fwmark value \`${arg ?? ''}' specified`);
        break;
      }
      case 's':
        setOption('scheduler');
        // strncpy(sched_name, optarg, IP_VS_SCHEDNAME_MAXLEN - 1)
        svc.scheduler = (arg ?? '').slice(0, 15);
        break;
      case 'p':
        setOption('persistent');
        svc.flags |= SVC_F_PERSISTENT;
        svc.timeout = parseTimeout(arg, 1, MAX_TIMEOUT);
        break;
      case 'M':
        setOption('netmask');
        if (svc.af !== 'inet6') {
          const mask = parseNetmask(arg ?? '', hosts);
          svc.netmask = mask ?? fail('illegal virtual server persistent mask specified');
        } else {
          svc.netmask = atoi(arg ?? '');
          if (svc.netmask < 1 || svc.netmask > 128) fail('illegal ipv6 netmask specified');
        }
        break;
      case 'r': {
        setOption('real-server');
        const t: MutableService = { ...svc };
        const parse = parseService(arg, t, t.protocol, hosts);
        dest.af = t.af;
        dest.address = t.address;
        dest.address6 = t.address6;
        dest.port = t.port;
        if (!(parse & SERVICE_ADDR)) fail('illegal real server address[:port] specified');
        // "copy vport to dport if not specified"
        if (parse === SERVICE_ADDR) dest.port = svc.port;
        break;
      }
      case 'i': setOption('forwarding-method'); dest.fwd = CONN_F_TUNNEL; break;
      case 'g': setOption('forwarding-method'); dest.fwd = CONN_F_DROUTE; break;
      case 'm': setOption('forwarding-method'); dest.fwd = CONN_F_MASQ; break;
      case 'w': setOption('weight'); dest.weight = optionNumber(arg, 0, 65535, 'illegal weight specified'); break;
      case 'x': setOption('u-threshold'); dest.upperThreshold = optionNumber(arg, 0, INT_MAX, 'illegal u_threshold specified'); break;
      case 'y': setOption('l-threshold'); dest.lowerThreshold = optionNumber(arg, 0, INT_MAX, 'illegal l_threshold specified'); break;
      case 'c': setOption('connection'); break;
      case 'n': setOption('numeric'); format.add('numeric'); break;
      case 'mcast-interface': setOption('mcast-interface'); daemon.mcastInterface = (arg ?? '').slice(0, 15); break;
      case 'I': setOption('syncid'); daemon.syncId = optionNumber(arg, 0, 255, 'illegal syncid specified'); break;
      case 'timeout': setOption('timeout'); break;
      case 'daemon': setOption('daemon'); break;
      case 'stats': case 'rate': case 'thresholds': case 'persistent-conn': case 'nosort': case 'tun-info':
        setOption(next.val);
        format.add(next.val);
        break;
      case 'sort':
        // "Sort is the default, this is a no-op for compatibility"
        break;
      case 'X': setOption('exact'); format.add('exact'); break;
      case '6':
        if (svc.fwmark) {
          svc.af = 'inet6';
          svc.netmask = 128;
        } else {
          fail('-6 used before -f\n');
        }
        break;
      case 'o': setOption('ops'); svc.flags |= SVC_F_ONEPACKET; break;
      case 'pe': setOption('pe'); svc.pe = (arg ?? '').slice(0, 16); break;
      case 'b': setOption('sched-flags'); schedFlagsArg = (arg ?? '').slice(0, 127); break;
      case 'mcast-group': {
        setOption('mcast-group');
        const a = arg ?? '';
        if (a.includes(':')) {
          // IN6_IS_ADDR_MULTICAST: the first byte is 0xff.
          const firstGroup = a.startsWith('::') ? 0 : parseInt(a.split(':')[0]!, 16);
          if (!isIpv6Text(a) || firstGroup < 0xff00) fail(`invalid IPv6 mcast-group \`${a}'`);
        } else {
          const g = /^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}$/.test(a) ? inetAton(a) : null;
          if (g === null || g >>> 28 !== 0xe) fail(`invalid IPv4 mcast-group \`${a}'`);
        }
        break;
      }
      case 'mcast-port': setOption('mcast-port'); optionNumber(arg, 1, 65535, 'illegal mcast-port specified'); break;
      case 'mcast-ttl': setOption('mcast-ttl'); optionNumber(arg, 1, 255, 'illegal mcast-ttl specified'); break;
      case 'sync-maxlen': setOption('sync-maxlen'); optionNumber(arg, 1, 65535 - 20 - 8, 'illegal sync-maxlen specified'); break;
      case 'tun-type': {
        setOption('tun-type');
        const type = TUNNEL_TYPES.indexOf(arg as (typeof TUNNEL_TYPES)[number]);
        if (type < 0) fail('illegal tunnel type specified');
        dest.tunType = type;
        break;
      }
      case 'tun-port': setOption('tun-port'); dest.tunPort = optionNumber(arg, 1, 65535, 'illegal tunnel port specified'); break;
      case 'tun-nocsum': setOption('tun-nocsum'); break;
      case 'tun-csum': setOption('tun-csum'); dest.tunFlags |= 1; break;
      case 'tun-remcsum': setOption('tun-remcsum'); dest.tunFlags |= 2; break;
      default:
        // A second command, -h, -v …: only the first option may be a command.
        fail(`invalid option \`${ctx.badOption()}'`);
    }
  }
  if (next.kind === 'error') {
    // process_options returns -1: the caller exits 255, but -R goes on with its next line.
    return { kind: 'usage-error', stderr: `${ctx.badOption()}: ${poptStrerror(next.error)}\n`, exitCode: 255, exits: false };
  }

  let timeouts = { tcp: 0, tcpfin: 0, udp: 0 };
  if (cmd === 'set') {
    const a = ctx.getArg();
    const b = a !== null ? ctx.getArg() : null;
    const c = b !== null ? ctx.getArg() : null;
    if (a === null || b === null || c === null) fail('--set option requires 3 timeout values');
    timeouts = { tcp: parseTimeout(a, 0, MAX_TIMEOUT), tcpfin: parseTimeout(b, 0, MAX_TIMEOUT), udp: parseTimeout(c, 0, MAX_TIMEOUT) };
  }
  const extra = ctx.getArg();
  if (extra !== null) fail(`unexpected argument ${extra}`);
  if (schedFlagsArg !== '') {
    const flags = parseSchedFlags(svc.scheduler, schedFlagsArg);
    if (flags.kind === 'no-flag') return { kind: 'crash', program };
    if (flags.kind === 'fail') fail(flags.message);
    else svc.flags = (svc.flags & ~SVC_F_SCHED_MASK) | flags.bits;
  }

  // process_options (ipvsadm.c:992)
  genericOptCheck(cmd, options);
  if (cmd === 'add-service' || cmd === 'edit-service') {
    if (!svc.fwmark && !svc.port && !(svc.flags & SVC_F_PERSISTENT)) fail('Zero port specified for non-persistent service');
    if (svc.flags & SVC_F_ONEPACKET && !svc.fwmark && svc.protocol !== IPPROTO_UDP) fail('One-Packet Scheduling is only for UDP virtual services');
    if (svc.scheduler === '') svc.scheduler = 'wlc';
  }
  if (cmd === 'start-daemon' && daemon.mcastInterface === '') daemon.mcastInterface = 'eth0';
  if (cmd === 'add-server' || cmd === 'edit-server') {
    // "The destination port must be equal to the service port if the IP_VS_CONN_F_TUNNEL or
    // IP_VS_CONN_F_DROUTE is set. Don't worry about this if fwmark is used."
    if (!svc.fwmark && (dest.fwd === CONN_F_TUNNEL || dest.fwd === CONN_F_DROUTE)) dest.port = svc.port;
    if (dest.af !== svc.af && dest.fwd !== CONN_F_TUNNEL) fail('Different address family is allowed only for tunneling servers');
    const tunnelOptions = ['tun-type', 'tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum'] as const;
    if (tunnelOptions.some((o) => options.has(o)) && dest.fwd !== CONN_F_TUNNEL) fail('Tunnel options conflict with forward method');
    tunnelOptCheck(dest.tunType, options);
  }

  const { address6: svcAddress6, ...svcRest } = svc;
  const service = { ...svcRest, ...(svcAddress6 !== undefined ? { address6: svcAddress6 } : {}) };
  const { address6: destAddress6, ...destRest } = dest;
  const destArgs = { ...destRest, ...(destAddress6 !== undefined ? { address6: destAddress6 } : {}) };
  switch (cmd) {
    case 'list': {
      const has = (o: IpvsadmOption): boolean => options.has(o);
      if (((has('connection') || has('timeout') || has('daemon')) && (has('stats') || has('rate') || has('thresholds')))
        || ((has('timeout') || has('daemon')) && has('persistent-conn'))) fail('options conflicts in the list command');
      const target = has('connection') ? 'connections' : has('service-address') ? 'service' : has('timeout') ? 'timeout' : has('daemon') ? 'daemon' : 'all';
      return { kind: 'list', program, target, format: listFormat(format, false), service };
    }
    case 'restore': return { kind: 'restore', program };
    case 'save': return { kind: 'save', program, format: listFormat(format, true) };
    case 'flush': return { kind: 'flush', program };
    case 'add-service': case 'edit-service': case 'delete-service': case 'zero':
      return { kind: cmd === 'zero' ? 'zero' : cmd, program, service };
    case 'add-server': case 'edit-server': case 'delete-server':
      return { kind: cmd, program, service, dest: destArgs };
    case 'set': return { kind: 'set-timeouts', program, ...timeouts };
    case 'start-daemon': case 'stop-daemon': return { kind: cmd, program, daemon };
  }
}
