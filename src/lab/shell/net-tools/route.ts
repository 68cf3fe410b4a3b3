import { formatIpv4Address, netmaskToPrefix, parseIpv4Address, prefixMask, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { RouteConfig } from '../../../sim/model/config.ts';
import type { LabNode } from '../../document.ts';
import { done, type Command } from '../command.ts';
import { kernelAddresses } from '../kernel/addresses.ts';
import { addRoute, deleteRoute, findInterface, withNode } from '../kernel/edit.ts';
import { dumpOrder, routingTables } from '../kernel/routes.ts';
import { Output } from '../output.ts';

/** net-tools 2.0 route: `route [-n]` and `route add|del [-net|-host] TARGET [netmask M] [gw G] [metric N] [[dev] IF]`. */

/** print_aflist(1) (lib/af.c): the address families with routing, as route's and netstat's usage list them. */
export const ROUTING_FAMILIES: readonly string[] = [
  '  List of possible address families (which support routing):',
  '    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) ',
  '    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) ',
  '    x25 (CCITT X.25) ',
];

const USAGE = [
  'Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables',
  '       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.',
  '',
  '       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.',
  '       route {-V|--version}                  Display version/author and exit.',
  '',
  '        -v, --verbose            be verbose',
  "        -n, --numeric            don't resolve names",
  '        -e, --extend             display other/more information',
  '        -F, --fib                display Forwarding Information Base (default)',
  '        -C, --cache              display routing cache instead of FIB',
  '',
  "  <AF>=Use '-A <af>' or '--<af>'; default: inet",
  ...ROUTING_FAMILIES,
  '',
].join('\n');

const INET_USAGE = [
  'Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]',
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]',
  '                              [netmask N] [mss Mss] [window W] [irtt I]',
  '                              [mod] [dyn] [reinstate] [[dev] If]',
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject',
  '       inet_route [-FC] flush      NOT supported',
  '',
].join('\n');

/** route as a typed operation. */
export type RouteToolOp =
  | { readonly kind: 'show' }
  | { readonly kind: 'add' | 'del'; readonly target: Ipv4Address; readonly prefixLength: number; readonly host: boolean; readonly gateway: Ipv4Address | undefined; readonly metric: number | undefined; readonly dev: string | undefined; readonly reject: boolean };

type Failure = { readonly stderr: string; readonly status: number };

/** Parses route's arguments (INET_setroute's order of checks). */
export function parseRouteTool(args: readonly string[]): RouteToolOp | Failure {
  const rest: string[] = [];
  for (const a of args) {
    if (a === '-n' || a === '-e' || a === '-ee' || a === '-v' || a === '-F' || a === '-N' || a === '-4' || a === '--numeric') continue;
    if (a === '-A' || a === '--inet') continue;
    if (a.startsWith('-') && a !== '-net' && a !== '-host') return { stderr: USAGE, status: 4 };
    rest.push(a);
  }
  const [action, ...more] = rest.filter((a) => a !== 'inet');
  if (action === undefined) return { kind: 'show' };
  if (action !== 'add' && action !== 'del' && action !== 'delete') return { stderr: USAGE, status: 4 };
  let xflag: 'net' | 'host' | undefined;
  let i = 0;
  if (more[0] === '-net' || more[0] === '-host') {
    xflag = more[0] === '-net' ? 'net' : 'host';
    i = 1;
  }
  const targetText = more[i++];
  if (targetText === undefined) return { stderr: INET_USAGE, status: 4 };
  const [given, len] = targetText.split('/');
  const t = given === 'default' ? '0.0.0.0' : given;
  const target = parseIpv4Address(t ?? '');
  if (target === null) return { stderr: `${targetText}: Unknown host\n`, status: 1 };
  let mask: Ipv4Address | undefined = len !== undefined ? prefixMask(Number(len)) : targetText.startsWith('default') ? 0 : undefined;
  if (len !== undefined && !(/^\d+$/.test(len) && Number(len) <= 32)) return { stderr: INET_USAGE, status: 4 };
  // INET_resolve: a dotted quad names a host unless -net is given; "default" names the network 0/0.
  const isNet = xflag === 'net' || (xflag === undefined && targetText === 'default');
  let gateway: Ipv4Address | undefined;
  let metric: number | undefined;
  let dev: string | undefined;
  let reject = false;
  while (i < more.length) {
    const a = more[i++]!;
    if (a === 'metric') {
      const v = more[i++];
      if (v === undefined || !/^\d/.test(v)) return { stderr: INET_USAGE, status: 4 };
      metric = parseInt(v, 10);
    } else if (a === 'netmask') {
      const v = more[i++];
      if (v === undefined || mask !== undefined) return { stderr: INET_USAGE, status: 4 };
      const m = parseIpv4Address(v);
      if (m === null) return { stderr: `${v}: Unknown host\n`, status: 6 };
      mask = m;
    } else if (a === 'gw' || a === 'gateway') {
      const v = more[i++];
      if (v === undefined || gateway !== undefined) return { stderr: INET_USAGE, status: 4 };
      const g = parseIpv4Address(v);
      if (g === null) return { stderr: `${v}: Unknown host\n`, status: 6 };
      gateway = g;
    } else if (a === 'reject') reject = true;
    else if (a === 'dev' || a === 'device') {
      const v = more[i++];
      if (v === undefined || dev !== undefined) return { stderr: INET_USAGE, status: 4 };
      dev = v;
    } else if (['mss', 'mtu', 'window', 'irtt'].includes(a)) {
      return { stderr: `lab: route ${a} is not simulated\n`, status: 1 };
    } else if (['mod', 'dyn', 'reinstate'].includes(a)) {
      continue;
    } else {
      // "If dev If is the last option on the command line, the word dev may be omitted."
      if (dev !== undefined || i < more.length) return { stderr: INET_USAGE, status: 4 };
      dev = a;
    }
  }
  const host = !isNet;
  if (mask !== undefined) {
    const inv = ~mask >>> 0;
    if (host && inv !== 0) return { stderr: `route: netmask ${inv.toString(16).padStart(8, '0')} doesn't make sense with host route\n${USAGE}`, status: 4 };
    const prefix = netmaskToPrefix(mask);
    if (prefix === null) return { stderr: `route: bogus netmask ${formatIpv4Address(mask)}\n${USAGE}`, status: 4 };
    if ((target & ~mask) >>> 0 !== 0) return { stderr: `route: netmask doesn't match route address\n${USAGE}`, status: 4 };
  }
  // A -net route without a netmask has mask 0: the kernel refuses it unless the target is 0.0.0.0.
  const prefixLength = host ? 32 : mask !== undefined ? netmaskToPrefix(mask)! : 0;
  return { kind: action === 'add' ? 'add' : 'del', target, prefixLength, host, gateway, metric, dev, reject };
}

const FIB_COLUMNS = ['Flags Metric Ref    Use Iface', 'Flags   MSS Window  irtt Iface', 'Flags Metric Ref    Use Iface    MSS   Window irtt'];

/**
 * lib/inet_gr.c rprint_fib: the main table as /proc/net/route shows it. `ext` 1 is route's
 * format, 2 route -e's (and netstat -r's), 3 or more route -ee's; 0 prints the title alone.
 * fib_route_seq_show gives the MSS column as advmss + 40 (0 without advmss); window and irtt are 0.
 */
export function rprintFib(node: LabNode, ext: number): string {
  if (ext === 0) return 'Kernel IP routing table\n';
  const lines = ['Kernel IP routing table', `Destination     Gateway         Genmask         ${FIB_COLUMNS[Math.min(ext, 3) - 1]!}`];
  for (const r of dumpOrder(routingTables(node).main)) {
    let flags = 'U';
    if (r.type === 'unreachable' || r.type === 'prohibit') flags = '!';
    if (r.gateway !== undefined) flags += 'G';
    if (r.prefixLength === 32) flags += 'H';
    const dst = formatIpv4Address(r.dst).padEnd(15);
    const mask = formatIpv4Address(prefixMask(r.prefixLength)).padEnd(15);
    const gw = formatIpv4Address(r.gateway ?? 0).padEnd(15);
    const metric = String(r.metric).padEnd(6);
    const mss = String(r.config?.advmss ? r.config.advmss + 40 : 0);
    const iface = r.dev ?? '*';
    const reject = flags.startsWith('!');
    if (ext === 1) lines.push(reject ? `${dst} -               ${mask} ${flags.padEnd(5)} ${metric} -  ${'0'.padStart(7)} -` : `${dst} ${gw} ${mask} ${flags.padEnd(5)} ${metric} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${iface}`);
    else if (ext === 2) lines.push(reject ? `${dst} -               ${mask} ${flags.padEnd(5)}     - -          - -` : `${dst} ${gw} ${mask} ${flags.padEnd(5)} ${mss.padStart(5)} ${'0'.padEnd(5)} ${'0'.padStart(6)} ${iface}`);
    else lines.push(reject ? `${dst} -               ${mask} ${flags.padEnd(5)} ${metric} -  ${'0'.padStart(7)} -        -     -      -` : `${dst} ${gw} ${mask} ${flags.padEnd(5)} ${metric} ${'0'.padEnd(3)} ${'0'.padStart(6)} ${iface.slice(0, 6).padEnd(6)}   ${mss.padEnd(5)} ${'0'.padEnd(6)} 0`);
  }
  return `${lines.join('\n')}\n`;
}

/** route (net-tools 2.0). */
export const route: Command = (io) => {
  const op = parseRouteTool(io.argv.slice(1));
  const out = new Output();
  if ('stderr' in op) return done(out.err(op.stderr), op.status);
  if (op.kind === 'show') return done(out.out(rprintFib(io.node, 1)), 0);
  const node = io.node;
  const ioctl = op.kind === 'add' ? 'SIOCADDRT' : 'SIOCDELRT';
  let dev = op.dev;
  let src: string | undefined;
  if (dev !== undefined) {
    // rtentry_to_fib_config: `dev lo:0` routes through lo with the alias's address as source.
    const [base, alias] = dev.split(':');
    if (!findInterface(node, base!)) return done(out.err(`${ioctl}: No such device\n`), 7);
    if (alias !== undefined) {
      const a = (kernelAddresses(node).get(base!) ?? []).find((x) => x.label === dev);
      if (!a) return done(out.err(`${ioctl}: No such device\n`), 7);
      src = formatIpv4Address(a.address);
    }
    dev = base;
  }
  if ((op.target & ~prefixMask(op.prefixLength)) >>> 0 !== 0) return done(out.err(`${ioctl}: Invalid argument\n`), 7);
  const dst = op.prefixLength === 0 ? 'default' : `${formatIpv4Address(op.target)}/${op.prefixLength}`;
  if (op.kind === 'del') {
    const r = deleteRoute(node, { dst, ...(op.gateway !== undefined ? { via: formatIpv4Address(op.gateway) } : {}), ...(dev !== undefined ? { dev } : {}), ...(op.metric !== undefined ? { metric: op.metric } : {}) });
    if (r === 'ESRCH') return done(out.err('SIOCDELRT: No such process\n'), 7);
    return done(out, 0, withNode(io.doc, r));
  }
  const rc: RouteConfig = {
    dst,
    ...(op.gateway !== undefined ? { via: formatIpv4Address(op.gateway) } : {}),
    ...(dev !== undefined ? { dev } : {}),
    ...(src !== undefined ? { src } : {}),
    ...(op.metric ? { metric: op.metric } : {}),
    ...(op.reject ? { type: 'unreachable' as const, scope: 'host' as const } : {}),
  };
  if (!op.reject && op.gateway === undefined && dev === undefined) return done(out.err('SIOCADDRT: No such device\n'), 7);
  // rtentry_to_fib_config: NLM_F_CREATE without NLM_F_EXCL, so a new route with another gateway
  // goes before the existing ones of its destination and metric (only an identical one exists).
  const r = addRoute(node, rc, 'prepend');
  if (r === 'EEXIST') return done(out.err('SIOCADDRT: File exists\n'), 7);
  if (r === 'Nexthop has invalid gateway') return done(out.err('SIOCADDRT: Network is unreachable\n'), 7);
  if (r === 'Device for nexthop is not up') return done(out.err('SIOCADDRT: Network is down\n'), 7);
  if (typeof r === 'string') return done(out.err('SIOCADDRT: No such device\n'), 7);
  return done(out, 0, withNode(io.doc, r));
};
