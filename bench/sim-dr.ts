import { performance } from 'node:perf_hooks';
import { toNetworkConfig } from '../src/lab/document.ts';
import { Network, type RunningAction } from '../src/sim/network.ts';
import { report } from './report.ts';
import { drClusterLab } from './labs.ts';

// 100,000 HTTP connections through an LVS-DR director (wlc) to 100 real servers: 200 clients
// behind a gateway, 200 connections in flight at a time. Trace off.
const CLIENTS = 200;
const SERVERS = 100;
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100_000);

const net = new Network(toNetworkConfig(drClusterLab(CLIENTS, SERVERS)), { seed: 1, trace: false });
const start = performance.now();
let done = 0;
let failed = 0;
while (done < CONNECTIONS) {
  const batch: RunningAction[] = [];
  for (let c = 0; c < CLIENTS && done + batch.length < CONNECTIONS; c++) {
    batch.push(net.start({ kind: 'curl', node: `c${c}`, url: 'http://192.168.122.188/' }));
  }
  net.settleAll();
  for (const h of batch) if (!(h.result?.kind === 'curl' && h.result.ok)) failed++;
  done += batch.length;
}
const wall = (performance.now() - start) / 1000;
const director = net.hosts.get('director')!.ipvs!.servicesSnapshot()[0]!;
const served = director.dests.filter((d) => d.stats.conns > 0).length;
if (failed) console.error(`warning: ${failed} connections failed`);
console.error(`(${director.stats.conns} connections scheduled on ${served} real servers)`);
report('sim.dr_100k_connections.wall_time', wall, 's', '<= 2', 'lower');
report('sim.dr_100k_connections.events_per_second', net.engine.eventsRun / wall, 'events/s', 'information', 'higher');
