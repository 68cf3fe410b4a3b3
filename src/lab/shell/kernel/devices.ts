import type { InterfaceConfig } from '../../../sim/model/config.ts';
import type { LabDocument, LabNode } from '../../document.ts';

/** Whether the device has a cable (a link in the lab): its carrier, for an Ethernet device. */
export function hasCable(doc: LabDocument, node: LabNode, dev: string): boolean {
  return doc.links.some((l) => (l.a.node === node.id && l.a.iface === dev) || (l.b.node === node.id && l.b.iface === dev));
}

/** IFF_LOWER_UP: an up device with carrier (lo and tunnels always have it). */
export function lowerUp(doc: LabDocument, node: LabNode, itf: InterfaceConfig): boolean {
  if (!itf.up) return false;
  return itf.kind !== 'ether' || hasCable(doc, node, itf.name);
}

/** The ifindex of a device: lo is 1, then devices in the order they were created. */
export function ifindex(node: LabNode, dev: string): number {
  return node.interfaces.findIndex((i) => i.name === dev) + 1;
}

/** The MTU limits of a device kind (ether: ETH_MIN_MTU..ETH_MAX_MTU of a VMware NIC; ipip: 68..65535-20). */
export function mtuRange(kind: InterfaceConfig['kind']): { min: number; max: number } {
  if (kind === 'ether') return { min: 68, max: 9000 };
  if (kind === 'ipip') return { min: 68, max: 65515 };
  return { min: 68, max: 65536 };
}
