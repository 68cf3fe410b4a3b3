import type { InterfaceConfig } from '../../../sim/model/config.ts';
import { formatIpv4Address } from '../../../wire/ipv4-address.ts';
import type { LabDocument, LabNode } from '../../document.ts';
import type { KernelAddress } from '../kernel/addresses.ts';
import { ifindex, lowerUp } from '../kernel/devices.ts';

/**
 * iproute2's device and address lines (ipaddress.c print_linkinfo / print_addrinfo), as
 * iproute2 6.1 prints them. IPv6 is not simulated, so no inet6 lines appear.
 */

/** `<LOOPBACK,BROADCAST,…,UP,LOWER_UP>` in print_link_flags order; NO-CARRIER for an up device without carrier. */
export function linkFlags(doc: LabDocument, node: LabNode, itf: InterfaceConfig, promisc: boolean): string {
  const flags: string[] = [];
  const carrier = lowerUp(doc, node, itf);
  if (itf.up && !carrier) flags.push('NO-CARRIER');
  if (itf.kind === 'loopback') flags.push('LOOPBACK');
  if (itf.kind === 'ether') flags.push('BROADCAST', 'MULTICAST');
  if (itf.kind === 'ipip') flags.push('NOARP');
  if (promisc) flags.push('PROMISC');
  if (itf.up) flags.push('UP');
  if (carrier) flags.push('LOWER_UP');
  return `<${flags.join(',')}>`;
}

/** The qdisc iproute2 shows: noqueue for lo and up tunnels, pfifo_fast once an Ethernet device is up, noop while down. */
function qdisc(itf: InterfaceConfig): string {
  if (itf.kind === 'loopback') return 'noqueue';
  if (!itf.up) return 'noop';
  return itf.kind === 'ipip' ? 'noqueue' : 'pfifo_fast';
}

/** Operational state: UP with carrier, UNKNOWN for lo and tunnels (no operstate driver), else DOWN. */
function operState(doc: LabDocument, node: LabNode, itf: InterfaceConfig): string {
  if (!itf.up) return 'DOWN';
  if (itf.kind !== 'ether') return 'UNKNOWN';
  return lowerUp(doc, node, itf) ? 'UP' : 'DOWN';
}

/** The name as iproute2 prints it: tunnels show their link (`tunl0@NONE`). */
export const linkName = (itf: InterfaceConfig): string => (itf.kind === 'ipip' ? `${itf.name}@NONE` : itf.name);

/** `2: ens33: <…> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000`. */
export function linkHeaderLine(doc: LabDocument, node: LabNode, itf: InterfaceConfig, promisc: boolean): string {
  return `${ifindex(node, itf.name)}: ${linkName(itf)}: ${linkFlags(doc, node, itf, promisc)} mtu ${itf.mtu} qdisc ${qdisc(itf)} state ${operState(doc, node, itf)} group default qlen 1000`;
}

/** `    link/ether 00:0c:29:… brd ff:ff:ff:ff:ff:ff`. */
export function linkAddressLine(itf: InterfaceConfig): string {
  if (itf.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  if (itf.kind === 'ipip') return '    link/ipip 0.0.0.0 brd 0.0.0.0';
  return `    link/ether ${itf.mac ?? '00:00:00:00:00:00'} brd ff:ff:ff:ff:ff:ff`;
}

/** `    inet 192.168.122.10/24 brd 192.168.122.255 scope global ens33` and the lifetime line. */
export function inetLines(a: KernelAddress): string[] {
  const brd = a.broadcast ? ` brd ${formatIpv4Address(a.broadcast)}` : '';
  return [
    `    inet ${formatIpv4Address(a.address)}/${a.prefixLength}${brd} scope ${a.scope}${a.secondary ? ' secondary' : ''} ${a.label}`,
    '       valid_lft forever preferred_lft forever',
  ];
}
