/**
 * The sysctls the simulation implements, with the kernel's defaults and the way per-interface
 * values combine with `all` (include/linux/inetdevice.h: IN_DEV_MAXCONF, IN_DEV_ORCONF,
 * IN_DEV_ANDCONF). Plain data, shared by the simulation, the lab validator and the shell.
 */

/** Per-interface `net.ipv4.conf.<dev>.<key>` settings and their defaults (Documentation/networking/ip-sysctl.rst). */
export const CONF_DEFAULTS = {
  forwarding: 0,
  arp_ignore: 0,
  arp_announce: 0,
  arp_filter: 0,
  arp_accept: 0,
  arp_notify: 0,
  arp_evict_nocarrier: 1,
  drop_gratuitous_arp: 0,
  rp_filter: 0,
  accept_local: 0,
  send_redirects: 1,
  accept_redirects: 1,
  secure_redirects: 1,
  shared_media: 1,
  proxy_arp: 0,
  log_martians: 0,
  route_localnet: 0,
} as const;

export type ConfKey = keyof typeof CONF_DEFAULTS;

/** How `all` and the interface's value combine for each key. */
export const CONF_COMBINE: Record<ConfKey, 'max' | 'or' | 'and' | 'dev'> = {
  forwarding: 'dev',
  arp_ignore: 'max',
  arp_announce: 'max',
  arp_accept: 'max',
  arp_notify: 'max',
  rp_filter: 'max',
  arp_filter: 'or',
  send_redirects: 'or',
  accept_local: 'or',
  proxy_arp: 'or',
  shared_media: 'or',
  log_martians: 'or',
  route_localnet: 'or',
  arp_evict_nocarrier: 'and',
  drop_gratuitous_arp: 'or',
  accept_redirects: 'dev',
  secure_redirects: 'or',
};

/** Neighbour-table parameters `net.ipv4.neigh.<dev>.<key>` (net/ipv4/arp.c arp_tbl defaults). */
export const NEIGH_DEFAULTS = {
  base_reachable_time_ms: 30_000,
  delay_first_probe_time: 5,
  retrans_time_ms: 1_000,
  ucast_solicit: 3,
  mcast_solicit: 3,
  mcast_resolicit: 0,
  app_solicit: 0,
  gc_stale_time: 60,
  /** In USER_HZ (1/100 s): 100 = 1 s. */
  locktime: 100,
  unres_qlen: 101,
} as const;

export type NeighKey = keyof typeof NEIGH_DEFAULTS;

/** Global sysctls. */
export const GLOBAL_DEFAULTS: Readonly<Record<string, number>> = {
  'net.ipv4.ip_forward': 0,
  'net.ipv4.ip_default_ttl': 64,
  'net.ipv4.ip_no_pmtu_disc': 0,
  /** Whether forwarding honours a learned path MTU (ip_dst_mtu_maybe_forward). */
  'net.ipv4.ip_forward_use_pmtu': 0,
  /** How long a datagram's fragments wait for the rest, in seconds. */
  'net.ipv4.ipfrag_time': 30,
  'net.ipv4.icmp_echo_ignore_all': 0,
  'net.ipv4.icmp_echo_ignore_broadcasts': 1,
  'net.ipv4.icmp_ratelimit': 1000,
  'net.ipv4.icmp_ratemask': 6168,
  'net.ipv4.icmp_errors_use_inbound_ifaddr': 0,
  /** ip_rt_min_pmtu: 512 + 20 + 20; a smaller path MTU reported is raised to it and locked. */
  'net.ipv4.route.min_pmtu': 552,
  /** ip_rt_mtu_expires: how long a learned path MTU lasts, in seconds (10 minutes). */
  'net.ipv4.route.mtu_expires': 600,
  'net.ipv4.tcp_syn_retries': 6,
  'net.ipv4.tcp_synack_retries': 5,
  'net.ipv4.tcp_retries2': 15,
  'net.ipv4.tcp_fin_timeout': 60,
  'net.ipv4.tcp_timestamps': 0,
  'net.ipv4.vs.am_droprate': 10,
  'net.ipv4.vs.amemthresh': 1024,
  'net.ipv4.vs.cache_bypass': 0,
  'net.ipv4.vs.conn_reuse_mode': 1,
  'net.ipv4.vs.conntrack': 0,
  'net.ipv4.vs.drop_entry': 0,
  'net.ipv4.vs.drop_packet': 0,
  'net.ipv4.vs.expire_nodest_conn': 0,
  'net.ipv4.vs.expire_quiescent_template': 0,
  'net.ipv4.vs.lblc_expiration': 86_400,
  'net.ipv4.vs.lblcr_expiration': 86_400,
  'net.ipv4.vs.nat_icmp_send': 0,
  'net.ipv4.vs.pmtu_disc': 1,
  'net.ipv4.vs.secure_tcp': 0,
  'net.ipv4.vs.sloppy_sctp': 0,
  'net.ipv4.vs.sloppy_tcp': 0,
  'net.ipv4.vs.snat_reroute': 1,
  'net.ipv4.vs.sync_threshold': 3,
};

/** The defense strategies (proc_do_defense_mode): 0 off, 1 and 2 automatic under memory pressure, 3 always on. */
export const DEFENSE_SYSCTLS: ReadonlySet<string> = new Set(['net.ipv4.vs.drop_entry', 'net.ipv4.vs.drop_packet', 'net.ipv4.vs.secure_tcp']);

/**
 * What the kernel stores when `value` is written to `name`: proc_do_defense_mode refuses a
 * defense strategy outside 0..3 (EINVAL) and runs update_defense_level, which, with memory to
 * spare (the lab has no memory pressure), turns an automatic strategy that is on (2) back to
 * waiting (1). Other sysctls store the value as written.
 */
export function storedSysctlValue(name: string, value: number): number | 'EINVAL' {
  if (!DEFENSE_SYSCTLS.has(name)) return value;
  if (value < 0 || value > 3) return 'EINVAL';
  return value === 2 ? 1 : value;
}

/** Sysctls that only exist once the ip_vs module is loaded. */
export const isIpvsSysctl = (name: string): boolean => name.startsWith('net.ipv4.vs.');

const CONF_RE = /^net\.ipv4\.conf\.([^.]+)\.([a-z_]+)$/;
const NEIGH_RE = /^net\.ipv4\.neigh\.([^.]+)\.([a-z_]+)$/;

/** Splits `net.ipv4.conf.eth0.arp_ignore` into its parts, or returns null. */
export function parseConfName(name: string): { dev: string; key: ConfKey } | null {
  const m = CONF_RE.exec(name);
  if (!m || !(m[2]! in CONF_DEFAULTS)) return null;
  return { dev: m[1]!, key: m[2] as ConfKey };
}

/** Splits `net.ipv4.neigh.eth0.locktime` into its parts, or returns null. */
export function parseNeighName(name: string): { dev: string; key: NeighKey } | null {
  const m = NEIGH_RE.exec(name);
  if (!m || !(m[2]! in NEIGH_DEFAULTS)) return null;
  return { dev: m[1]!, key: m[2] as NeighKey };
}

/** The names `sysctl -a` lists for a node with these devices, sorted as sysctl prints them. */
export function sysctlNames(devices: readonly string[], ipvsLoaded: boolean): string[] {
  const names: string[] = [];
  for (const [name] of Object.entries(GLOBAL_DEFAULTS)) {
    if (!isIpvsSysctl(name) || ipvsLoaded) names.push(name);
  }
  for (const dev of ['all', 'default', ...devices]) {
    for (const key of Object.keys(CONF_DEFAULTS)) names.push(`net.ipv4.conf.${dev}.${key}`);
  }
  for (const dev of ['default', ...devices]) {
    for (const key of Object.keys(NEIGH_DEFAULTS)) names.push(`net.ipv4.neigh.${dev}.${key}`);
  }
  return names.sort();
}

/** Whether `name` is a sysctl of a node with these devices (and ip_vs loaded, for net.ipv4.vs.*). */
export function isKnownSysctl(name: string, devices: readonly string[]): boolean {
  if (name in GLOBAL_DEFAULTS) return true;
  const c = parseConfName(name);
  if (c) return c.dev === 'all' || c.dev === 'default' || devices.includes(c.dev);
  const n = parseNeighName(name);
  if (n) return n.dev === 'default' || devices.includes(n.dev);
  return false;
}
