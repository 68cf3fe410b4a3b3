import { inSubnet, prefixMask, type Ipv4Address } from '../../wire/ipv4-address.ts';
import { ifaInsertPlace, type IfaOrderKey } from '../model/ifaddr.ts';
import { RT_SCOPE } from './scope.ts';

/** An IPv4 address on a device (the kernel's struct in_ifaddr). */
export interface IfAddr {
  readonly dev: string;
  readonly local: Ipv4Address;
  readonly prefixLength: number;
  readonly mask: number;
  readonly broadcast: Ipv4Address;
  readonly scope: number;
  readonly label: string;
  /** IFA_F_SECONDARY: same subnet as an earlier address on the device. */
  readonly secondary: boolean;
}

/** Whether `addr` is in the subnet of `ifa` (inet_ifa_match). */
export const ifaMatch = (addr: Ipv4Address, ifa: IfAddr): boolean => inSubnet(addr, ifa.local, ifa.prefixLength);

const orderKey = (ifa: IfAddr): IfaOrderKey => ({ address: ifa.local, prefixLength: ifa.prefixLength, scope: ifa.scope, secondary: ifa.secondary });

/** The address lists of a node's devices, kept in the kernel's order (`ifaInsertPlace`). */
export class AddressTable {
  private readonly byDev = new Map<string, IfAddr[]>();
  /**
   * Local address → device, rebuilt on every change (the martian check asks per packet). Keyed
   * by the address as a signed 32-bit integer, which a Map hashes fastest.
   */
  private local: Map<number, string> | undefined;
  private changes = 0;

  /** Changes so far: what was derived from the addresses is current while this is unchanged. */
  get generation(): number {
    return this.changes;
  }

  /** Addresses of one device in kernel order. */
  of(dev: string): readonly IfAddr[] {
    return this.byDev.get(dev) ?? [];
  }

  /** Every address, device by device. */
  all(): IfAddr[] {
    return [...this.byDev.values()].flat();
  }

  clear(): void {
    this.byDev.clear();
    this.local = undefined;
    this.changes++;
  }

  /**
   * Adds an address where `ifaInsertPlace` (devinet.c __inet_insert_ifa) puts it. Returns
   * `EEXIST` for a duplicate and `EINVAL` for a same-subnet address of another scope.
   */
  add(a: Omit<IfAddr, 'mask' | 'secondary'>): 'EEXIST' | 'EINVAL' | null {
    const list = this.byDev.get(a.dev) ?? [];
    const place = ifaInsertPlace(list.map(orderKey), { address: a.local, prefixLength: a.prefixLength, scope: a.scope });
    if (typeof place === 'string') return place;
    list.splice(place.index, 0, { ...a, mask: prefixMask(a.prefixLength), secondary: place.secondary });
    this.byDev.set(a.dev, list);
    this.local = undefined;
    this.changes++;
    return null;
  }

  /** Removes an address; removing a primary removes its secondaries (promote_secondaries=0). */
  remove(dev: string, local: Ipv4Address, prefixLength?: number): boolean {
    const list = this.byDev.get(dev);
    if (!list) return false;
    const i = list.findIndex((x) => x.local === local && (prefixLength === undefined || x.prefixLength === prefixLength));
    if (i < 0) return false;
    const gone = list[i]!;
    const keep = list.filter((x, j) => j !== i && !(!gone.secondary && x.secondary && x.mask === gone.mask && ifaMatch(x.local, gone)));
    this.byDev.set(dev, keep);
    this.local = undefined;
    this.changes++;
    return true;
  }

  /** The device holding `addr`, if it is local (inet_lookup_ifaddr / __ip_dev_find). */
  devOf(addr: Ipv4Address): string | undefined {
    let local = this.local;
    if (!local) {
      local = new Map();
      for (const [dev, list] of this.byDev) for (const x of list) if (!local.has(x.local | 0)) local.set(x.local | 0, dev);
      this.local = local;
      this.lastAddr = undefined;
    }
    // The martian check asks about each packet's source, which mostly repeats.
    if (addr === this.lastAddr) return this.lastDev;
    const dev = local.get(addr | 0);
    this.lastAddr = addr;
    this.lastDev = dev;
    return dev;
  }

  /** The address `devOf` answered for last, and its answer (valid while `local` is). */
  private lastAddr: Ipv4Address | undefined;
  private lastDev: string | undefined;

  /**
   * inet_confirm_addr on one device (devinet.c confirm_addr_indev): the address `local` (or any,
   * when 0) of scope at most `scope`, confirmed only if some address on the device has `local`
   * and `dst` in its subnet.
   */
  confirmOnDev(dev: string, dst: Ipv4Address, local: Ipv4Address, scope: number): Ipv4Address {
    let addr = 0;
    let same = false;
    for (const ifa of this.of(dev)) {
      const minScope = ifa.scope;
      if (!addr && (local === ifa.local || !local) && minScope <= scope) {
        addr = ifa.local;
        if (same) break;
      }
      if (!same) {
        same = (!local || ifaMatch(local, ifa)) && (!dst || ifaMatch(dst, ifa));
        if (same && addr) {
          if (local || !dst) break;
          if (ifaMatch(addr, ifa)) break;
          if (minScope <= scope) {
            addr = ifa.local;
            break;
          }
          same = false;
        }
      }
    }
    return same ? addr : 0;
  }

  /**
   * inet_select_addr (devinet.c): the first primary address on `dev` of scope at most `scope` in
   * `dst`'s subnet, else the first such primary, else one from the other devices (lo first).
   */
  selectAddr(dev: string, dst: Ipv4Address, scope: number, deviceOrder: readonly string[], routeLocalnet: boolean): Ipv4Address {
    const localnetScope = routeLocalnet ? RT_SCOPE.LINK : RT_SCOPE.HOST;
    let addr = 0;
    for (const ifa of this.of(dev)) {
      if (ifa.secondary) continue;
      if (Math.min(ifa.scope, localnetScope) > scope) continue;
      if (!dst || ifaMatch(dst, ifa)) {
        addr = ifa.local;
        break;
      }
      if (!addr) addr = ifa.local;
    }
    if (addr) return addr;
    // "It is important that lo is the first interface in dev_base list."
    for (const other of deviceOrder) {
      for (const ifa of this.of(other)) {
        if (!ifa.secondary && ifa.scope !== RT_SCOPE.LINK && ifa.scope <= scope) return ifa.local;
      }
    }
    return 0;
  }

  /** inet_addr_onlink: whether `a` (and `b`, when non-zero) lie in one subnet of `dev`. */
  onlink(dev: string, a: Ipv4Address, b: Ipv4Address): boolean {
    return this.of(dev).some((ifa) => ifaMatch(a, ifa) && (!b || ifaMatch(b, ifa)));
  }
}
