/**
 * Concise network configurations for the simulation's own tests (the lab layer has the real
 * document builder; sim may not import it).
 */
import type {
  AddressConfig, InterfaceConfig, LinkConfig, NetworkConfig, NodeConfig, RouteConfig,
} from '../model/config.ts';

export interface HostSpec {
  readonly kind?: 'host' | 'router';
  /** Device → MAC and addresses (`"10.0.0.1/24"`, or `"lo:0 192.168.122.188/32"` with a label). */
  readonly ifaces?: Readonly<Record<string, { readonly mac?: string; readonly addrs?: readonly string[]; readonly up?: boolean; readonly kind?: InterfaceConfig['kind']; readonly mtu?: number }>>;
  readonly routes?: readonly RouteConfig[];
  readonly sysctls?: Readonly<Record<string, number>>;
  readonly httpd?: string;
  readonly extra?: Partial<NodeConfig>;
}

/** A host or router configuration from a short spec. */
export function hostConfig(id: string, spec: HostSpec): NodeConfig {
  const interfaces: InterfaceConfig[] = [];
  const addresses: AddressConfig[] = [];
  for (const [name, i] of Object.entries(spec.ifaces ?? {})) {
    const kind = i.kind ?? (name === 'lo' ? 'loopback' : name.startsWith('tunl') ? 'ipip' : 'ether');
    interfaces.push({ name, kind, ...(i.mac ? { mac: i.mac } : {}), mtu: i.mtu ?? (kind === 'loopback' ? 65536 : kind === 'ipip' ? 1480 : 1500), up: i.up ?? true });
    for (const a of i.addrs ?? []) {
      const m = /^(?:(\S+) )?(\d+\.\d+\.\d+\.\d+)\/(\d+)(?: scope (host|link|global))?$/.exec(a);
      if (!m) throw new Error(`bad address spec ${a}`);
      addresses.push({ dev: name, address: m[2]!, prefixLength: Number(m[3]), ...(m[1] ? { label: m[1] } : {}), ...(m[4] ? { scope: m[4] as 'host' } : {}) });
    }
  }
  return {
    id,
    kind: spec.kind ?? 'host',
    interfaces,
    addresses,
    routes: spec.routes ?? [],
    sysctls: { ...(spec.kind === 'router' ? { 'net.ipv4.ip_forward': 1 } : {}), ...spec.sysctls },
    iptables: { nat: { PREROUTING: [], INPUT: [], OUTPUT: [], POSTROUTING: [] }, mangle: { PREROUTING: [], OUTPUT: [] } },
    ipvs: { loaded: false, services: [], timeouts: { tcp: 900, tcpfin: 120, udp: 300 } },
    services: { httpd: { running: spec.httpd !== undefined, port: 80 } },
    files: spec.httpd !== undefined ? { '/var/www/html/index.html': spec.httpd } : {},
    ...spec.extra,
  };
}

/** A switch. */
export function switchConfig(id: string): NodeConfig {
  return { ...hostConfig(id, {}), kind: 'switch' };
}

/** A link `a:iface` ↔ `b[:iface]` with 100 µs latency and 1 Gbit/s. */
export function link(a: string, b: string, latencyUs = 100, bandwidthBps = 1_000_000_000): LinkConfig {
  const end = (s: string) => {
    const [node, iface] = s.split(':');
    return iface !== undefined ? { node: node!, iface } : { node: node! };
  };
  return { a: end(a), b: end(b), latencyUs, bandwidthBps };
}

export function network(nodes: NodeConfig[], links: LinkConfig[]): NetworkConfig {
  return { nodes, links };
}
