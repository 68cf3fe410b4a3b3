import { formatIpv4Address, inSubnet, parseIpv4Address, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { AddressConfig, InterfaceConfig, RouteConfig } from '../../../sim/model/config.ts';
import type { LabDocument, LabNode } from '../../document.ts';
import { updateNode } from '../../document.ts';
import { fromConfig, insertAddress, kernelAddresses, LOOPBACK_ADDRESS, type KernelAddress } from './addresses.ts';
import { resolveRoute, routeDevice, routingTables } from './routes.ts';

/**
 * Edits of a node's configuration with the kernel's side effects (devinet.c, fib_frontend.c):
 * what `ip`, `ifconfig`, `route`, `ifup` and `modprobe` change. Each returns the new node, or the
 * errno the kernel answers with.
 */

/** Replaces the node in the document. */
export const withNode = (doc: LabDocument, node: LabNode): LabDocument => updateNode(doc, node.id, () => node);

/** The interface of that name. */
export const findInterface = (node: LabNode, name: string): InterfaceConfig | undefined => node.interfaces.find((i) => i.name === name);

/** The node with one interface changed. */
export function setInterface(node: LabNode, name: string, fn: (i: InterfaceConfig) => InterfaceConfig): LabNode {
  return { ...node, interfaces: node.interfaces.map((i) => (i.name === name ? fn(i) : i)) };
}

/** The device a user route goes out of now (its dev, or the one its gateway resolves to). */
function routeDev(node: LabNode, rc: RouteConfig): string | undefined {
  if (rc.dev !== undefined) return routeDevice(rc.dev);
  const r = resolveRoute(node, routingTables(node), rc);
  return 'error' in r ? undefined : r.dev;
}

/** Brings a device up or down; down deletes every route through it (fib_sync_down_dev) for good. */
export function setLinkUp(node: LabNode, dev: string, up: boolean): LabNode {
  const itf = findInterface(node, dev);
  if (!itf || itf.up === up) return node;
  const routes = up ? node.routes : node.routes.filter((r) => routeDev(node, r) !== dev);
  return { ...setInterface(node, dev, (i) => ({ ...i, up })), routes };
}

/** `ip addr add`: EEXIST for a duplicate, EINVAL for a same-subnet address of another scope. */
export function addAddress(node: LabNode, a: AddressConfig): LabNode | 'EEXIST' | 'EINVAL' {
  const list = [...(kernelAddresses(node).get(a.dev) ?? [])];
  const err = insertAddress(list, fromConfig(a));
  if (err) return err;
  return { ...node, addresses: [...node.addresses, a] };
}

/**
 * Deletes an address (inet_del_ifa): a primary takes its secondaries with it
 * (promote_secondaries=0); routes using a deleted address as source go (fib_sync_down_addr);
 * when the device has no address left, every route through it goes (fib_disable_ip).
 */
export function deleteAddress(node: LabNode, target: KernelAddress): LabNode {
  const list = kernelAddresses(node).get(target.dev) ?? [];
  const gone = new Set<KernelAddress>([target]);
  if (!target.secondary) {
    for (const x of list) {
      if (x.secondary && x.prefixLength === target.prefixLength && inSubnet(x.address, target.address, target.prefixLength)) gone.add(x);
    }
  }
  const goneConfigs = new Set([...gone].map((g) => g.config));
  const goneAddrs = new Set([...gone].map((g) => g.address));
  const remaining = node.addresses.filter((a) => !goneConfigs.has(a));
  const devEmpty = !remaining.some((a) => a.dev === target.dev) && !(target.dev === 'lo');
  const routes = node.routes.filter((r) => {
    if (r.src !== undefined && goneAddrs.has(parseIpv4Address(r.src) ?? -1)) return false;
    return !(devEmpty && routeDev(node, r) === target.dev);
  });
  return { ...node, addresses: remaining, routes };
}

/** The address entry on `dev` with this address (and prefix, when given). */
export function findAddress(node: LabNode, dev: string, address: Ipv4Address, prefixLength?: number): KernelAddress | undefined {
  return (kernelAddresses(node).get(dev) ?? []).find((a) => a.address === address && (prefixLength === undefined || a.prefixLength === prefixLength));
}

/** Whether the address is the fixed 127.0.0.1/8 of lo, which lab documents do not store. */
export const isLoopbackAddress = (a: KernelAddress): boolean => a.config === undefined && a.address === LOOPBACK_ADDRESS.address;

/** Routes of the same destination and metric: one list of fib aliases, the first used (fib_table_insert's fa_first). */
export function sameDestination(a: RouteConfig, b: RouteConfig): boolean {
  return canonicalDst(a.dst) === canonicalDst(b.dst) && (a.metric ?? 0) === (b.metric ?? 0);
}

/** `default`, or `a.b.c.d/len` with the host bits cleared. */
export function canonicalDst(dst: string): string {
  if (dst === 'default' || dst === '0.0.0.0/0') return 'default';
  const [a, len] = dst.split('/');
  const n = parseIpv4Address(a ?? '');
  const l = Number(len ?? 32);
  if (n === null) return dst;
  const mask = l === 0 ? 0 : (0xffffffff << (32 - l)) >>> 0;
  return `${formatIpv4Address((n & mask) >>> 0)}/${l}`;
}

export type RouteAddError = 'EEXIST' | 'Nexthop has invalid gateway' | 'Device for nexthop is not up' | 'No such device' | 'bad destination' | 'Invalid prefsrc address';

/** Adds a user route (fib_table_insert with NLM_F_EXCL); `replace` swaps an existing entry instead. */
/**
 * How a new route meets routes of the same destination and metric (fib_table_insert's netlink
 * flags): `add` (ip route add: NLM_F_EXCL) refuses; `replace` takes the first one's place;
 * `prepend` (route add, ip route prepend: NLM_F_CREATE alone) goes before them and `append`
 * (ip route append) after them — these two refuse only an identical route (fa_match).
 */
export type RouteInsert = 'add' | 'replace' | 'prepend' | 'append';

/** fib_table_insert for a user route; lookups take the first of equal routes, as the kernel's alias list. */
export function addRoute(node: LabNode, rc: RouteConfig, insert: RouteInsert = 'add'): LabNode | RouteAddError {
  const r = resolveRoute(node, routingTables(node), rc);
  if ('error' in r) return r.error;
  // fib_valid_prefsrc: a preferred source must be a local address.
  if (rc.src !== undefined && !kernelAddressesHave(node, rc.src)) return 'Invalid prefsrc address';
  const same = node.routes.flatMap((x, i) => (sameDestination(x, rc) ? [i] : []));
  if (same.length === 0) return { ...node, routes: [...node.routes, rc] };
  const first = same[0]!;
  switch (insert) {
    case 'add':
      return 'EEXIST';
    case 'replace':
      return { ...node, routes: node.routes.map((x, i) => (i === first ? rc : x)) };
    default: {
      if (same.some((i) => identicalRoute(node.routes[i]!, rc))) return 'EEXIST';
      // Only the order among one destination's routes means anything: an appended route goes last.
      if (insert === 'append') return { ...node, routes: [...node.routes, rc] };
      return { ...node, routes: [...node.routes.slice(0, first), rc, ...node.routes.slice(first)] };
    }
  }
}

/** The same route in every field (fib_table_insert's fa_match: same type and fib_info). */
function identicalRoute(a: RouteConfig, b: RouteConfig): boolean {
  const norm = (r: RouteConfig) => {
    const fields: Record<string, unknown> = { ...r, dst: canonicalDst(r.dst), metric: r.metric ?? 0, type: r.type ?? 'unicast', dev: r.dev === undefined ? undefined : routeDevice(r.dev) };
    return JSON.stringify(Object.keys(fields).sort().filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]]));
  };
  return norm(a) === norm(b);
}

/** What a route deletion names: the destination and whatever else was given. */
export interface RouteSelector {
  readonly dst: string;
  readonly via?: string;
  readonly dev?: string;
  readonly metric?: number;
  readonly type?: RouteConfig['type'];
}

/** Deletes the first matching user route (fib_table_delete); ESRCH when none matches. */
export function deleteRoute(node: LabNode, sel: RouteSelector): LabNode | 'ESRCH' {
  const dst = canonicalDst(sel.dst);
  const i = node.routes.findIndex((r) => canonicalDst(r.dst) === dst
    && (sel.via === undefined || r.via === sel.via)
    && (sel.dev === undefined || routeDev(node, r) === routeDevice(sel.dev))
    && (sel.metric === undefined || (r.metric ?? 0) === sel.metric)
    && (sel.type === undefined || (r.type ?? 'unicast') === sel.type));
  if (i < 0) return 'ESRCH';
  return { ...node, routes: node.routes.filter((_, j) => j !== i) };
}

function kernelAddressesHave(node: LabNode, address: string): boolean {
  const a = parseIpv4Address(address);
  return a !== null && [...kernelAddresses(node).values()].some((list) => list.some((x) => x.address === a));
}

/** A new device (tunl0 from `modprobe ipip`), down, at the end of the device list. */
export function addInterface(node: LabNode, itf: InterfaceConfig): LabNode {
  if (findInterface(node, itf.name)) return node;
  return { ...node, interfaces: [...node.interfaces, itf] };
}
