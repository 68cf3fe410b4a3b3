import { inSubnet, parseCidr, parseIpv4Address, prefixMask, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { AddressScope, RouteConfig, RouteType } from '../../../sim/model/config.ts';
import { ifaddrRoutes, type IfaddrRoute } from '../../../sim/model/ifaddr.ts';
import type { LabNode } from '../../document.ts';
import { kernelAddresses } from './addresses.ts';

/** A route of the local or main table as the kernel holds it (one nexthop). */
export interface KernelRoute {
  readonly table: 'local' | 'main';
  readonly type: RouteType | 'local' | 'broadcast';
  readonly dst: Ipv4Address;
  readonly prefixLength: number;
  readonly dev: string | undefined;
  readonly gateway: Ipv4Address | undefined;
  readonly prefsrc: Ipv4Address | undefined;
  readonly metric: number;
  readonly scope: AddressScope;
  readonly proto: 'kernel' | 'boot';
  /** The document route it comes from (main-table user routes only). */
  readonly config?: RouteConfig;
}

/** The node's routing tables: local and main, each in lookup order. */
export interface RoutingTables {
  readonly local: readonly KernelRoute[];
  readonly main: readonly KernelRoute[];
}

const lookupOrder = (a: KernelRoute, b: KernelRoute): number => b.prefixLength - a.prefixLength || a.metric - b.metric;

function sorted(routes: KernelRoute[]): KernelRoute[] {
  return routes.map((r, i) => ({ r, i })).sort((x, y) => lookupOrder(x.r, y.r) || x.i - y.i).map((x) => x.r);
}

/** `ip route show` order: the trie walks keys upwards; longer prefixes of one key first, then metric. */
export function dumpOrder(routes: readonly KernelRoute[]): KernelRoute[] {
  return routes.map((r, i) => ({ r, i })).sort((x, y) => x.r.dst - y.r.dst || y.r.prefixLength - x.r.prefixLength || x.r.metric - y.r.metric || x.i - y.i).map((x) => x.r);
}

/** The first route of `routes` (in lookup order) covering `addr`, optionally only through `oif`. */
function find(routes: readonly KernelRoute[], addr: Ipv4Address, oif?: string): KernelRoute | undefined {
  return routes.find((r) => (oif === undefined || r.dev === undefined || r.dev === oif) && inSubnet(addr, r.dst, r.prefixLength));
}

/** fib_lookup over local then main. */
export function lookupRoute(t: RoutingTables, addr: Ipv4Address, oif?: string): KernelRoute | undefined {
  return find(t.local, addr, oif) ?? find(t.main, addr, oif);
}

/** The routes that follow from the addresses of up devices (`ifaddrRoutes`, fib_add_ifaddr), as the simulation builds them. */
function connectedRoutes(node: LabNode): { local: KernelRoute[]; main: KernelRoute[] } {
  const byDev = kernelAddresses(node);
  const { local, main } = ifaddrRoutes(node.interfaces.map((itf) => ({
    name: itf.name, up: itf.up, loopback: itf.kind === 'loopback', addresses: byDev.get(itf.name) ?? [],
  })));
  const kernelRoute = (r: IfaddrRoute): KernelRoute => ({ ...r, gateway: undefined, metric: 0, proto: 'kernel' });
  return { local: local.map(kernelRoute), main: main.map(kernelRoute) };
}

/** Why a user route cannot be installed now, in the kernel's extack words, or the route. */
export type ResolvedRoute = KernelRoute | { readonly error: 'Nexthop has invalid gateway' | 'Device for nexthop is not up' | 'No such device' | 'bad destination' };

/** The device part of a `dev` value: routes given `dev lo:0` go through lo. */
export const routeDevice = (dev: string): string => dev.split(':')[0]!;

/**
 * A user route as the kernel installs it (fib_check_nh): a gateway must be reachable through a
 * link-scope route (a connected route, or a local address), through the given device if any;
 * a device route needs the device up.
 */
export function resolveRoute(node: LabNode, tables: RoutingTables, rc: RouteConfig): ResolvedRoute {
  const cidr = rc.dst === 'default' ? { address: 0, prefixLength: 0 } : parseCidr(rc.dst);
  if (!cidr) return { error: 'bad destination' };
  const type = rc.type ?? 'unicast';
  const gateway = rc.via !== undefined ? parseIpv4Address(rc.via) ?? undefined : undefined;
  let dev = rc.dev !== undefined ? routeDevice(rc.dev) : undefined;
  if (dev !== undefined && !node.interfaces.some((i) => i.name === dev)) return { error: 'No such device' };
  if (type === 'unicast') {
    if (gateway !== undefined) {
      const linkScope = { local: tables.local, main: tables.main.filter((r) => r.scope !== 'global') };
      const via = lookupRoute(linkScope, gateway, dev);
      if (!via || (via.type !== 'unicast' && via.type !== 'local')) return { error: 'Nexthop has invalid gateway' };
      dev = via.dev;
    } else if (dev !== undefined && !node.interfaces.find((i) => i.name === dev)!.up) {
      return { error: 'Device for nexthop is not up' };
    }
  }
  const src = rc.src !== undefined ? parseIpv4Address(rc.src) ?? undefined : undefined;
  return {
    table: 'main', type, dst: (cidr.address & prefixMask(cidr.prefixLength)) >>> 0, prefixLength: cidr.prefixLength,
    dev, gateway, prefsrc: src, metric: rc.metric ?? 0,
    scope: rc.scope ?? (gateway !== undefined || type !== 'unicast' ? 'global' : 'link'),
    proto: 'boot', config: rc,
  };
}

/** The node's local and main tables now, as the simulation realises the document. */
export function routingTables(node: LabNode): RoutingTables {
  const { local, main } = connectedRoutes(node);
  const base = { local: sorted(local), main: sorted(main) };
  const user: KernelRoute[] = [];
  for (const rc of node.routes) {
    const r = resolveRoute(node, base, rc);
    if ('error' in r) continue;
    if (r.dev !== undefined && !node.interfaces.find((i) => i.name === r.dev)?.up) continue;
    user.push(r);
  }
  return { local: base.local, main: sorted([...main, ...user]) };
}
