import { parseIpv4Address } from '../wire/ipv4-address.ts';
import type { Frame } from '../wire/packet.ts';
import type { DeviceCounters } from '../lab/shell/command.ts';
import type { ShellRuntime } from '../lab/shell/types.ts';
import type { TrafficAction } from '../sim/model/config.ts';
import type { TrafficResult } from '../sim/model/traffic.ts';
import { routeCache, routeGet } from '../sim/host/route-get.ts';
import { Httpd } from '../sim/apps/httpd.ts';
import { Iptables } from '../sim/host/iptables.ts';
import type { SimSession } from './session.ts';

/** What a traffic action reports when it did not settle within the session's limit. */
function unsettled(action: TrafficAction, startUs: number, endUs: number): TrafficResult {
  switch (action.kind) {
    case 'curl':
      return { kind: 'curl', ok: false, url: action.url, error: 'timeout', host: '', port: 0, startUs, endUs };
    case 'ping':
      return { kind: 'ping', destination: action.destination, source: '', payloadBytes: 56, transmitted: action.count, events: [], startUs, endUs };
    case 'arping':
      return { kind: 'arping', target: action.target, iface: action.iface, source: '', sent: action.count, broadcasts: action.count, replies: [], startUs, endUs };
  }
}

/** The shell's view of a running simulation session: traffic, tables, captures, the kernel log. */
export function sessionRuntime(session: SimSession): ShellRuntime {
  const network = session.network;
  const host = (node: string) => network.hosts.get(node);
  return {
    nowUs: () => network.engine.now,
    snapshot: (node) => session.snapshot(node),
    traffic: (action) => {
      const start = network.engine.now;
      const running = session.run(action);
      return running.result ?? unsettled(action, start, network.engine.now);
    },
    sleep: (us) => network.engine.runUntil(network.engine.now + us),
    flushNeighbours: (node, dev, prefix) => host(node)?.neigh.flush(dev, prefix) ?? 0,
    routeGet: (node, query) => {
      const h = host(node);
      return h ? routeGet(h, query) : undefined;
    },
    routeCache: (node) => {
      const h = host(node);
      return h ? routeCache(h) : [];
    },
    flushRouteCache: (node) => host(node)?.router.flushCache(),
    tcpSockets: (node) => host(node)?.tcp.socketList() ?? [],
    setNeighbour: (node, dev, ip, mac) => {
      const h = host(node);
      const d = h?.device(dev);
      const addr = parseIpv4Address(ip);
      if (!h || !d || addr === null) return false;
      if (mac === null) return h.neigh.remove(d, addr);
      h.neigh.setPermanent(d, addr, mac);
      return true;
    },
    zeroIpvs: (node, service) => {
      const ipvs = host(node)?.ipvs;
      if (!ipvs) return false;
      if (!service) return ipvs.zero();
      const key = service.protocol === 'fwmark' ? `fwmark ${service.fwmark ?? 0}` : `${service.protocol} ${service.address ?? ''} ${service.port ?? 0}`;
      return ipvs.zero(key);
    },
    filterCounters: (node) => {
      const h = host(node);
      return h?.modules.find((m): m is Iptables => m instanceof Iptables)?.filter.countersOf(h.config.iptables.filter);
    },
    zeroFilter: (node, chain) => host(node)?.modules.find((m): m is Iptables => m instanceof Iptables)?.filter.zero(chain),
    kernelLog: (node) => host(node)?.kernelLog ?? [],
    httpAccessLog: (node) => host(node)?.modules.find((m): m is Httpd => m instanceof Httpd)?.accessLog.entries() ?? [],
    capture: (node, dev, onFrame) => {
      const d = host(node)?.device(dev);
      if (!d) return undefined;
      const tap = (direction: 'in' | 'out', timeUs: number, frame: Frame): void => onFrame(direction, timeUs, frame);
      d.taps.add(tap);
      return () => {
        d.taps.delete(tap);
      };
    },
  };
}

/** Device counters (/proc/net/dev) as the simulated devices keep them (dev->stats). */
export function deviceCounters(session: SimSession): (node: string, dev: string) => DeviceCounters | undefined {
  return (node, dev) => {
    const d = session.network.hosts.get(node)?.device(dev);
    return d ? { rxPackets: d.rxPackets, rxBytes: d.rxBytes, txPackets: d.txPackets, txBytes: d.txBytes } : undefined;
  };
}
