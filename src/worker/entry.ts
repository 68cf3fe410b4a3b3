/// <reference lib="webworker" />
import { expose } from './rpc.ts';
import { SimService } from './sim-service.ts';

/** The simulation worker: serves the SimApi contract to the page. */
declare const self: DedicatedWorkerGlobalScope;

// The shell's code (its parsers and commands, half of the worker) loads with the first shell line:
// the first run, which the page waits for, needs only the simulation.
const service = new SimService(() => import('./shell-executor.ts').then((m) => m.createShellExecutor()), () => performance.now());
expose(self, {
  run: service.run.bind(service),
  append: service.append.bind(service),
  pcap: service.pcap.bind(service),
  complete: service.complete.bind(service),
});
