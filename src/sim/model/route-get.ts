/**
 * `ip route get` and the IPv4 route cache as the shell and the UI read them: what
 * inet_rtm_getroute and fib_dump_info_fnhe report (rt_fill_info), in plain data.
 */

/** A route lookup as `ip route get ADDRESS [from ADDRESS iif DEV] [oif DEV]` asks it. */
export interface RouteGetQuery {
  readonly dst: string;
  /** Source address: the packet's source for an input lookup, the bound source for an output one. */
  readonly from?: string;
  /** Input device: the lookup is for a packet arriving there (ip_route_input_rcu). */
  readonly iif?: string;
  /** Output device (flowi4_oif). */
  readonly oif?: string;
}

/** The rtable flags `ip` shows after `cache` (RTCF_*), in the order print_cache_flags prints them. */
export type CacheFlag = 'local' | 'brd' | 'redirected' | 'redirect';

/** One cloned route (RTM_F_CLONED), as rt_fill_info describes it. */
export interface CachedRouteView {
  readonly type: 'unicast' | 'local' | 'broadcast';
  readonly dst: string;
  /** RTA_SRC: the `from` of the query. */
  readonly from?: string;
  /** RTA_GATEWAY (rt_uses_gateway). */
  readonly gateway?: string;
  /** RTA_OIF. */
  readonly dev: string;
  /** The FIB table the route came from (only non-main tables are printed). */
  readonly table: 'main' | 'local';
  /** RTA_PREFSRC: the source an output lookup chose (left out when the query gave it). */
  readonly prefsrc?: string;
  /** RTA_UID: output lookups report the asking user (the shell runs as root). */
  readonly uid?: number;
  readonly flags: readonly CacheFlag[];
  /** Seconds until the route's nexthop exception (redirect or path MTU) expires (dst.expires). */
  readonly expiresSec?: number;
  /** RTAX_MTU: the path MTU the exception learned (rt_pmtu), else the route's `mtu` metric; and whether it is locked. */
  readonly mtu?: number;
  readonly mtuLocked?: boolean;
  /** RTAX_ADVMSS: the route's `advmss` metric. */
  readonly advmss?: number;
  /** RTA_IIF of an input lookup. */
  readonly iif?: string;
}

/** The kernel's error for a lookup that failed (errno names). */
export type RouteGetErrno = 'EINVAL' | 'EXDEV' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'EACCES' | 'ENODEV';

export type RouteGetResult =
  | { readonly ok: true; readonly route: CachedRouteView }
  | { readonly ok: false; readonly errno: RouteGetErrno; readonly detail: string };
