import { inSubnet, prefixMask, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { RouteSnapshot } from '../model/snapshot.ts';
import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import { RT_SCOPE, scopeName } from './scope.ts';

export type RouteKind = RouteSnapshot['type'];

/** One route in the local or main table (struct fib_alias + fib_info, one nexthop). */
export interface FibRoute {
  readonly table: 'local' | 'main';
  readonly type: RouteKind;
  readonly dst: Ipv4Address;
  readonly prefixLength: number;
  readonly dev?: string;
  readonly gateway?: Ipv4Address;
  readonly prefsrc?: Ipv4Address;
  readonly metric: number;
  readonly scope: number;
  readonly proto: RouteSnapshot['proto'];
  /** The route's metrics (fib_metrics): RTAX_MTU (and its lock) and RTAX_ADVMSS; 0 when not set. */
  readonly metrics?: RouteMetrics;
}

/** A route's RTAX_MTU, whether it is locked, and RTAX_ADVMSS (ip_metrics_convert clamps them). */
export interface RouteMetrics {
  readonly mtu: number;
  readonly mtuLocked: boolean;
  readonly advmss: number;
}

/** The outcome of a lookup: the route and the next hop the neighbour layer resolves. */
export interface FibResult {
  readonly route: FibRoute;
  readonly type: RouteKind;
  readonly dev: string | undefined;
  readonly gateway: Ipv4Address | undefined;
}

const compareRoutes = (a: FibRoute, b: FibRoute): number =>
  b.prefixLength - a.prefixLength || a.metric - b.metric;

/**
 * The routing tables, consulted as the default policy rules do: `local` (priority 0), then
 * `main` (32766). Longest prefix wins, then the lowest metric, then the earlier route.
 */
export class Fib {
  private local: FibRoute[] = [];
  private main: FibRoute[] = [];
  /** What a lookup answers for each route, made once per route. */
  private localResults: FibResult[] = [];
  private mainResults: FibResult[] = [];
  private defaults: FibResult[] = [];
  private replaced = 0;

  /**
   * How many times the tables were replaced (the kernel's rt_genid): a route cached from an
   * earlier generation is stale.
   */
  get generation(): number {
    return this.replaced;
  }

  /** Replaces both tables (routes are rebuilt whenever addresses, links or routes change). */
  replace(local: FibRoute[], main: FibRoute[]): void {
    this.local = local.map((r, i) => ({ r: canonical(r), i })).sort((x, y) => compareRoutes(x.r, y.r) || x.i - y.i).map((x) => x.r);
    this.main = main.map((r, i) => ({ r: canonical(r), i })).sort((x, y) => compareRoutes(x.r, y.r) || x.i - y.i).map((x) => x.r);
    this.localResults = this.local.map(resultOf);
    this.mainResults = this.main.map(resultOf);
    this.defaults = this.mainResults.filter((r) => r.route.prefixLength === 0);
    this.replaced++;
  }

  /** fib_lookup: the best route to `daddr`, restricted to output device `oif` when given. */
  lookup(daddr: Ipv4Address, oif?: string): FibResult | null {
    return findIn(this.local, this.localResults, daddr, oif) ?? findIn(this.main, this.mainResults, daddr, oif) ?? null;
  }

  /**
   * The main table's default routes in the kernel's alias order (priority, then as added): more
   * than one makes a locally generated packet's route choose among them (fib_select_default).
   */
  mainDefaults(): readonly FibResult[] {
    return this.defaults;
  }

  /** Whether the main table has more than one default route (the kernel's tb_num_default > 1). */
  get severalDefaults(): boolean {
    return this.defaults.length > 1;
  }

  /** The routes of a table in `ip route show` order (insertion order is not kept; sorted by prefix). */
  routes(table: 'local' | 'main'): readonly FibRoute[] {
    return table === 'local' ? this.local : this.main;
  }

  /** Plain snapshots for listings. */
  snapshot(): RouteSnapshot[] {
    return [...this.main, ...this.local].map(toSnapshot);
  }
}

function findIn(routes: readonly FibRoute[], results: readonly FibResult[], daddr: Ipv4Address, oif: string | undefined): FibResult | undefined {
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i]!;
    if (oif !== undefined && r.dev !== undefined && r.dev !== oif) continue;
    if (inSubnet(daddr, r.dst, r.prefixLength)) return results[i];
  }
  return undefined;
}

/**
 * The route with every field present and in one order. Routes come from the addresses (spreads)
 * and from configuration with optional fields; one object shape keeps the lookups and the
 * per-packet reads of a route (its metrics, device, gateway) fast.
 */
const canonical = (r: FibRoute): FibRoute => ({
  table: r.table, type: r.type, dst: r.dst, prefixLength: r.prefixLength, dev: r.dev, gateway: r.gateway, prefsrc: r.prefsrc,
  metric: r.metric, scope: r.scope, proto: r.proto, metrics: r.metrics,
});

const resultOf = (r: FibRoute): FibResult => ({ route: r, type: r.type, dev: r.dev, gateway: r.gateway });

function toSnapshot(r: FibRoute): RouteSnapshot {
  return {
    table: r.table,
    type: r.type,
    dst: formatIpv4Address(r.dst),
    prefixLength: r.prefixLength,
    ...(r.gateway !== undefined ? { via: formatIpv4Address(r.gateway) } : {}),
    ...(r.dev !== undefined ? { dev: r.dev } : {}),
    ...(r.prefsrc !== undefined ? { src: formatIpv4Address(r.prefsrc) } : {}),
    metric: r.metric,
    scope: scopeName(r.scope),
    proto: r.proto,
    ...metricFields(r.metrics),
  };
}

/** A route's metrics as `ip route` shows them (rt_fill_info): an MTU or advmss of 0 is not set, and the lock only goes with an MTU. */
export function metricFields(m: RouteMetrics | undefined): { mtu?: number; mtuLocked?: true; advmss?: number } {
  if (m === undefined) return {};
  return {
    ...(m.mtu !== 0 ? { mtu: m.mtu } : {}),
    ...(m.mtu !== 0 && m.mtuLocked ? { mtuLocked: true as const } : {}),
    ...(m.advmss !== 0 ? { advmss: m.advmss } : {}),
  };
}

/** The network part of an address. */
export const networkOf = (a: Ipv4Address, prefixLength: number): Ipv4Address => (a & prefixMask(prefixLength)) >>> 0;

/** Scope of a user route when none is given: link for direct routes, universe via a gateway (iproute2). */
export const defaultRouteScope = (hasGateway: boolean, type: RouteKind): number =>
  type !== 'unicast' ? RT_SCOPE.UNIVERSE : hasGateway ? RT_SCOPE.UNIVERSE : RT_SCOPE.LINK;
