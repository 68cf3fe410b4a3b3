import type { SchedDest } from './types.ts';

/**
 * Connection overhead of a real server as CURRENT kernels compute it (Linux 6.12.104+ / 6.1.187+,
 * include/net/ip_vs.h `ip_vs_dest_conn_overhead`): `(activeconns << 8) + totalconns`, i.e.
 * 257·active + inactive. Older kernels used `(activeconns << 8) + inactconns` (256·active + inactive).
 */
export function ipVsDestConnOverhead(dest: SchedDest): number {
  // Written as a product, not `<< 8`: plain JS numbers stay exact where a 32-bit shift would wrap.
  return dest.activeConns * 256 + dest.totalConns;
}

/** InActConn as current kernels report it (include/net/ip_vs.h `ip_vs_dest_inactconns`): max(totalconns − activeconns, 0). */
export function ipVsDestInactConns(dest: SchedDest): number {
  return Math.max(dest.totalConns - dest.activeConns, 0);
}
