import {
  isLimitedBroadcast, isLoopbackIpv4, isMulticastIpv4, isZeronet, type Ipv4Address,
} from '../../wire/ipv4-address.ts';
import type { DropReason } from '../model/drop-reasons.ts';
import type { FibResult, FibRoute } from './fib.ts';
import type { LinuxHost } from './host.ts';
import type { NetDev } from './netdev.ts';
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

/** Routing for one host: input decisions with source validation, and output decisions. */
export class Router {
  constructor(private readonly host: LinuxHost) {}

  /** ip_route_input_slow (net/ipv4/route.c): what to do with a packet that arrived on `dev`. */
  input(daddr: Ipv4Address, saddr: Ipv4Address, dev: NetDev): { decision: RouteDecision; doRedirect: boolean } | RouteError {
    const host = this.host;
    if (isMulticastIpv4(saddr) || isLimitedBroadcast(saddr)) return martianSource('multicast or broadcast source');
    if (isLimitedBroadcast(daddr) || (saddr === 0 && daddr === 0)) return { decision: { kind: 'broadcast', dev: host.loopback, gateway: undefined, src: 0, route: undefined }, doRedirect: false };
    if (isZeronet(saddr)) return martianSource('source in 0.0.0.0/8');
    if (isZeronet(daddr)) return { error: 'EINVAL', reason: 'IP_INVALID_DEST', detail: 'destination in 0.0.0.0/8' };
    const localnet = host.sysctl.conf(dev.name, 'route_localnet') !== 0;
    if (isLoopbackIpv4(daddr)) {
      if (!localnet) return { error: 'EINVAL', reason: 'IP_INVALID_DEST', detail: 'destination in 127.0.0.0/8' };
    } else if (isLoopbackIpv4(saddr) && !localnet) {
      return martianSource('source in 127.0.0.0/8');
    }
    const forwarding = host.sysctl.conf(dev.name, 'forwarding') !== 0;
    const res = host.fib.lookup(daddr);
    if (!res) {
      return forwarding
        ? { error: 'ENETUNREACH', reason: 'IP_INNOROUTES', detail: 'no route' }
        : { error: 'EHOSTUNREACH', reason: 'IP_INADDRERRORS', detail: 'not a local address and forwarding is off' };
    }
    if (res.type === 'broadcast') {
      return { decision: { kind: 'broadcast', dev: host.loopback, gateway: undefined, src: 0, route: res.route }, doRedirect: false };
    }
    if (res.type === 'local') {
      const v = this.validateSource(saddr, daddr, undefined, dev);
      if (typeof v !== 'number') return v;
      return { decision: { kind: 'local', dev: host.loopback, gateway: undefined, src: daddr, route: res.route }, doRedirect: false };
    }
    if (!forwarding) return { error: 'EHOSTUNREACH', reason: 'IP_INADDRERRORS', detail: 'not a local address and forwarding is off' };
    if (res.type !== 'unicast') return unreachableFor(res);
    const outDev = res.dev !== undefined ? host.device(res.dev) : undefined;
    if (!outDev) return { error: 'ENETUNREACH', reason: 'IP_INNOROUTES', detail: 'route without device' };
    // __mkroute_input: validate the source against the output device.
    const v = this.validateSource(saddr, daddr, outDev, dev);
    if (typeof v !== 'number') return v;
    let doRedirect = false;
    if (outDev === dev && v > 0 && host.sysctl.conf(outDev.name, 'send_redirects') !== 0) {
      const gw = res.gateway ?? 0;
      doRedirect = host.sysctl.conf(outDev.name, 'shared_media') !== 0 || host.addrs.onlink(outDev.name, saddr, gw);
    }
    return { decision: { kind: 'forward', dev: outDev, gateway: res.gateway, src: 0, route: res.route }, doRedirect };
  }

  /**
   * fib_validate_source (net/ipv4/fib_frontend.c): rp_filter (max of all and the device),
   * and the rule that a packet from outside must not carry one of our own addresses as source
   * unless accept_local. Returns ≥ 0 when accepted (1 = the source is directly reachable through
   * the incoming device, which allows redirects).
   */
  validateSource(src: Ipv4Address, _dst: Ipv4Address, oif: NetDev | undefined, dev: NetDev): number | RouteError {
    const host = this.host;
    const rpf = host.sysctl.conf(dev.name, 'rp_filter');
    const acceptLocal = host.sysctl.conf(dev.name, 'accept_local') !== 0;
    if (!rpf && (dev !== oif || host.sysctl.conf(dev.name, 'send_redirects') === 0)) {
      if (acceptLocal) return 0;
      if (host.addrs.devOf(src) !== undefined) return { error: 'EINVAL', reason: 'IP_LOCAL_SOURCE', detail: 'source is a local address (martian); accept_local=0' };
      return 0;
    }
    // __fib_validate_source: route back to the source as if answering it.
    const noAddr = host.addrs.of(dev.name).length === 0;
    const back = host.fib.lookup(src);
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
      if (host.addrs.devOf(saddr) === undefined) return { error: 'EINVAL', reason: 'IP_OUTNOROUTES', detail: 'source is not a local address' };
    }
    if (oif && !oif.up) return { error: 'ENETUNREACH', reason: 'IP_OUTNOROUTES', detail: `${oif.name} is down` };
    if (oif && isLimitedBroadcast(daddr)) {
      return { kind: 'broadcast', dev: oif, gateway: undefined, src: saddr || host.selectAddr(oif.name, 0, RT_SCOPE.LINK), route: undefined };
    }
    const res = host.fib.lookup(daddr, oif?.name);
    if (!res) {
      if (oif) {
        // "Apparently, routing tables are wrong. Assume, that the destination is on link."
        return { kind: 'output', dev: oif, gateway: undefined, src: saddr || host.selectAddr(oif.name, 0, RT_SCOPE.LINK), route: undefined };
      }
      return { error: 'ENETUNREACH', reason: 'IP_OUTNOROUTES', detail: 'no route' };
    }
    if (res.type === 'local') {
      return { kind: 'local', dev: host.loopback, gateway: undefined, src: saddr || res.route.prefsrc || daddr, route: res.route };
    }
    if (res.type === 'broadcast') {
      const dev = host.device(res.dev ?? '') ?? host.loopback;
      return { kind: 'broadcast', dev, gateway: undefined, src: saddr || res.route.prefsrc || host.selectAddr(dev.name, daddr, RT_SCOPE.LINK), route: res.route };
    }
    if (res.type !== 'unicast') return unreachableFor(res);
    const dev = host.device(res.dev ?? '');
    if (!dev) return { error: 'ENETUNREACH', reason: 'IP_OUTNOROUTES', detail: 'route without device' };
    // fib_result_prefsrc: the route's src, else inet_select_addr(dev, gateway, route scope).
    const src = saddr || res.route.prefsrc || host.selectAddr(dev.name, res.gateway ?? daddr, res.route.scope);
    return { kind: 'output', dev, gateway: res.gateway, src, route: res.route };
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
