/**
 * inet_addr_type (net/ipv4/fib_frontend.c `__inet_dev_addr_type`) computed from a node's
 * configuration: the kind of an address as the local routing table sees it. ip_vs_new_dest
 * (ip_vs_ctl.c) accepts a real server only if it is RTN_UNICAST or RTN_LOCAL.
 *
 * The local table holds what fib_add_ifaddr puts there for each address of an up device: the
 * address itself (local), an explicitly assigned broadcast, and — for a primary address whose
 * prefix is shorter than /31 — the subnet broadcast (current kernels no longer add the
 * network address as a broadcast route); on `lo` the whole prefix is local. An up `lo` always
 * carries 127.0.0.1/8.
 */
import type { LabNode } from '../../document.ts';
import { isLimitedBroadcast, isMulticastIpv4, isZeronet, parseIpv4Address, prefixMask } from '../../../wire/ipv4-address.ts';

/** The route types inet_addr_type can return for IPv4. */
export type AddrType = 'local' | 'broadcast' | 'multicast' | 'unicast';

interface LocalRoute {
  readonly dst: number;
  readonly prefixLength: number;
  readonly type: 'local' | 'broadcast';
}

function localTable(node: LabNode): LocalRoute[] {
  const routes: LocalRoute[] = [];
  const up = new Map(node.interfaces.map((i) => [i.name, i]));
  const addresses: { dev: string; address: number; prefixLength: number; broadcast: number }[] = [];
  if (up.get('lo')?.up) addresses.push({ dev: 'lo', address: 0x7f000001, prefixLength: 8, broadcast: 0 });
  for (const a of node.addresses) {
    const address = parseIpv4Address(a.address);
    if (address === null || !up.get(a.dev)?.up) continue;
    addresses.push({ dev: a.dev, address, prefixLength: a.prefixLength, broadcast: a.broadcast !== undefined ? (parseIpv4Address(a.broadcast) ?? 0) : 0 });
  }
  for (const a of addresses) {
    const mask = prefixMask(a.prefixLength);
    const prefix = (a.address & mask) >>> 0;
    routes.push({ dst: a.address, prefixLength: 32, type: 'local' });
    if (a.broadcast !== 0 && !isLimitedBroadcast(a.broadcast)) routes.push({ dst: a.broadcast, prefixLength: 32, type: 'broadcast' });
    if (!isZeronet(prefix) && (prefix !== a.address || a.prefixLength < 32)) {
      const loopback = node.interfaces.find((i) => i.name === a.dev)?.kind === 'loopback';
      if (loopback) routes.push({ dst: prefix, prefixLength: a.prefixLength, type: 'local' });
      if (a.prefixLength < 31) routes.push({ dst: (prefix | ~mask) >>> 0, prefixLength: 32, type: 'broadcast' });
    }
  }
  return routes;
}

/** inet_addr_type(net, addr) on this node (addr in host order). */
export function inetAddrType(node: LabNode, addr: number): AddrType {
  if (isZeronet(addr) || isLimitedBroadcast(addr)) return 'broadcast';
  if (isMulticastIpv4(addr)) return 'multicast';
  let best: LocalRoute | undefined;
  for (const r of localTable(node)) {
    if (((addr & prefixMask(r.prefixLength)) >>> 0) !== r.dst) continue;
    if (!best || r.prefixLength > best.prefixLength) best = r;
  }
  return best?.type ?? 'unicast';
}
