import type {
  AddressConfig, InterfaceConfig, IptablesConfig, IpvsConfig, LinkConfig, NodeKind, RouteConfig, ServicesConfig,
} from '../sim/model/config.ts';
import type { LabDocument, LabNode, LocalizedText, NodeRole } from './document.ts';
import { LAB_VERSION } from './document.ts';
import { macFor } from './mac.ts';

/** Empty iptables tables. */
export const EMPTY_IPTABLES: IptablesConfig = {
  nat: { PREROUTING: [], INPUT: [], OUTPUT: [], POSTROUTING: [] },
  mangle: { PREROUTING: [], OUTPUT: [] },
};

/** No IPVS (module not loaded), default timeouts (ipvsadm --set 900 120 300). */
export const EMPTY_IPVS: IpvsConfig = { loaded: false, services: [], timeouts: { tcp: 900, tcpfin: 120, udp: 300 } };

export const NO_SERVICES: ServicesConfig = { httpd: { running: false, port: 80 } };

/** The loopback device every Linux host has. */
export const LOOPBACK: InterfaceConfig = { name: 'lo', kind: 'loopback', mtu: 65536, up: true };

/** The kind of node a role runs on. */
export function kindForRole(role: NodeRole): NodeKind {
  return role === 'switch' ? 'switch' : role === 'router' ? 'router' : 'host';
}

/** A new node with only its loopback device (switches have no devices). */
export function newNode(id: string, role: NodeRole, position: { x: number; y: number }): LabNode {
  const kind = kindForRole(role);
  return {
    id, kind, role, position,
    interfaces: kind === 'switch' ? [] : [LOOPBACK],
    addresses: [],
    routes: [],
    sysctls: kind === 'router' ? { 'net.ipv4.ip_forward': 1 } : {},
    iptables: EMPTY_IPTABLES,
    ipvs: EMPTY_IPVS,
    services: NO_SERVICES,
    files: {},
  };
}

/** An Ethernet device for `node`, down or up, with a generated MAC unless one is given. */
export function ether(node: string, name: string, up = true, mac?: string): InterfaceConfig {
  return { name, kind: 'ether', mac: mac ?? macFor(node, name), mtu: 1500, up };
}

/** `"192.168.122.10/24"` or `"192.168.122.188/32 ens33:0"` (a label) on `dev`. */
export function address(dev: string, spec: string, label?: string, scope?: AddressConfig['scope']): AddressConfig {
  const [a, len] = spec.split('/');
  return { dev, address: a!, prefixLength: Number(len ?? 32), ...(label ? { label } : {}), ...(scope ? { scope } : {}) };
}

/** A default route via `gateway`. */
export function defaultRoute(gateway: string): RouteConfig {
  return { dst: 'default', via: gateway };
}

/** A link with the lab defaults: 100 µs one way, 1 Gbit/s. */
export function labLink(a: string, b: string, latencyUs = 100): LinkConfig {
  const end = (s: string) => {
    const i = s.indexOf(':');
    return i < 0 ? { node: s } : { node: s.slice(0, i), iface: s.slice(i + 1) };
  };
  return { a: end(a), b: end(b), latencyUs, bandwidthBps: 1_000_000_000 };
}

/** An empty document. */
export function emptyLab(title: LocalizedText = { en: 'Untitled lab', zh: '未命名实验' }): LabDocument {
  return { version: LAB_VERSION, title, description: { en: '', zh: '' }, seed: 1, nodes: [], links: [], scenario: [] };
}
