// The simulation benchmarks' workloads in a dedicated worker, where the app runs its simulation.
// The worker's name says which; it posts the figures of its runs and is done.
import { drConnections, lanRequests, type WorkloadRun } from '../workloads.ts';

const runs: WorkloadRun[] = self.name === 'lan' ? [lanRequests(), lanRequests()] : [drConnections(100_000)];
self.postMessage(runs);
