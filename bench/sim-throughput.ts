import { inFreshProcesses } from './fresh-runs.ts';
import { report } from './report.ts';
import { median, spread } from './stats.ts';
import { LAN_REQUESTS, lanRequests } from './workloads.ts';

/** Fresh processes measured; the figure is their median. */
const RUNS = 5;

// Each process runs the lab twice. The first run is the figure: a fresh process, as a lab run
// starts in a fresh worker, so it includes the JavaScript engine's warm-up. The same run again in
// the same process shows the steady state once the code is compiled (information only).
const runs = inFreshProcesses(RUNS, () => {
  const cold = lanRequests();
  const warm = lanRequests();
  if (cold.failed + warm.failed) console.error(`warning: ${cold.failed + warm.failed} requests failed`);
  return { cold: cold.events / cold.wall, warm: warm.events / warm.wall, wall: cold.wall, events: cold.events };
});
if (runs) {
  const cold = runs.map((r) => r.cold);
  const warm = runs.map((r) => r.warm);
  console.log(`  ${RUNS} fresh processes: ${spread(cold)} events/s cold, ${spread(warm)} events/s after warm-up`);
  report('sim.http_50_hosts.events_per_second', median(cold), 'events/s', '>= 1000000', 'higher');
  report('sim.http_50_hosts.wall_time', median(runs.map((r) => r.wall)), 's', `for ${LAN_REQUESTS} requests`, 'lower');
  report('sim.http_50_hosts.events', runs[0]!.events, 'events', 'information', 'lower');
  report('sim.http_50_hosts.events_per_second_after_warm_up', median(warm), 'events/s', 'information: the same run again in the same process', 'higher');
}
