import { formatIpv4Address, prefixMask, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { AddressScope, RouteConfig, RouteType } from '../../../sim/model/config.ts';
import type { CachedRouteView, RouteGetErrno, RouteGetQuery } from '../../../sim/model/route-get.ts';
import type { ShellRuntime } from '../types.ts';
import type { LabDocument, LabNode } from '../../document.ts';
import { lowerUp } from '../kernel/devices.ts';
import { addRoute, deleteRoute, findInterface, withNode } from '../kernel/edit.ts';
import { dumpOrder, routingTables, type KernelRoute } from '../kernel/routes.ts';
import { duparg, duparg2, extack, incomplete, invarg, isIpError, matches, nodev, parseAddress, parsePrefix, parseScope, rtnetlink, type IpError } from './args.ts';

/** `ip route` as typed operations (iproute2 6.1 iproute.c). */
export type RouteOp =
  | { readonly kind: 'show'; readonly table: 'main' | 'local' | 'all'; readonly dev: string | undefined; readonly cloned: boolean }
  | { readonly kind: 'get'; readonly query: RouteGetQuery }
  | { readonly kind: 'flush-cache' }
  | { readonly kind: 'add' | 'replace' | 'prepend' | 'append' | 'del'; readonly route: RouteConfig; readonly given: { via: boolean; dev: boolean; metric: boolean; type: boolean }; readonly hostBits: boolean };

const TYPES: readonly string[] = ['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast'];
const SIMULATED_TYPES: readonly RouteType[] = ['unicast', 'blackhole', 'unreachable', 'prohibit'];

/** Parses `ip route …` arguments (after the object word). */
export function parseRoute(args: readonly string[]): RouteOp | IpError {
  const [cmd, ...rest] = args;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || cmd === 'lst') return parseShow(rest);
  // do_iproute's order and netlink flags: add EXCL, change/replace REPLACE, prepend none, append APPEND.
  const kind = matches(cmd, 'add') ? 'add'
    : matches(cmd, 'change') || cmd === 'chg' || matches(cmd, 'replace') ? 'replace'
      : matches(cmd, 'prepend') ? 'prepend'
        : matches(cmd, 'append') ? 'append'
          : matches(cmd, 'delete') || cmd === 'del' ? 'del' : undefined;
  if (kind !== undefined) return parseModify(kind, rest);
  if (matches(cmd, 'get')) return parseGet(rest);
  if (matches(cmd, 'flush')) {
    if (rest.length === 1 && (matches(rest[0]!, 'cached') || matches(rest[0]!, 'cloned'))) return { kind: 'flush-cache' };
    return { message: `lab: only "ip route flush cache" is simulated; ip route del removes routes one by one\n`, status: 1 };
  }
  if (matches(cmd, 'save') || matches(cmd, 'restore')) {
    return { message: `lab: "ip route ${cmd}" is not simulated; ip route show lists the tables\n`, status: 1 };
  }
  return { message: `Command "${cmd}" is unknown, try "ip route help".\n`, status: 255 };
}

function parseShow(args: readonly string[]): RouteOp | IpError {
  let table: 'main' | 'local' | 'all' = 'main';
  let dev: string | undefined;
  let cloned = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1];
    if (matches(a, 'cached') || matches(a, 'cloned')) {
      cloned = true;
    } else if (a === 'table') {
      if (v === undefined) return incomplete;
      if (v !== 'main' && v !== 'local' && v !== 'all' && v !== '254' && v !== '255' && v !== '0') return invarg('table id value is invalid\n', v);
      table = v === '254' ? 'main' : v === '255' ? 'local' : v === '0' ? 'all' : v;
      i++;
    } else if (a === 'dev' || a === 'oif') {
      if (v === undefined) return incomplete;
      dev = v;
      i++;
    } else return { message: `lab: "ip route show ${a}" selectors other than table, dev and cache are not simulated\n`, status: 1 };
  }
  return { kind: 'show', table, dev, cloned };
}

/**
 * iproute_get: `ip route get [to] ADDRESS [from ADDRESS] [iif DEV] [oif DEV]`. Keywords are
 * matched in iproute2's order (so `f` is from, `i` is iif); any other word is the destination.
 */
function parseGet(args: readonly string[]): RouteOp | IpError {
  let dst: string | undefined;
  let from: string | undefined;
  let iif: string | undefined;
  let oif: string | undefined;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = (): string | IpError => args[++i] ?? incomplete;
    if (matches(a, 'from')) {
      const v = next();
      if (isIpError(v)) return v;
      const p = parsePrefix(v, false);
      if (isIpError(p)) return p;
      if (p.prefixLength !== 32) return extack('ipv4: Invalid values in header for route get request');
      from = formatIpv4Address(p.address);
    } else if (matches(a, 'iif')) {
      const v = next();
      if (isIpError(v)) return v;
      iif = v;
    } else if (matches(a, 'oif') || a === 'dev') {
      const v = next();
      if (isIpError(v)) return v;
      oif = v;
    } else if (a === 'tos' || matches(a, 'dsfield') || matches(a, 'mark') || matches(a, 'vrf') || matches(a, 'uid') || matches(a, 'sport')
      || matches(a, 'dport') || matches(a, 'ipproto') || a === 'as') {
      return { message: `lab: "ip route get … ${a}" is not simulated; the lookup takes from, iif and oif\n`, status: 1 };
    } else if (matches(a, 'connected') || matches(a, 'fibmatch') || matches(a, 'notify')) {
      return { message: `lab: "ip route get ${a}" is not simulated\n`, status: 1 };
    } else {
      if (a === 'to') {
        const v = next();
        if (isIpError(v)) return v;
        a = v;
      }
      const p = parsePrefix(a, false);
      if (isIpError(p)) return p;
      // inet_rtm_getroute_valid_req: a route get asks for one address.
      if (p.prefixLength !== 32) return extack('ipv4: Invalid values in header for route get request');
      dst = formatIpv4Address(p.address);
    }
  }
  if (dst === undefined) return { message: 'need at least a destination address\n', status: 255 };
  return { kind: 'get', query: { dst, ...(from !== undefined ? { from } : {}), ...(iif !== undefined ? { iif } : {}), ...(oif !== undefined ? { oif } : {}) } };
}

/** strerror() of the errors a route lookup returns. */
const STRERROR: Record<RouteGetErrno, string> = {
  EINVAL: 'Invalid argument',
  EXDEV: 'Invalid cross-device link',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EACCES: 'Permission denied',
  ENODEV: 'No such device',
};

/**
 * A cloned route as print_route shows it: the route line, then `    cache` with the RTCF flags
 * in angle brackets, the time to expiry and the input device (print_cache_flags,
 * print_rta_cacheinfo). Every field is followed by a space, as iproute2 prints them.
 */
export function cachedRouteLines(r: CachedRouteView): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.dst);
  if (r.from !== undefined) parts.push('from', r.from);
  if (r.gateway !== undefined) parts.push('via', r.gateway);
  parts.push('dev', r.dev);
  if (r.table !== 'main') parts.push('table', r.table);
  if (r.prefsrc !== undefined) parts.push('src', r.prefsrc);
  if (r.uid !== undefined) parts.push('uid', String(r.uid));
  const cache = ['    cache'];
  if (r.flags.length > 0) cache.push(`<${r.flags.join(',')}>`);
  if (r.expiresSec !== undefined) cache.push(`expires ${r.expiresSec}sec`);
  // print_rta_metrics, in RTAX order: "mtu", "lock" when RTAX_LOCK has the MTU bit, the value; "advmss".
  if (r.mtu !== undefined) cache.push(r.mtuLocked ? `mtu lock ${r.mtu}` : `mtu ${r.mtu}`);
  if (r.advmss !== undefined) cache.push(`advmss ${r.advmss}`);
  if (r.iif !== undefined) cache.push('iif', r.iif);
  return `${parts.join(' ')} \n${cache.join(' ')} \n`;
}

/** `ip route get` asks the running kernel. */
function runGet(query: RouteGetQuery, node: LabNode, runtime: ShellRuntime | undefined): { stdout: string } | IpError {
  for (const dev of [query.iif, query.oif]) if (dev !== undefined && !findInterface(node, dev)) return nodev(dev);
  const r = runtime?.routeGet(node.id, query);
  if (r === undefined) return { message: 'lab: ip route get asks the running simulation, and none is running\n', status: 1 };
  if (!r.ok) return rtnetlink(STRERROR[r.errno]);
  return { stdout: cachedRouteLines(r.route) };
}

function parseModify(kind: 'add' | 'replace' | 'prepend' | 'append' | 'del', args: readonly string[]): RouteOp | IpError {
  let dst: { address: Ipv4Address; prefixLength: number; isDefault: boolean } | undefined;
  let type: RouteType | undefined;
  let via: Ipv4Address | undefined;
  let dev: string | undefined;
  let src: Ipv4Address | undefined;
  let metric: number | undefined;
  let scope: AddressScope | undefined;
  let mtu: number | undefined;
  let mtuLock = false;
  let advmss: number | undefined;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = (): string | IpError => args[++i] ?? incomplete;
    if (a === 'via') {
      const v = next();
      if (isIpError(v)) return v;
      if (via !== undefined) return duparg('via', v);
      const g = parseAddress(v, dst ? 'inet' : 'any valid');
      if (isIpError(g)) return g;
      via = g;
    } else if (a === 'dev' || a === 'oif') {
      const v = next();
      if (isIpError(v)) return v;
      if (dev !== undefined) return duparg('dev', v);
      dev = v;
    } else if (a === 'src') {
      const v = next();
      if (isIpError(v)) return v;
      const s = parseAddress(v, dst ? 'inet' : 'any valid');
      if (isIpError(s)) return s;
      src = s;
    } else if (a === 'metric' || a === 'priority' || a === 'preference') {
      const v = next();
      if (isIpError(v)) return v;
      if (metric !== undefined) return duparg('metric', v);
      if (!/^\d+$/.test(v) || Number(v) > 4294967295) return invarg('"metric" value is invalid\n', v);
      metric = Number(v);
    } else if (a === 'mtu' || a === 'advmss') {
      // iproute2: `mtu [ lock ] NUMBER`, `advmss NUMBER` (RTAX_MTU, RTAX_ADVMSS).
      let v = next();
      if (isIpError(v)) return v;
      const lock = v === 'lock';
      if (lock) {
        if (a === 'advmss') return { message: 'lab: a locked advmss is not simulated (it changes nothing)\n', status: 1 };
        v = next();
        if (isIpError(v)) return v;
      }
      // get_unsigned; a metric given twice reaches the kernel twice and the last one counts.
      if (!/^\d+$/.test(v) || Number(v) > 4294967295) return invarg(`"${a === 'mtu' ? 'mtu' : 'mss'}" value is invalid\n`, v);
      if (a === 'mtu') {
        mtu = Number(v);
        mtuLock = lock;
      } else {
        advmss = Number(v);
      }
    } else if (a === 'scope') {
      const v = next();
      if (isIpError(v)) return v;
      const s = parseScope(v);
      if (s === null) return invarg('invalid "scope" value\n', v);
      scope = s;
    } else if (a === 'table') {
      const v = next();
      if (isIpError(v)) return v;
      if (v !== 'main' && v !== '254') return { message: 'lab: only the main routing table is simulated\n', status: 1 };
    } else if (a === 'proto' || a === 'protocol') {
      const v = next();
      if (isIpError(v)) return v;
      if (v !== 'boot' && v !== 'static') return { message: 'lab: only proto boot and static are simulated\n', status: 1 };
    } else if (TYPES.includes(a) && dst === undefined && type === undefined) {
      if (!(SIMULATED_TYPES as readonly string[]).includes(a)) return { message: `lab: routes of type ${a} are not simulated\n`, status: 1 };
      type = a as RouteType;
    } else {
      if (a === 'to') {
        const v = next();
        if (isIpError(v)) return v;
        a = v;
      }
      if (dst !== undefined) return duparg2('to', a);
      const p = parsePrefix(a, true);
      if (isIpError(p)) return p;
      dst = p;
    }
  }
  if (dst === undefined) return { message: 'lab: ip route needs a destination prefix (or "default")\n', status: 1 };
  const network = (dst.address & prefixMask(dst.prefixLength)) >>> 0;
  const route: RouteConfig = {
    dst: dst.isDefault || dst.prefixLength === 0 ? 'default' : `${formatIpv4Address(network)}/${dst.prefixLength}`,
    ...(via !== undefined ? { via: formatIpv4Address(via) } : {}),
    ...(dev !== undefined ? { dev } : {}),
    ...(src !== undefined ? { src: formatIpv4Address(src) } : {}),
    ...(metric ? { metric } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(type !== undefined && type !== 'unicast' ? { type } : {}),
    ...(mtu !== undefined ? { mtu } : {}),
    ...(mtuLock ? { mtuLock } : {}),
    ...(advmss !== undefined ? { advmss } : {}),
  };
  return { kind, route, given: { via: via !== undefined, dev: dev !== undefined, metric: metric !== undefined, type: type !== undefined }, hostBits: network !== dst.address };
}

/** One `ip route show` line (print_route: every field followed by a space). */
export function routeLine(doc: LabDocument, node: LabNode, r: KernelRoute, showTable: boolean): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.prefixLength === 0 && r.dst === 0 ? 'default' : r.prefixLength === 32 ? formatIpv4Address(r.dst) : `${formatIpv4Address(r.dst)}/${r.prefixLength}`);
  if (r.gateway !== undefined) parts.push('via', formatIpv4Address(r.gateway));
  if (r.dev !== undefined) parts.push('dev', r.dev);
  if (showTable && r.table !== 'main') parts.push('table', r.table);
  if (r.proto !== 'boot') parts.push('proto', r.proto);
  if (r.scope !== 'global') parts.push('scope', r.scope);
  if (r.prefsrc !== undefined) parts.push('src', formatIpv4Address(r.prefsrc));
  if (r.metric) parts.push('metric', String(r.metric));
  // print_rta_metrics, in RTAX order (ip_metrics_convert clamped the values the kernel keeps).
  const c = r.config;
  if (c?.mtu !== undefined && c.mtu !== 0) parts.push('mtu', ...(c.mtuLock ? ['lock'] : []), String(Math.min(c.mtu, 65_520)));
  if (c?.advmss !== undefined && c.advmss !== 0) parts.push('advmss', String(Math.min(c.advmss, 65_495)));
  const itf = r.dev !== undefined ? findInterface(node, r.dev) : undefined;
  if (itf && itf.kind === 'ether' && !lowerUp(doc, node, itf)) parts.push('linkdown');
  return `${parts.join(' ')} \n`;
}

/** Runs an `ip route` operation. */
export function runRoute(op: RouteOp, doc: LabDocument, node: LabNode, runtime: ShellRuntime | undefined): { stdout: string; doc?: LabDocument } | IpError {
  if (op.kind === 'get') return runGet(op.query, node, runtime);
  if (op.kind === 'flush-cache') {
    runtime?.flushRouteCache(node.id);
    return { stdout: '' };
  }
  if (op.kind === 'show') {
    if (op.dev !== undefined && !findInterface(node, op.dev)) return nodev(op.dev);
    // `ip route show cache`: the cloned routes the running kernel holds.
    if (op.cloned) return { stdout: (runtime?.routeCache(node.id) ?? []).filter((r) => op.dev === undefined || r.dev === op.dev).map(cachedRouteLines).join('') };
    const t = routingTables(node);
    const routes = op.table === 'main' ? dumpOrder(t.main) : op.table === 'local' ? dumpOrder(t.local) : [...dumpOrder(t.main), ...dumpOrder(t.local)];
    return { stdout: routes.filter((r) => op.dev === undefined || r.dev === op.dev).map((r) => routeLine(doc, node, r, op.table === 'all')).join('') };
  }
  const rc = op.route;
  if (rc.dev !== undefined && !findInterface(node, rc.dev)) return nodev(rc.dev);
  if (op.kind === 'del') {
    const r = deleteRoute(node, {
      dst: rc.dst, ...(op.given.via ? { via: rc.via! } : {}), ...(op.given.dev ? { dev: rc.dev! } : {}),
      ...(op.given.metric ? { metric: rc.metric ?? 0 } : {}), ...(op.given.type ? { type: rc.type ?? 'unicast' } : {}),
    });
    if (r === 'ESRCH') {
      const connected = routingTables(node).main.some((k) => k.proto === 'kernel' && (rc.dst === 'default' ? k.prefixLength === 0 : `${formatIpv4Address(k.dst)}/${k.prefixLength}` === rc.dst));
      if (connected) return { message: 'lab: connected routes follow from the addresses here; delete the address to remove its route\n', status: 1 };
      return rtnetlink('No such process');
    }
    return { stdout: '', doc: withNode(doc, r) };
  }
  if (op.hostBits) return extack('Invalid prefix for given prefix length');
  if ((rc.type ?? 'unicast') === 'unicast' && rc.via === undefined && rc.dev === undefined) return rtnetlink('No such device');
  const r = addRoute(node, rc, op.kind);
  if (r === 'EEXIST') return rtnetlink('File exists');
  if (r === 'No such device') return rtnetlink('No such device');
  if (r === 'bad destination') return extack('Invalid prefix for given prefix length');
  if (typeof r === 'string') return extack(r);
  return { stdout: '', doc: withNode(doc, r) };
}
