import {
  isLimitedBroadcast, isLoopbackIpv4, isMulticastIpv4, isZeronet, type Ipv4Address,
} from '../../wire/ipv4-address.ts';
import type { PmtuDiscMode } from '../model/config.ts';
import type { DropReason } from '../model/drop-reasons.ts';
import type { FibResult, FibRoute } from './fib.ts';
import type { LinuxHost } from './host.ts';
import { isValidState } from './neighbour.ts';
import type { NetDev } from './netdev.ts';
import type { SkBuff } from './skb.ts';
import { RT_SCOPE } from './scope.ts';

/** A routing decision attached to a packet (struct rtable). */
export interface RouteDecision {
  readonly kind: 'local' | 'forward' | 'output' | 'broadcast';
  /** The output device; loopback for local delivery. */
  readonly dev: NetDev;
  /** The gateway, if the route has one (rt_gw4). */
  readonly gateway: Ipv4Address | undefined;
  /** Preferred source for output routes. */
  readonly src: Ipv4Address;
  readonly route: FibRoute | undefined;
  /**
   * The nexthop exception the route was bound to (rt_bind_exception): its redirected gateway is
   * `gateway` above, its path MTU is the route's (rt_pmtu, see `routeMtu`).
   */
  readonly fnhe: NexthopException | undefined;
}

/**
 * ipv4_mtu (include/net/ip.h): a route's MTU is the path MTU its exception learned, while that
 * is in force, else the route's `mtu` metric, else the output device's MTU.
 */
export function routeMtu(rt: RouteDecision, now: number): number {
  return learnedPmtu(rt, now) || configuredMtu(rt);
}

/** The path MTU the route's exception holds while in force (rt_pmtu), 0 for none. */
function learnedPmtu(rt: RouteDecision, now: number): number {
  const e = rt.fnhe;
  return e !== undefined && now < e.expiresUs ? e.pmtu : 0;
}

/** The route's `mtu` metric, else its device's MTU. */
function configuredMtu(rt: RouteDecision): number {
  const metric = rt.route?.metrics?.mtu;
  return metric !== undefined && metric !== 0 ? metric : rt.dev.mtu;
}

/** dst_metric_advmss: the route's `advmss` metric, else ipv4_default_advmss — its MTU less 40, 256 to 65535 − 40. */
export function routeAdvmss(rt: RouteDecision, now: number): number {
  const advmss = rt.route?.metrics?.advmss;
  return advmss !== undefined && advmss !== 0 ? advmss : Math.min(Math.max(routeMtu(rt, now) - 40, MIN_ADVMSS), 65_495);
}

/** ip_rt_min_advmss: the smallest MSS a SYN announces. */
const MIN_ADVMSS = 256;

/** inet_create: a new socket's IP_MTU_DISCOVER — WANT, or DONT when ip_no_pmtu_disc is set. */
export const socketPmtuDisc = (ipNoPmtuDisc: number): PmtuDiscMode => (ipNoPmtuDisc !== 0 ? 'dont' : 'want');

/** ip_dont_fragment: DF always with DO and PROBE, with WANT unless the route's MTU is locked, never with DONT. */
export function ipDontFragment(mode: PmtuDiscMode, rt: RouteDecision, now: number): boolean {
  return mode === 'do' || mode === 'probe' || (mode === 'want' && !routeMtuLocked(rt, now));
}

/**
 * ip_dst_mtu_maybe_forward(dst, true): the MTU a forwarded packet meets — a learned path MTU only
 * with ip_forward_use_pmtu or when it is locked, else the route's `mtu` metric, else the device's.
 */
export function forwardMtu(rt: RouteDecision, now: number, usePmtu: boolean): number {
  const pmtu = learnedPmtu(rt, now);
  return pmtu !== 0 && (usePmtu || routeMtuLocked(rt, now)) ? pmtu : configuredMtu(rt);
}

/**
 * ip_mtu_locked: the route's path MTU was reported below min_pmtu (rt_mtu_locked), or its `mtu`
 * metric is locked (`mtu lock N`).
 */
export function routeMtuLocked(rt: RouteDecision, now: number): boolean {
  return (learnedPmtu(rt, now) !== 0 && rt.fnhe!.mtuLocked) || rt.route?.metrics?.mtuLocked === true;
}

/** Why an input route failed, with the kernel's drop reason. */
export interface RouteError {
  readonly error: 'EINVAL' | 'EXDEV' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'EACCES';
  readonly reason: Extract<DropReason, 'IP_INVALID_SOURCE' | 'IP_LOCAL_SOURCE' | 'IP_RPFILTER' | 'IP_INVALID_DEST' | 'IP_INADDRERRORS' | 'IP_INNOROUTES' | 'IP_OUTNOROUTES'>;
  readonly detail: string;
}

export const isRouteError = <T extends object>(r: T | RouteError): r is RouteError => 'error' in r;

/** Where a routing decision found its route, for the trace. */
export function describeRoute(r: FibRoute | undefined): string {
  if (!r) return 'none';
  const dst = r.prefixLength === 0 ? 'default' : `${fmt(r.dst)}/${r.prefixLength}`;
  return `${r.table === 'local' ? 'local ' : r.type !== 'unicast' ? `${r.type} ` : ''}${dst}${r.gateway !== undefined ? ` via ${fmt(r.gateway)}` : ''}${r.dev ? ` dev ${r.dev}` : ''}`;
}

const fmt = (a: number): string => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;

/**
 * What one destination learned on the nexthop of its route (struct fib_nh_exception): a gateway
 * from an ICMP redirect, a path MTU from "fragmentation needed", or both. It belongs to the
 * nexthop it was learned on (the FIB route's gateway and device) and lasts until `expiresUs`:
 * ip_rt_gc_timeout (300 s) after a redirect, ip_rt_mtu_expires (600 s) after a path MTU;
 * find_exception drops it once expired. Updated in place, as update_or_create_fnhe does, so the
 * routes bound to it see the new values (fill_route_from_fnhe).
 */
export interface NexthopException {
  readonly daddr: Ipv4Address;
  /** fnhe_gw: the gateway a redirect named, if one did. */
  gateway: Ipv4Address | undefined;
  /** fnhe_pmtu: the path MTU learned, 0 for none. */
  pmtu: number;
  /** fnhe_mtu_locked: the MTU reported was below min_pmtu, so min_pmtu was taken and locked. */
  mtuLocked: boolean;
  /** The nexthop it hangs on. */
  readonly nhGateway: Ipv4Address | undefined;
  readonly nhDev: string;
  expiresUs: number;
}

/** ip_rt_gc_timeout (RT_GC_TIMEOUT, 300 s): how long a redirected next hop is kept. */
export const RT_GC_TIMEOUT_US = 300_000_000;

/** What the route cache holds for one destination. */
interface DstEntry {
  /** fib_lookup without an output device. */
  readonly res: FibResult | null;
  /** The redirected next hop for this destination on that route's nexthop, if any. */
  readonly fnhe: NexthopException | undefined;
  /** The input decision for packets to this destination, once one was made. */
  input: RouteDecision | undefined;
  /** The output decision without an output device for any source (saddr 0). */
  outputAny: RouteDecision | undefined;
  /** The last output decision without an output device for a given source, and that source. */
  output: RouteDecision | undefined;
  outputSaddr: Ipv4Address;
}

/**
 * Routing for one host: input decisions with source validation, and output decisions. Lookups
 * without an output device are cached per destination, and every packet to that destination
 * shares one input decision and one output decision, as the kernel shares the rtables it caches
 * on the nexthop (nh_rth_input, nh_pcpu_rth_output). Source validation still runs for every
 * packet. The cache holds while the tables, the addresses and the sysctls stay as they were.
 */
export class Router {
  private readonly dsts = new Map<number, DstEntry>();
  private dstsOf = { fib: -1, addrs: -1, sysctl: -1 };
  /** The entry used last and its destination: a host's packets mostly go to one address in a row. */
  private lastDaddr = -1;
  private lastDst: DstEntry | undefined;
  /** Redirected next hops by destination (the nexthops' exception tables, fib_nh_exception). */
  private readonly exceptions = new Map<number, NexthopException>();
  /**
   * Exceptions a route has been bound to (fnhe_rth_input / fnhe_rth_output set): only these are
   * listed by `ip route show cache` (fib_dump_info_fnhe skips an exception without a route).
   */
  private readonly bound = new Set<NexthopException>();
  /**
   * rt_genid: changes whenever routes handed out before may be wrong now (tables, addresses or
   * sysctls changed, or a redirect was learned), so sockets look their route up again
   * (__sk_dst_check).
   */
  private epoch = 0;

  constructor(private readonly host: LinuxHost) {}

  /** Drops every cached decision when the tables, addresses or sysctls changed (rt_cache_flush). */
  private checkGenerations(): void {
    const { fib, addrs, sysctl } = this.host;
    const of = this.dstsOf;
    if (of.fib !== fib.generation || of.addrs !== addrs.generation || of.sysctl !== sysctl.generation) {
      this.dsts.clear();
      this.lastDst = undefined;
      this.dstsOf = { fib: fib.generation, addrs: addrs.generation, sysctl: sysctl.generation };
      this.epoch++;
    }
  }

  /** The route generation a cached decision was taken in; compare before reusing one. */
  get genid(): number {
    this.checkGenerations();
    return this.epoch;
  }

  /** Forgets the cached decisions for one destination (a redirect changed its next hop). */
  private forgetDst(daddr: Ipv4Address): void {
    this.dsts.delete(daddr | 0);
    if (this.lastDaddr === daddr) this.lastDst = undefined;
    this.epoch++;
  }

  /**
   * find_exception: the redirected next hop for `daddr` when it was learned on the nexthop of
   * `res`; an expired one is removed.
   */
  private exceptionFor(daddr: Ipv4Address, res: FibResult | null): NexthopException | undefined {
    const e = this.exceptions.size === 0 ? undefined : this.exceptions.get(daddr | 0);
    if (e === undefined || res === null || res.type !== 'unicast') return undefined;
    if (this.host.now >= e.expiresUs) {
      this.exceptions.delete(daddr | 0);
      this.bound.delete(e);
      return undefined;
    }
    return res.gateway === e.nhGateway && res.dev === e.nhDev ? e : undefined;
  }

  /**
   * __ip_do_redirect: `daddr` is reached through `gateway` from now on, on the nexthop of the
   * route to it (which must have a gateway).
   */
  learnRedirect(daddr: Ipv4Address, gateway: Ipv4Address): NexthopException | undefined {
    const res = this.host.fib.lookup(daddr);
    if (res === null || res.type !== 'unicast' || res.gateway === undefined || res.dev === undefined) return undefined;
    return this.updateOrCreateException(daddr, res.gateway, res.dev, gateway, 0, false, this.host.now + RT_GC_TIMEOUT_US);
  }

  /**
   * ipv4_update_pmtu → __ip_rt_update_pmtu (net/ipv4/route.c): "fragmentation needed, mtu
   * `mtu`" about a packet from `saddr` to `daddr`. The output route to `daddr` learns the path
   * MTU unless its MTU is locked or already smaller; an MTU below min_pmtu becomes min_pmtu
   * (not above the route's MTU), locked; the same MTU is not learned again before half of
   * mtu_expires has passed. Returns the exception when one was made or changed.
   */
  updatePmtu(daddr: Ipv4Address, saddr: Ipv4Address, mtu: number): NexthopException | undefined {
    const host = this.host;
    const now = host.now;
    const rt = this.output(daddr, saddr, undefined);
    if (isRouteError(rt) || routeMtuLocked(rt, now)) return undefined;
    const oldMtu = routeMtu(rt, now);
    if (oldMtu < mtu) return undefined;
    const minPmtu = host.sysctl.global('net.ipv4.route.min_pmtu');
    const expires = host.sysctl.global('net.ipv4.route.mtu_expires') * 1_000_000;
    let lock = false;
    if (mtu < minPmtu) {
      lock = true;
      mtu = Math.min(oldMtu, minPmtu);
    }
    const e = rt.fnhe;
    if (e !== undefined && e.pmtu === mtu && !lock && now < e.expiresUs - expires / 2) return undefined;
    // fib_lookup (the cached one the output route came from): the exception goes on the nexthop of the route to `daddr`.
    const res = this.lookup(daddr);
    if (res === null || res.type !== 'unicast' || res.dev === undefined) return undefined;
    return this.updateOrCreateException(daddr, res.gateway, res.dev, undefined, mtu, lock, now + expires);
  }

  /**
   * update_or_create_fnhe: the exception for `daddr` on the nexthop (`nhGateway`, `nhDev`) takes
   * the gateway and the path MTU given (each only if given) and the new expiry. A new exception
   * makes the routes cached for `daddr` stale so that every user looks again; one whose gateway
   * changed likewise, since the routes copied it. An exception that has expired counts as gone.
   */
  private updateOrCreateException(
    daddr: Ipv4Address, nhGateway: Ipv4Address | undefined, nhDev: string,
    gateway: Ipv4Address | undefined, pmtu: number, lock: boolean, expiresUs: number,
  ): NexthopException {
    const old = this.exceptions.get(daddr | 0);
    if (old !== undefined && old.nhGateway === nhGateway && old.nhDev === nhDev && this.host.now < old.expiresUs) {
      if (pmtu !== 0) {
        old.pmtu = pmtu;
        old.mtuLocked = lock;
      }
      old.expiresUs = expiresUs;
      if (gateway !== undefined && gateway !== old.gateway) {
        old.gateway = gateway;
        this.forgetDst(daddr);
      }
      return old;
    }
    const e: NexthopException = { daddr, gateway, pmtu, mtuLocked: lock, nhGateway, nhDev, expiresUs };
    if (old !== undefined) this.bound.delete(old);
    this.exceptions.set(daddr | 0, e);
    this.forgetDst(daddr);
    return e;
  }

  /**
   * fib_sync_mtu → fib_nhc_update_mtu for a device whose MTU changed from `orig` to `mtu`: each
   * path MTU learned on a nexthop through it follows — a locked one drops to a smaller device MTU
   * (and is no longer locked), an unlocked one drops to a smaller device MTU or rises with the
   * device when it equalled the old MTU. The routes cached before are dropped (rt_cache_flush).
   */
  syncMtu(dev: string, mtu: number, orig: number): void {
    for (const e of this.exceptions.values()) {
      if (e.nhDev !== dev || e.pmtu === 0) continue;
      if (e.mtuLocked) {
        if (mtu <= e.pmtu) {
          e.pmtu = mtu;
          e.mtuLocked = false;
        }
      } else if (mtu < e.pmtu || orig === e.pmtu) {
        e.pmtu = mtu;
      }
    }
    this.flushRoutes();
  }

  /** rt_cache_flush (rt_genid_bump_ipv4): every cached decision goes; the exceptions stay. */
  private flushRoutes(): void {
    this.dsts.clear();
    this.lastDst = undefined;
    this.epoch++;
  }

  /** The nexthop exceptions still in force. */
  exceptionsSnapshot(): NexthopException[] {
    const now = this.host.now;
    return [...this.exceptions.values()].filter((e) => now < e.expiresUs);
  }

  /** The exceptions `ip route show cache` lists: in force and bound to a route. */
  cachedExceptions(): NexthopException[] {
    return this.exceptionsSnapshot().filter((e) => this.bound.has(e));
  }

  /**
   * `ip route flush cache` (a write to /proc/sys/net/ipv4/route/flush, ipv4_sysctl_rtcache_flush):
   * rt_cache_flush invalidates every cached route and fnhe_genid_bump every exception.
   */
  flushCache(): void {
    this.exceptions.clear();
    this.bound.clear();
    this.flushRoutes();
  }

  /** The cache entry for `daddr`; the whole cache goes when anything it depends on changed (rt_cache_flush). */
  private dst(daddr: Ipv4Address): DstEntry {
    this.checkGenerations();
    let e = this.lastDst !== undefined && this.lastDaddr === daddr ? this.lastDst : this.dsts.get(daddr | 0);
    // A nexthop exception lasts until it expires; then the destination is looked up afresh.
    if (e !== undefined && e.fnhe !== undefined && this.host.now >= e.fnhe.expiresUs) {
      this.forgetDst(daddr);
      e = undefined;
    }
    if (e === undefined) {
      const res = this.host.fib.lookup(daddr);
      e = { res, fnhe: this.exceptionFor(daddr, res), input: undefined, outputAny: undefined, output: undefined, outputSaddr: 0 };
      // `| 0` keeps the key a small integer, which a Map hashes fastest.
      this.dsts.set(daddr | 0, e);
    }
    this.lastDaddr = daddr;
    this.lastDst = e;
    return e;
  }

  /** fib_lookup for `daddr` without an output device, through the cache. */
  lookup(daddr: Ipv4Address): FibResult | null {
    return this.dst(daddr).res;
  }

  /**
   * ip_route_input_slow (net/ipv4/route.c): what to do with a packet that arrived on `dev`.
   * Given the packet's skb, a forward that should send an ICMP redirect sets its doRedirect
   * (IPSKB_DOREDIRECT).
   */
  input(daddr: Ipv4Address, saddr: Ipv4Address, dev: NetDev, skb?: SkBuff): RouteDecision | RouteError {
    const host = this.host;
    if (isMulticastIpv4(saddr) || isLimitedBroadcast(saddr)) return martianSource('multicast or broadcast source');
    if (isLimitedBroadcast(daddr) || (saddr === 0 && daddr === 0)) {
      return this.limitedBroadcast ??= { kind: 'broadcast', dev: host.loopback, gateway: undefined, src: 0, route: undefined, fnhe: undefined };
    }
    if (isZeronet(saddr)) return martianSource('source in 0.0.0.0/8');
    if (isZeronet(daddr)) return { error: 'EINVAL', reason: 'IP_INVALID_DEST', detail: 'destination in 0.0.0.0/8' };
    const cnf = dev.cnf;
    const localnet = cnf.route_localnet !== 0;
    if (isLoopbackIpv4(daddr)) {
      if (!localnet) return { error: 'EINVAL', reason: 'IP_INVALID_DEST', detail: 'destination in 127.0.0.0/8' };
    } else if (isLoopbackIpv4(saddr) && !localnet) {
      return martianSource('source in 127.0.0.0/8');
    }
    const forwarding = cnf.forwarding !== 0;
    const dst = this.dst(daddr);
    const res = dst.res;
    if (!res) {
      return forwarding
        ? { error: 'ENETUNREACH', reason: 'IP_INNOROUTES', detail: 'no route' }
        : { error: 'EHOSTUNREACH', reason: 'IP_INADDRERRORS', detail: 'not a local address and forwarding is off' };
    }
    if (res.type === 'broadcast') {
      return dst.input ??= { kind: 'broadcast', dev: host.loopback, gateway: undefined, src: 0, route: res.route, fnhe: undefined };
    }
    if (res.type === 'local') {
      const v = this.validateSource(saddr, daddr, undefined, dev);
      if (typeof v !== 'number') return v;
      return dst.input ??= { kind: 'local', dev: host.loopback, gateway: undefined, src: daddr, route: res.route, fnhe: undefined };
    }
    if (!forwarding) return { error: 'EHOSTUNREACH', reason: 'IP_INADDRERRORS', detail: 'not a local address and forwarding is off' };
    if (res.type !== 'unicast') return unreachableFor(res);
    // A forward decision made before for this destination already names the device.
    const outDev = dst.input !== undefined ? dst.input.dev : res.dev !== undefined ? host.device(res.dev) : undefined;
    if (!outDev) return { error: 'ENETUNREACH', reason: 'IP_INNOROUTES', detail: 'route without device' };
    // __mkroute_input: validate the source against the output device.
    const v = this.validateSource(saddr, daddr, outDev, dev);
    if (typeof v !== 'number') return v;
    if (skb) {
      let doRedirect = false;
      if (outDev === dev && v > 0 && outDev.cnf.send_redirects !== 0) {
        const gw = res.gateway ?? 0;
        doRedirect = outDev.cnf.shared_media !== 0 || host.addrs.onlink(outDev.name, saddr, gw);
      }
      skb.doRedirect = doRedirect;
    }
    // rt_set_nexthop → rt_bind_exception: a redirected next hop (fnhe_gw) replaces the route's
    // gateway, and the route takes the exception's path MTU.
    const fnhe = dst.fnhe;
    if (fnhe !== undefined) this.bound.add(fnhe);
    return dst.input ??= { kind: 'forward', dev: outDev, gateway: fnhe?.gateway ?? res.gateway, src: 0, route: res.route, fnhe };
  }

  /** The decision for 255.255.255.255, made once. */
  private limitedBroadcast: RouteDecision | undefined;

  /**
   * fib_validate_source (net/ipv4/fib_frontend.c): rp_filter (max of all and the device),
   * and the rule that a packet from outside must not carry one of our own addresses as source
   * unless accept_local. Returns ≥ 0 when accepted (1 = the source is directly reachable through
   * the incoming device, which allows redirects).
   */
  validateSource(src: Ipv4Address, _dst: Ipv4Address, oif: NetDev | undefined, dev: NetDev): number | RouteError {
    const host = this.host;
    const rpf = dev.cnf.rp_filter;
    const acceptLocal = dev.cnf.accept_local !== 0;
    if (!rpf && (dev !== oif || dev.cnf.send_redirects === 0)) {
      if (acceptLocal) return 0;
      if (host.addrs.devOf(src) !== undefined) return { error: 'EINVAL', reason: 'IP_LOCAL_SOURCE', detail: 'source is a local address (martian); accept_local=0' };
      return 0;
    }
    // __fib_validate_source: route back to the source as if answering it.
    const noAddr = host.addrs.of(dev.name).length === 0;
    const back = this.lookup(src);
    if (!back) return lastResort(rpf);
    if (back.type !== 'unicast' && (back.type !== 'local' || !acceptLocal)) {
      return { error: 'EINVAL', reason: 'IP_LOCAL_SOURCE', detail: 'source is a local address (martian); accept_local=0' };
    }
    const devMatch = back.dev === dev.name || (back.type === 'local' && dev === host.loopback);
    if (devMatch) return nhScope(back) >= RT_SCOPE.HOST ? 1 : 0;
    if (noAddr) return lastResort(rpf);
    if (rpf === 1) return { error: 'EXDEV', reason: 'IP_RPFILTER', detail: `rp_filter=1: the route back to the source leaves via ${back.dev ?? '?'}, not ${dev.name}` };
    const viaDev = host.fib.lookup(src, dev.name);
    return viaDev && viaDev.type === 'unicast' && nhScope(viaDev) >= RT_SCOPE.HOST ? 1 : 0;
  }

  /**
   * ip_route_output_key: the route for a locally generated packet, choosing its source address
   * when none is bound (the route's prefsrc, else inet_select_addr on the output device).
   */
  output(daddr: Ipv4Address, saddr: Ipv4Address, oif: NetDev | undefined): RouteDecision | RouteError {
    const host = this.host;
    if (saddr) {
      if (isMulticastIpv4(saddr) || isLimitedBroadcast(saddr) || isZeronet(saddr)) return { error: 'EINVAL', reason: 'IP_OUTNOROUTES', detail: 'invalid source' };
      // __ip_route_output_key: a source that is not one of our addresses fails with ENETUNREACH.
      if (host.addrs.devOf(saddr) === undefined) return { error: 'ENETUNREACH', reason: 'IP_OUTNOROUTES', detail: 'source is not a local address' };
    }
    if (oif === undefined) {
      // connect() asks without a source, then the socket asks again with the source it chose:
      // both decisions are kept, so neither replaces the other.
      const dst = this.dst(daddr);
      // fib_select_path: with several default routes the choice depends on their gateways'
      // neighbour entries now, so it is made at each lookup and not kept.
      const res = dst.res;
      if (host.fib.severalDefaults && res !== null && res.route.prefixLength === 0 && res.type === 'unicast' && res.route.table === 'main') {
        const chosen = this.selectDefault(res);
        return this.outputRoute(daddr, saddr, undefined, chosen, this.exceptionFor(daddr, chosen));
      }
      if (saddr === 0) {
        if (dst.outputAny !== undefined) return dst.outputAny;
      } else if (dst.output !== undefined && dst.outputSaddr === saddr) {
        return dst.output;
      }
      const rt = this.outputRoute(daddr, saddr, undefined, dst.res, dst.fnhe);
      if (!isRouteError(rt)) {
        if (saddr === 0) {
          dst.outputAny = rt;
        } else {
          dst.output = rt;
          dst.outputSaddr = saddr;
        }
      }
      return rt;
    }
    if (!oif.up) return { error: 'ENETUNREACH', reason: 'IP_OUTNOROUTES', detail: `${oif.name} is down` };
    const res = host.fib.lookup(daddr, oif.name);
    return this.outputRoute(daddr, saddr, oif, res, this.exceptionFor(daddr, res));
  }

  /**
   * fib_select_default (net/ipv4/fib_semantics.c): among default routes of the first one's
   * priority, keep to the first whose gateway does not look dead (fib_detect_death: no entry,
   * REACHABLE, or valid and not the one chosen last time), else the last resort; the choice is
   * remembered in the first route (fa_default).
   */
  private selectDefault(res: FibResult): FibResult {
    const host = this.host;
    let fi: FibResult | undefined;
    let order = -1;
    let lastResort: FibResult | undefined;
    let lastIdx = -1;
    const dflt = this.faDefault.get(res.route) ?? -1;
    /** fib_detect_death: whether `r`'s gateway looks dead; a valid one may become the last resort. */
    const dead = (r: FibResult, idx: number): boolean => {
      const dev = r.dev !== undefined ? host.device(r.dev) : undefined;
      const n = dev !== undefined && r.gateway !== undefined ? host.neigh.lookup(dev, r.gateway) : undefined;
      if (n === undefined) return false;
      if (n.state === 'REACHABLE') return false;
      const valid = isValidState(n.state);
      if (valid && idx !== dflt) return false;
      if (valid || (lastIdx < 0 && idx > dflt && n.state !== 'INCOMPLETE')) {
        lastResort = r;
        lastIdx = idx;
      }
      return true;
    };
    for (const next of host.fib.mainDefaults()) {
      if (next.route.metric > res.route.metric) break;
      if (next.route.scope !== res.route.scope || next.type !== 'unicast') continue;
      if (next.gateway === undefined) continue;
      if (fi === undefined) {
        if (next !== res) break;
      } else if (!dead(fi, order)) {
        this.faDefault.set(res.route, order);
        return fi;
      }
      fi = next;
      order++;
    }
    if (order <= 0 || fi === undefined) {
      this.faDefault.set(res.route, -1);
      return res;
    }
    if (!dead(fi, order)) {
      this.faDefault.set(res.route, order);
      return fi;
    }
    this.faDefault.set(res.route, lastIdx);
    return lastIdx >= 0 && lastResort !== undefined ? lastResort : res;
  }

  /** fa_default of each first default route: the index fib_select_default chose last. */
  private readonly faDefault = new WeakMap<FibRoute, number>();

  /** ip_route_output_key_hash_rcu, given the FIB's answer and the nexthop's exception for `daddr`. */
  private outputRoute(daddr: Ipv4Address, saddr: Ipv4Address, oif: NetDev | undefined, res: FibResult | null, fnhe: NexthopException | undefined): RouteDecision | RouteError {
    const host = this.host;
    if (oif && isLimitedBroadcast(daddr)) {
      return { kind: 'broadcast', dev: oif, gateway: undefined, src: saddr || host.selectAddr(oif.name, 0, RT_SCOPE.LINK), route: undefined, fnhe: undefined };
    }
    if (!res) {
      if (oif) {
        // "Apparently, routing tables are wrong. Assume, that the destination is on link."
        return { kind: 'output', dev: oif, gateway: undefined, src: saddr || host.selectAddr(oif.name, 0, RT_SCOPE.LINK), route: undefined, fnhe: undefined };
      }
      return { error: 'ENETUNREACH', reason: 'IP_OUTNOROUTES', detail: 'no route' };
    }
    if (res.type === 'local') {
      return { kind: 'local', dev: host.loopback, gateway: undefined, src: saddr || res.route.prefsrc || daddr, route: res.route, fnhe: undefined };
    }
    if (res.type === 'broadcast') {
      const dev = host.device(res.dev ?? '') ?? host.loopback;
      return { kind: 'broadcast', dev, gateway: undefined, src: saddr || res.route.prefsrc || host.selectAddr(dev.name, daddr, RT_SCOPE.LINK), route: res.route, fnhe: undefined };
    }
    if (res.type !== 'unicast') return unreachableFor(res);
    const dev = host.device(res.dev ?? '');
    if (!dev) return { error: 'ENETUNREACH', reason: 'IP_OUTNOROUTES', detail: 'route without device' };
    // fib_result_prefsrc: the route's src, else inet_select_addr(dev, gateway, route scope).
    const src = saddr || res.route.prefsrc || host.selectAddr(dev.name, res.gateway ?? daddr, res.route.scope);
    // __mkroute_output → rt_set_nexthop → rt_bind_exception: a redirected next hop (fnhe_gw)
    // replaces the gateway, and the route takes the exception's path MTU.
    if (fnhe !== undefined) this.bound.add(fnhe);
    return { kind: 'output', dev, gateway: fnhe?.gateway ?? res.gateway, src, route: res.route, fnhe };
  }
}

function martianSource(detail: string): RouteError {
  return { error: 'EINVAL', reason: 'IP_INVALID_SOURCE', detail: `martian source: ${detail}` };
}

function lastResort(rpf: number): number | RouteError {
  return rpf ? { error: 'EXDEV', reason: 'IP_RPFILTER', detail: `rp_filter=${rpf}: no usable route back to the source through this device` } : 0;
}

function unreachableFor(res: FibResult): RouteError {
  if (res.type === 'prohibit') return { error: 'EACCES', reason: 'IP_INNOROUTES', detail: 'prohibit route' };
  if (res.type === 'blackhole') return { error: 'EINVAL', reason: 'IP_INNOROUTES', detail: 'blackhole route' };
  return { error: 'EHOSTUNREACH', reason: 'IP_INNOROUTES', detail: 'unreachable route' };
}

/** Nexthop scope (fib_check_nh): host for direct routes, link for routes via a gateway. */
function nhScope(res: FibResult): number {
  return res.gateway === undefined ? RT_SCOPE.HOST : RT_SCOPE.LINK;
}
