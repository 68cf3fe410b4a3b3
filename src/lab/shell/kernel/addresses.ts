import { formatIpv4Address, parseIpv4Address, prefixMask, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { AddressConfig, AddressScope } from '../../../sim/model/config.ts';
import { ifaInsertPlace, type IfaOrderKey } from '../../../sim/model/ifaddr.ts';
import type { LabNode } from '../../document.ts';

/** An IPv4 address as the kernel lists it on a device (struct in_ifaddr). */
export interface KernelAddress {
  readonly dev: string;
  readonly address: Ipv4Address;
  readonly prefixLength: number;
  /** 0 when none. */
  readonly broadcast: Ipv4Address;
  readonly scope: AddressScope;
  readonly label: string;
  /** IFA_F_SECONDARY: same subnet and mask as an earlier address on the device. */
  readonly secondary: boolean;
  /** The document entry it comes from; undefined for 127.0.0.1/8 on lo, which every host has. */
  readonly config: AddressConfig | undefined;
}

/** RT_SCOPE values, which order the addresses. */
const SCOPE_RANK: Record<AddressScope, number> = { global: 0, link: 253, host: 254 };

const orderKey = (a: Omit<KernelAddress, 'secondary'> & { secondary?: boolean }): IfaOrderKey => ({
  address: a.address, prefixLength: a.prefixLength, scope: SCOPE_RANK[a.scope], secondary: a.secondary ?? false,
});

/** The address 127.0.0.1/8 that the kernel puts on lo (not stored in lab documents). */
export const LOOPBACK_ADDRESS: Omit<KernelAddress, 'secondary'> = {
  dev: 'lo', address: 0x7f000001, prefixLength: 8, broadcast: 0, scope: 'host', label: 'lo', config: undefined,
};

/**
 * Adds an address to a device's list in the kernel's order (`ifaInsertPlace`, devinet.c
 * __inet_insert_ifa). Returns `EEXIST` for a duplicate and `EINVAL` for a same-subnet address of
 * another scope.
 */
export function insertAddress(list: KernelAddress[], a: Omit<KernelAddress, 'secondary'>): 'EEXIST' | 'EINVAL' | null {
  const place = ifaInsertPlace(list.map(orderKey), orderKey(a));
  if (typeof place === 'string') return place;
  list.splice(place.index, 0, { ...a, secondary: place.secondary });
  return null;
}

/** A document address as the kernel holds it. */
export function fromConfig(a: AddressConfig): Omit<KernelAddress, 'secondary'> {
  return {
    dev: a.dev, address: parseIpv4Address(a.address) ?? 0, prefixLength: a.prefixLength,
    broadcast: a.broadcast !== undefined ? parseIpv4Address(a.broadcast) ?? 0 : 0,
    scope: a.scope ?? 'global', label: a.label ?? a.dev, config: a,
  };
}

/** Every device's addresses in kernel order, 127.0.0.1/8 on lo first. */
export function kernelAddresses(node: LabNode): Map<string, KernelAddress[]> {
  const byDev = new Map<string, KernelAddress[]>();
  for (const itf of node.interfaces) byDev.set(itf.name, []);
  if (byDev.has('lo')) insertAddress(byDev.get('lo')!, LOOPBACK_ADDRESS);
  for (const a of node.addresses) {
    const list = byDev.get(a.dev);
    if (list) insertAddress(list, fromConfig(a));
  }
  return byDev;
}

/** The addresses of one device in kernel order. */
export function addressesOf(node: LabNode, dev: string): readonly KernelAddress[] {
  return kernelAddresses(node).get(dev) ?? [];
}

/** Whether `addr` is configured on any device of the node. */
export function isLocalAddress(node: LabNode, addr: Ipv4Address): boolean {
  if (addr >>> 24 === 127) return true;
  return node.addresses.some((a) => parseIpv4Address(a.address) === addr);
}

/** The netmask of a prefix length as a dotted quad. */
export const netmaskOf = (prefixLength: number): string => formatIpv4Address(prefixMask(prefixLength));

/** The subnet broadcast of an address (`ip addr add … brd +`, ifconfig's default). */
export const subnetBroadcast = (address: Ipv4Address, prefixLength: number): Ipv4Address =>
  (address | (~prefixMask(prefixLength) >>> 0)) >>> 0;
