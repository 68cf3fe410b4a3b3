import { formatIpv4Address, parseIpv4Address, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { CacheFlag, CachedRouteView, RouteGetQuery, RouteGetResult } from '../model/route-get.ts';
import { metricFields } from './fib.ts';
import type { LinuxHost } from './host.ts';
import { isRouteError, type NexthopException, type RouteDecision } from './route.ts';
import { newSkb } from './skb.ts';
import { ipv4Header } from '../../wire/ipv4.ts';

/** dst.expires as `ip` prints it: whole seconds left (jiffies → clock_t → seconds, rounded down). */
const secondsLeft = (host: LinuxHost, e: NexthopException): number => Math.max(0, Math.floor((e.expiresUs - host.now) / 1_000_000));

/**
 * What rt_fill_info reports of a route bound to exception `e` (fill_route_from_fnhe): RTCF_REDIRECTED
 * when it named a gateway, the expiry, and the path MTU as the route's RTAX_MTU metric (with
 * RTAX_LOCK when locked).
 */
function exceptionFields(host: LinuxHost, e: NexthopException): Pick<CachedRouteView, 'expiresSec' | 'mtu' | 'mtuLocked'> {
  return {
    expiresSec: secondsLeft(host, e),
    ...(e.pmtu !== 0 ? { mtu: e.pmtu } : {}),
    ...(e.pmtu !== 0 && e.mtuLocked ? { mtuLocked: true } : {}),
  };
}


/** The exception a decision is bound to, while it is in force. */
const boundException = (host: LinuxHost, r: RouteDecision): NexthopException | undefined =>
  r.fnhe !== undefined && host.now < r.fnhe.expiresUs ? r.fnhe : undefined;

/**
 * inet_rtm_getroute (net/ipv4/route.c): with an input device, the route a packet arriving
 * there from `from` would get (ip_route_input_rcu on a built skb, so a forward that would send
 * an ICMP redirect says so); otherwise the route for a locally generated packet
 * (ip_route_output_key). The answer is what rt_fill_info puts in the reply.
 */
export function routeGet(host: LinuxHost, q: RouteGetQuery): RouteGetResult {
  const daddr = parseIpv4Address(q.dst);
  const saddr = q.from !== undefined ? parseIpv4Address(q.from) : 0;
  if (daddr === null || saddr === null) return { ok: false, errno: 'EINVAL', detail: 'not an IPv4 address' };
  if (q.iif !== undefined) {
    const dev = host.device(q.iif);
    if (!dev) return { ok: false, errno: 'ENODEV', detail: `no device ${q.iif}` };
    // inet_rtm_getroute_build_skb: an IP header from `from` to the destination, arriving on iif.
    const skb = newSkb({
      ip: ipv4Header({ src: saddr, dst: daddr, protocol: 0, ttl: 64, dscp: 0, ecn: 0, ident: 0, dontFragment: false, moreFragments: false, fragmentOffset: 0 }),
      body: { kind: 'raw', bytes: new Uint8Array(0) },
    }, 0, undefined);
    skb.inDev = dev;
    const r = host.router.input(daddr, saddr, dev, skb);
    if (isRouteError(r)) return { ok: false, errno: r.error, detail: r.detail };
    return { ok: true, route: describe(host, r, daddr, q.from !== undefined ? saddr : undefined, dev.name, skb.doRedirect) };
  }
  const oif = q.oif !== undefined ? host.device(q.oif) : undefined;
  if (q.oif !== undefined && !oif) return { ok: false, errno: 'ENODEV', detail: `no device ${q.oif}` };
  const r = host.router.output(daddr, saddr, oif);
  if (isRouteError(r)) return { ok: false, errno: r.error, detail: r.detail };
  return { ok: true, route: describe(host, r, daddr, q.from !== undefined ? saddr : undefined, undefined, false) };
}

/** rt_fill_info for one decision. */
function describe(
  host: LinuxHost, r: RouteDecision, daddr: Ipv4Address, from: Ipv4Address | undefined, iif: string | undefined, doRedirect: boolean,
): CachedRouteView {
  const flags: CacheFlag[] = [];
  // rt_dst_alloc flags: RTCF_LOCAL for local delivery, RTCF_BROADCAST | RTCF_LOCAL for broadcast.
  if (r.kind === 'local' || r.kind === 'broadcast') flags.push('local');
  if (r.kind === 'broadcast') flags.push('brd');
  const fnhe = boundException(host, r);
  if (fnhe?.gateway !== undefined) flags.push('redirected');
  // IPSKB_DOREDIRECT on the built skb becomes RTCF_DOREDIRECT in the reply.
  if (doRedirect) flags.push('redirect');
  const input = iif !== undefined;
  return {
    type: r.kind === 'local' ? 'local' : r.kind === 'broadcast' ? 'broadcast' : 'unicast',
    dst: formatIpv4Address(daddr),
    ...(from !== undefined ? { from: formatIpv4Address(from) } : {}),
    ...(r.gateway !== undefined ? { gateway: formatIpv4Address(r.gateway) } : {}),
    dev: r.dev.name,
    table: r.route?.table ?? 'main',
    // RTA_PREFSRC only for an output route whose source the lookup chose (fl4->saddr != src).
    ...(!input && from === undefined ? { prefsrc: formatIpv4Address(r.src) } : {}),
    ...(!input ? { uid: 0 } : {}),
    flags,
    // The route's own metrics (rt_fill_info); a learned path MTU overrides the MTU below.
    ...metricFields(r.route?.metrics),
    ...(fnhe !== undefined ? exceptionFields(host, fnhe) : {}),
    ...(input ? { iif } : {}),
  };
}

/**
 * The IPv4 route cache as `ip route show cache` dumps it (fib_dump_info_fnhe): the nexthop
 * exceptions in force that a route has been bound to, each as that route (its gateway is the
 * redirected one, else the nexthop's). The kernel walks each nexthop's exception buckets, whose
 * order follows a hash keyed at boot; here they come in the order they were learned.
 */
export function routeCache(host: LinuxHost): CachedRouteView[] {
  return host.router.cachedExceptions().map((e) => {
    const gateway = e.gateway ?? e.nhGateway;
    return {
      type: 'unicast', dst: formatIpv4Address(e.daddr), ...(gateway !== undefined ? { gateway: formatIpv4Address(gateway) } : {}),
      dev: e.nhDev, table: 'main', flags: e.gateway !== undefined ? ['redirected'] : [], ...exceptionFields(host, e),
    };
  });
}

