import { formatIpv4Address } from '../wire/ipv4-address.ts';
import type { LinuxHost } from './host/host.ts';
import { Iptables } from './host/iptables.ts';
import { scopeName } from './host/scope.ts';
import type { NodeSnapshot } from './model/snapshot.ts';

/** A host's tables as plain data. */
export function snapshotHost(host: LinuxHost): NodeSnapshot {
  const iptables = host.modules.find((m): m is Iptables => m instanceof Iptables);
  return {
    node: host.id,
    interfaces: host.devices().map((d) => ({
      name: d.name, kind: d.kind, mac: d.mac, mtu: d.mtu, up: d.up,
      addresses: host.addrs.of(d.name).map((a) => ({
        address: formatIpv4Address(a.local), prefixLength: a.prefixLength, label: a.label, scope: scopeName(a.scope), secondary: a.secondary,
      })),
    })),
    neighbours: host.neigh.snapshot(),
    routes: host.fib.snapshot(),
    ipvsLoaded: host.ipvs?.loaded ?? false,
    services: host.ipvs?.servicesSnapshot() ?? [],
    connections: host.ipvs?.connectionsSnapshot() ?? [],
    ...(iptables ? { filterCounters: iptables.filter.countersOf(host.config.iptables.filter) } : {}),
    issues: host.issues.map((i) => i.what),
  };
}
