import { performance } from 'node:perf_hooks';
import { toNetworkConfig } from '../src/lab/document.ts';
import { Network, type RunningAction } from '../src/sim/network.ts';
import { inFreshProcesses } from './fresh-runs.ts';
import { report } from './report.ts';
import { median, spread } from './stats.ts';
import { drClusterLab } from './labs.ts';

// 100,000 HTTP connections through an LVS-DR director (wlc) to 100 real servers: 200 clients
// behind a gateway, 200 connections in flight at a time. Trace off.
const CLIENTS = 200;
const SERVERS = 100;
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100_000);
/** Fresh processes measured; the figure is their median. */
const RUNS = Number(process.env.RUNS ?? 3);

function run(): { wall: number; events: number } {
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
  if (director.stats.conns !== CONNECTIONS) console.error(`warning: ${director.stats.conns} connections scheduled on ${served} real servers`);
  return { wall, events: net.engine.eventsRun };
}

const runs = inFreshProcesses(RUNS, run);
if (runs) {
  const walls = runs.map((r) => r.wall);
  console.log(`  ${RUNS} fresh processes: ${spread(walls, 2)} s`);
  report('sim.dr_100k_connections.wall_time', median(walls), 's', '<= 2', 'lower');
  report('sim.dr_100k_connections.events_per_second', median(runs.map((r) => r.events / r.wall)), 'events/s', 'information', 'higher');
}
