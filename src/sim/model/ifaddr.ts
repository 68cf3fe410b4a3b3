import { inSubnet, prefixMask, type Ipv4Address } from '../../wire/ipv4-address.ts';

/**
 * The kernel's rules that turn a node's configured addresses into its address lists and the
 * routes that come with them. Pure functions of the configuration: the simulated host realises
 * them and the shell uses them to answer and validate without a running simulation, so both
 * follow one implementation.
 */

/** What the kernel's ordering of a device's addresses looks at (struct in_ifaddr). */
export interface IfaOrderKey {
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  /** RT_SCOPE value: 0 universe (global), 253 link, 254 host. */
  readonly scope: number;
  /** IFA_F_SECONDARY. */
  readonly secondary: boolean;
}

/**
 * Where `__inet_insert_ifa` (net/ipv4/devinet.c) puts a new address in a device's list: a
 * primary after the last primary whose scope is the same or narrower (`ifa->ifa_scope <=
 * ifa1->ifa_scope`: a global VIP on lo follows 127.0.0.1), a secondary (same subnet and mask as
 * an address already there) at the end. `EEXIST` for a duplicate, `EINVAL` for a same-subnet
 * address of another scope.
 */
export function ifaInsertPlace(list: readonly IfaOrderKey[], a: Omit<IfaOrderKey, 'secondary'>): { readonly index: number; readonly secondary: boolean } | 'EEXIST' | 'EINVAL' {
  let secondary = false;
  let lastPrimary = 0;
  for (let i = 0; i < list.length; i++) {
    const other = list[i]!;
    if (!other.secondary && a.scope <= other.scope) lastPrimary = i + 1;
    if (other.prefixLength === a.prefixLength && inSubnet(other.address, a.address, a.prefixLength)) {
      if (other.address === a.address) return 'EEXIST';
      if (other.scope !== a.scope) return 'EINVAL';
      secondary = true;
    }
  }
  return { index: secondary ? list.length : lastPrimary, secondary };
}

/** A device as `fib_add_ifaddr` sees it: whether it is up, whether it is loopback, its addresses in kernel order. */
export interface IfaddrDevice {
  readonly name: string;
  readonly up: boolean;
  readonly loopback: boolean;
  readonly addresses: readonly {
    readonly address: Ipv4Address;
    readonly prefixLength: number;
    /** 0 when none. */
    readonly broadcast: Ipv4Address;
    readonly secondary: boolean;
  }[];
}

/** A route the kernel adds for an address (proto kernel, metric 0). */
export interface IfaddrRoute {
  readonly table: 'local' | 'main';
  readonly type: 'local' | 'broadcast' | 'unicast';
  readonly dst: Ipv4Address;
  readonly prefixLength: number;
  readonly dev: string;
  readonly prefsrc: Ipv4Address;
  readonly scope: 'host' | 'link';
}

/**
 * The routes `fib_add_ifaddr` (net/ipv4/fib_frontend.c) adds for the addresses of the up devices,
 * device by device in list order: a local /32 per address, its broadcast route, and for a primary
 * address the connected route of its subnet (on loopback a local route for the whole prefix:
 * `lo` with VIP/24 makes the /24 local) with the subnet broadcast below /31. A secondary
 * address's routes take the primary of its subnet as source; a secondary without one gets none.
 */
export function ifaddrRoutes(devices: Iterable<IfaddrDevice>): { local: IfaddrRoute[]; main: IfaddrRoute[] } {
  const local: IfaddrRoute[] = [];
  const main: IfaddrRoute[] = [];
  for (const dev of devices) {
    if (!dev.up) continue;
    for (const ifa of dev.addresses) {
      const mask = prefixMask(ifa.prefixLength);
      const prefix = (ifa.address & mask) >>> 0;
      const prim = ifa.secondary
        ? dev.addresses.find((p) => !p.secondary && p.prefixLength === ifa.prefixLength && ((p.address & mask) >>> 0) === prefix)
        : ifa;
      if (!prim) continue;
      const base = { dev: dev.name, prefsrc: prim.address };
      local.push({ ...base, table: 'local', type: 'local', dst: ifa.address, prefixLength: 32, scope: 'host' });
      if (ifa.broadcast && ifa.broadcast !== 0xffffffff) local.push({ ...base, table: 'local', type: 'broadcast', dst: ifa.broadcast, prefixLength: 32, scope: 'link' });
      if (prefix !== 0 && !ifa.secondary && (prefix !== ifa.address || ifa.prefixLength < 32)) {
        if (dev.loopback) local.push({ ...base, table: 'local', type: 'local', dst: prefix, prefixLength: ifa.prefixLength, scope: 'host' });
        else main.push({ ...base, table: 'main', type: 'unicast', dst: prefix, prefixLength: ifa.prefixLength, scope: 'link' });
        if (ifa.prefixLength < 31) local.push({ ...base, table: 'local', type: 'broadcast', dst: (prefix | ~mask) >>> 0, prefixLength: 32, scope: 'link' });
      }
    }
  }
  return { local, main };
}
