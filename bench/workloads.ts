// The simulation benchmarks' workloads, shared by the Node benchmarks (bench/sim-*.ts) and the
// same workloads in Chromium's worker (bench/ui-sim-worker.ts). Only the simulation and the
// global `performance` clock: this file runs in both.
import { toNetworkConfig } from '../src/lab/document.ts';
import { Network, type RunningAction } from '../src/sim/network.ts';
import { drClusterLab, lanLab } from './labs.ts';

/** Wall seconds and events of one run, and how many of its transfers failed. */
export interface WorkloadRun {
  readonly wall: number;
  readonly events: number;
  readonly failed: number;
}

const LAN_CLIENTS = 25;
const LAN_SERVERS = 25;
export const LAN_REQUESTS = 10_000;

/**
 * 50 hosts (25 clients, 25 web servers on one switch) exchange 10,000 HTTP requests: 25 at a
 * time, each client fetching from a different server every round. Trace off: this measures the
 * simulation itself.
 */
export function lanRequests(): WorkloadRun {
  const net = new Network(toNetworkConfig(lanLab(LAN_CLIENTS, LAN_SERVERS)), { seed: 1, trace: false });
  const start = performance.now();
  let done = 0;
  let failed = 0;
  for (let round = 0; done < LAN_REQUESTS; round++) {
    const batch = startCurls(net, Math.min(LAN_CLIENTS, LAN_REQUESTS - done), (c) => `http://10.0.2.${((c + round) % LAN_SERVERS) + 1}/`);
    net.settleAll();
    failed += failures(batch);
    done += batch.length;
  }
  return { wall: (performance.now() - start) / 1000, events: net.engine.eventsRun, failed };
}

/**
 * Starts a curl on each of the first `count` clients (`c0`, `c1`, …). The workloads' loops call
 * this and `failures` once a round rather than doing the work inline: a loop that runs once per
 * process is never compiled by the JavaScript engine, and its own steps would be counted at the
 * interpreter's speed as the simulation's.
 */
function startCurls(net: Network, count: number, url: (client: number) => string): RunningAction[] {
  const batch: RunningAction[] = [];
  for (let c = 0; c < count; c++) batch.push(net.start({ kind: 'curl', node: `c${c}`, url: url(c) }));
  return batch;
}

/** How many of the round's transfers failed. */
function failures(batch: readonly RunningAction[]): number {
  let failed = 0;
  for (const h of batch) if (!(h.result?.kind === 'curl' && h.result.ok)) failed++;
  return failed;
}

const DR_CLIENTS = 200;
const DR_SERVERS = 100;

/**
 * `connections` HTTP connections through an LVS-DR director (wlc) to 100 real servers: 200
 * clients behind a gateway, 200 connections in flight at a time. Trace off.
 */
export function drConnections(connections: number): WorkloadRun {
  const net = new Network(toNetworkConfig(drClusterLab(DR_CLIENTS, DR_SERVERS)), { seed: 1, trace: false });
  const start = performance.now();
  let done = 0;
  let failed = 0;
  while (done < connections) {
    const batch = startCurls(net, Math.min(DR_CLIENTS, connections - done), () => 'http://192.168.122.188/');
    net.settleAll();
    failed += failures(batch);
    done += batch.length;
  }
  const wall = (performance.now() - start) / 1000;
  const scheduled = net.hosts.get('director')!.ipvs!.servicesSnapshot()[0]!.stats.conns;
  return { wall, events: net.engine.eventsRun, failed: failed + (connections - scheduled) };
}
