import { inFreshProcesses } from './fresh-runs.ts';
import { report } from './report.ts';
import { median, spread } from './stats.ts';
import { drConnections } from './workloads.ts';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 100_000);
/** Fresh processes measured; the figure is their median. */
const RUNS = Number(process.env.RUNS ?? 3);

const runs = inFreshProcesses(RUNS, () => {
  const run = drConnections(CONNECTIONS);
  if (run.failed) console.error(`warning: ${run.failed} connections failed or were not scheduled`);
  return run;
});
if (runs) {
  const walls = runs.map((r) => r.wall);
  console.log(`  ${RUNS} fresh processes: ${spread(walls, 2)} s`);
  report('sim.dr_100k_connections.wall_time', median(walls), 's', '<= 2', 'lower');
  report('sim.dr_100k_connections.events_per_second', median(runs.map((r) => r.events / r.wall)), 'events/s', 'information', 'higher');
}
