import type { RouteSnapshot } from '../../sim/model/snapshot.ts';

/**
 * One route as `ip route show table <t>` prints it (iproute2 ip/iproute.c print_route): the type
 * only when not unicast, `default` for 0/0, no `/32` on host routes, `proto` unless boot,
 * `scope` unless global, then `src`, a non-zero `metric` and the route's metrics (print_rta_metrics).
 */
export function ipRouteLine(r: RouteSnapshot): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.prefixLength === 0 && r.dst === '0.0.0.0' ? 'default' : r.prefixLength === 32 ? r.dst : `${r.dst}/${r.prefixLength}`);
  if (r.via !== undefined) parts.push('via', r.via);
  if (r.dev !== undefined) parts.push('dev', r.dev);
  if (r.proto !== 'boot') parts.push('proto', r.proto);
  if (r.scope !== 'global') parts.push('scope', r.scope);
  if (r.src !== undefined) parts.push('src', r.src);
  if (r.metric !== 0) parts.push('metric', String(r.metric));
  if (r.mtu !== undefined) parts.push('mtu', ...(r.mtuLocked === true ? ['lock'] : []), String(r.mtu));
  if (r.advmss !== undefined) parts.push('advmss', String(r.advmss));
  return parts.join(' ');
}

const ipNumber = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** The routes of one table in the kernel's dump order (fib_trie walks keys in ascending order). */
export function tableLines(routes: readonly RouteSnapshot[], table: RouteSnapshot['table']): string[] {
  return routes.filter((r) => r.table === table)
    .sort((a, b) => ipNumber(a.dst) - ipNumber(b.dst) || a.prefixLength - b.prefixLength || a.metric - b.metric)
    .map(ipRouteLine);
}
