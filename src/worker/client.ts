import type { Progress, SimApi } from './api.ts';
import { wrap } from './rpc.ts';

/** The page's handle on the simulation worker. */
export interface SimClient {
  readonly api: SimApi;
  /** Stops the worker (React effects call this on unmount). */
  terminate(): void;
}

/** Starts the simulation worker and wraps its contract. */
export function startSimWorker(onProgress?: (method: string, p: Progress) => void): SimClient {
  const worker = new Worker(new URL('./entry.ts', import.meta.url), { type: 'module' });
  return { api: wrap<SimApi>(worker, onProgress), terminate: () => worker.terminate() };
}
