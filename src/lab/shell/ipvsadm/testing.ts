/**
 * Test support: a fake ShellRuntime whose IPVS snapshot carries counters derived from each
 * service's and real server's position (so expected listings can be worked out independently),
 * and a record of the `ipvsadm -Z` calls it received.
 */
import type { LabDocument, LabNode } from '../../document.ts';
import type { IpvsConnSnapshot, IpvsRates, IpvsStats, NodeSnapshot } from '../../../sim/model/snapshot.ts';
import type { ShellContext, ShellRuntime } from '../types.ts';

/** The counters of real server `d` (add order) of service `s` (add order), times `scale`. */
export function destCounters(s: number, d: number, scale = 1): { active: number; inact: number; persist: number; stats: IpvsStats; rates: IpvsRates } {
  const conns = (100 * s + 10 * d + 3) * scale;
  return {
    active: (s + 2 * d) % 5, inact: 7 * s + 3 * d + 1, persist: d % 2,
    stats: { conns, inPkts: conns * 7, outPkts: conns * 5, inBytes: conns * 420, outBytes: conns * 4500 },
    rates: { cps: s + d, inPps: (conns * 7) % 997, outPps: (conns * 5) % 991, inBps: (conns * 420) % 100_003, outBps: (conns * 4500) % 1_000_003 },
  };
}

/** A snapshot of the node's IPVS with destCounters for every server (service counters are their sums). */
export function fakeSnapshot(node: LabNode, connections: readonly IpvsConnSnapshot[] = [], scale = 1): NodeSnapshot {
  return {
    node: node.id, interfaces: [], neighbours: [], routes: [], ipvsLoaded: node.ipvs.loaded, issues: [], connections,
    services: node.ipvs.services.map((svc, s) => {
      const added = svc.realServers.map((r, d) => ({ r, c: destCounters(s, d, scale) }));
      const newest = [...added].reverse();
      const sum = (f: (c: ReturnType<typeof destCounters>) => number): number => added.reduce((n, x) => n + f(x.c), 0);
      return {
        protocol: svc.protocol, ...(svc.address !== undefined ? { address: svc.address, port: svc.port } : { fwmark: svc.fwmark }),
        scheduler: svc.scheduler, schedulerFlags: svc.schedulerFlags ?? [], onePacket: svc.onePacket ?? false,
        dests: newest.map(({ r, c }) => ({
          address: r.address, port: r.port, forwardingMethod: r.forwardingMethod, weight: r.weight, upperThreshold: r.upperThreshold,
          lowerThreshold: r.lowerThreshold, activeConns: c.active, inactConns: c.inact, persistConns: c.persist, overloaded: false, stats: c.stats,
        })),
        stats: { conns: sum((c) => c.stats.conns), inPkts: sum((c) => c.stats.inPkts), outPkts: sum((c) => c.stats.outPkts), inBytes: sum((c) => c.stats.inBytes), outBytes: sum((c) => c.stats.outBytes) },
        rates: { cps: sum((c) => c.rates.cps), inPps: sum((c) => c.rates.inPps), outPps: sum((c) => c.rates.outPps), inBps: sum((c) => c.rates.inBps), outBps: sum((c) => c.rates.outBps) },
        destRates: newest.map(({ c }) => c.rates),
      };
    }),
  };
}

/** A runtime answering `snapshot` from the document's current node and recording `zeroIpvs` calls. */
export class FakeRuntime implements ShellRuntime {
  readonly zeroCalls: (Parameters<ShellRuntime['zeroIpvs']>[1])[] = [];

  constructor(private readonly node: () => LabNode, private readonly connections: readonly IpvsConnSnapshot[] = [], private readonly scale = 1) {}

  nowUs(): number { return 0; }
  snapshot(id: string): NodeSnapshot | undefined {
    const node = this.node();
    return id === node.id ? fakeSnapshot(node, this.connections, this.scale) : undefined;
  }
  traffic(): never { throw new Error('no traffic in ipvsadm tests'); }
  sleep(): void {}
  flushNeighbours(): number { return 0; }
  routeGet(): undefined { return undefined; }
  routeCache(): [] { return []; }
  flushRouteCache(): void {}
  tcpSockets(): [] { return []; }
  setNeighbour(): boolean { return false; }
  zeroIpvs(_node: string, service: Parameters<ShellRuntime['zeroIpvs']>[1]): boolean {
    this.zeroCalls.push(service);
    return true;
  }
  filterCounters(): undefined { return undefined; }
  zeroFilter(): void {}
  kernelLog(): readonly string[] { return []; }
  httpAccessLog(): [] { return []; }
  capture(): undefined { return undefined; }
}

/** A shell context on `nodeId` of `doc`, with or without a (fake) running simulation. */
export function contextOf(doc: LabDocument, nodeId: string, runtime?: ShellRuntime): ShellContext {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  return { doc, node, runtime };
}
