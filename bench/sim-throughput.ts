import { performance } from 'node:perf_hooks';
import { toNetworkConfig } from '../src/lab/document.ts';
import { Network, type RunningAction } from '../src/sim/network.ts';
import { inFreshProcesses } from './fresh-runs.ts';
import { report } from './report.ts';
import { median, spread } from './stats.ts';
import { lanLab } from './labs.ts';

// 50 hosts (25 clients, 25 web servers on one switch) exchange 10,000 HTTP requests: 25 at a
// time, each client fetching from a different server every round. Trace off: this measures the
// simulation itself.
const CLIENTS = 25;
const SERVERS = 25;
const REQUESTS = 10_000;
/** Fresh processes measured; the figure is their median. */
const RUNS = 5;

/** Runs the 10,000 requests on a fresh network; returns wall seconds and events run. */
function run(): { wall: number; events: number } {
  const net = new Network(toNetworkConfig(lanLab(CLIENTS, SERVERS)), { seed: 1, trace: false });
  const start = performance.now();
  let done = 0;
  let failed = 0;
  for (let round = 0; done < REQUESTS; round++) {
    const batch: RunningAction[] = [];
    for (let c = 0; c < CLIENTS && done + batch.length < REQUESTS; c++) {
      batch.push(net.start({ kind: 'curl', node: `c${c}`, url: `http://10.0.2.${((c + round) % SERVERS) + 1}/` }));
    }
    net.settleAll();
    for (const h of batch) if (!(h.result?.kind === 'curl' && h.result.ok)) failed++;
    done += batch.length;
  }
  if (failed) console.error(`warning: ${failed} requests failed`);
  return { wall: (performance.now() - start) / 1000, events: net.engine.eventsRun };
}

// Each process runs the lab twice. The first run is the figure: a fresh process, as a lab run
// starts in a fresh worker, so it includes the JavaScript engine's warm-up. The same run again in
// the same process shows the steady state once the code is compiled (information only).
const runs = inFreshProcesses(RUNS, () => {
  const cold = run();
  const warm = run();
  return { cold: cold.events / cold.wall, warm: warm.events / warm.wall, wall: cold.wall, events: cold.events };
});
if (runs) {
  const cold = runs.map((r) => r.cold);
  const warm = runs.map((r) => r.warm);
  console.log(`  ${RUNS} fresh processes: ${spread(cold)} events/s cold, ${spread(warm)} events/s after warm-up`);
  report('sim.http_50_hosts.events_per_second', median(cold), 'events/s', '>= 1000000', 'higher');
  report('sim.http_50_hosts.wall_time', median(runs.map((r) => r.wall)), 's', 'for 10000 requests', 'lower');
  report('sim.http_50_hosts.events', runs[0]!.events, 'events', 'information', 'lower');
  report('sim.http_50_hosts.events_per_second_after_warm_up', median(warm), 'events/s', 'information: the same run again in the same process', 'higher');
}
