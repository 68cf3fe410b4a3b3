import type { AddressConfig, InterfaceConfig, RealServerConfig, VirtualServiceConfig } from '../../sim/model/config.ts';
import { updateNode, type LabDocument, type LabNode } from '../../lab/document.ts';

// Pure edits of one node of a lab document; the forms check the result with validateLab before
// they store it as one undoable step.

/** Sets a sysctl explicitly, or removes it (back to the inherited value) when `value` is undefined. */
export function setSysctl(doc: LabDocument, node: string, name: string, value: number | undefined): LabDocument {
  return updateNode(doc, node, (n) => {
    const sysctls = { ...n.sysctls };
    if (value === undefined) delete sysctls[name];
    else sysctls[name] = value;
    return { ...n, sysctls };
  });
}

function updateInterface(doc: LabDocument, node: string, name: string, fn: (i: InterfaceConfig) => InterfaceConfig): LabDocument {
  return updateNode(doc, node, (n) => ({ ...n, interfaces: n.interfaces.map((i) => (i.name === name ? fn(i) : i)) }));
}

/** `ip link set <dev> up|down`. */
export function setInterfaceUp(doc: LabDocument, node: string, name: string, up: boolean): LabDocument {
  return updateInterface(doc, node, name, (i) => ({ ...i, up }));
}

/** `ip link set <dev> mtu <n>`. */
export function setInterfaceMtu(doc: LabDocument, node: string, name: string, mtu: number): LabDocument {
  return updateInterface(doc, node, name, (i) => ({ ...i, mtu }));
}

/** `ip addr add`: appends an address (the kernel lists a device's addresses in the order they were added). */
export function addAddress(doc: LabDocument, node: string, a: AddressConfig): LabDocument {
  return updateNode(doc, node, (n) => ({ ...n, addresses: [...n.addresses, a] }));
}

/** `ip addr del`: removes the address at `index` of the node's list. */
export function removeAddress(doc: LabDocument, node: string, index: number): LabDocument {
  return updateNode(doc, node, (n) => ({ ...n, addresses: n.addresses.filter((_, i) => i !== index) }));
}

/** Whether the device already has this address (the kernel answers "RTNETLINK answers: File exists"). */
export function hasAddress(n: LabNode, dev: string, address: string, prefixLength: number): boolean {
  return n.addresses.some((a) => a.dev === dev && a.address === address && a.prefixLength === prefixLength);
}

function updateIpvs(doc: LabDocument, node: string, fn: (services: readonly VirtualServiceConfig[]) => readonly VirtualServiceConfig[]): LabDocument {
  // ipvsadm loads ip_vs on first use.
  return updateNode(doc, node, (n) => ({ ...n, ipvs: { ...n.ipvs, loaded: true, services: fn(n.ipvs.services) } }));
}

/** `ipvsadm -A`. */
export function addService(doc: LabDocument, node: string, s: VirtualServiceConfig): LabDocument {
  return updateIpvs(doc, node, (list) => [...list, s]);
}

/** `ipvsadm -E`: replaces the service's settings, keeping its real servers. */
export function editService(doc: LabDocument, node: string, index: number, s: Omit<VirtualServiceConfig, 'realServers'>): LabDocument {
  return updateIpvs(doc, node, (list) => list.map((old, i) => (i === index ? { ...s, realServers: old.realServers } : old)));
}

/** `ipvsadm -D`. */
export function deleteService(doc: LabDocument, node: string, index: number): LabDocument {
  return updateIpvs(doc, node, (list) => list.filter((_, i) => i !== index));
}

/** `ipvsadm -a`: appends a real server (the kernel then lists it first). */
export function addRealServer(doc: LabDocument, node: string, service: number, rs: RealServerConfig): LabDocument {
  return updateIpvs(doc, node, (list) => list.map((s, i) => (i === service ? { ...s, realServers: [...s.realServers, rs] } : s)));
}

/** `ipvsadm -e`. */
export function editRealServer(doc: LabDocument, node: string, service: number, index: number, rs: RealServerConfig): LabDocument {
  return updateIpvs(doc, node, (list) => list.map((s, i) => (i === service ? { ...s, realServers: s.realServers.map((r, j) => (j === index ? rs : r)) } : s)));
}

/** `ipvsadm -d`. */
export function deleteRealServer(doc: LabDocument, node: string, service: number, index: number): LabDocument {
  return updateIpvs(doc, node, (list) => list.map((s, i) => (i === service ? { ...s, realServers: s.realServers.filter((_, j) => j !== index) } : s)));
}
