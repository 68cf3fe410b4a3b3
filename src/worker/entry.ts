/// <reference lib="webworker" />
import { expose } from './rpc.ts';
import { createShellExecutor } from './shell-executor.ts';
import { SimService } from './sim-service.ts';

/** The simulation worker: serves the SimApi contract to the page. */
declare const self: DedicatedWorkerGlobalScope;

const service = new SimService(createShellExecutor());
expose(self, {
  run: service.run.bind(service),
  append: service.append.bind(service),
  pcap: service.pcap.bind(service),
});
