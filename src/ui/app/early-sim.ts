import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../store/app-store.ts';
import type { Progress } from '../../worker/api.ts';
import type { SimClient } from '../../worker/client.ts';
import { runRequestOf, type StartedRun } from './sim-controller.ts';

/** The worker and the lab's first run, started before React mounts; the app's first start takes them over. */
export interface EarlySim {
  readonly client: SimClient;
  readonly firstRun: StartedRun;
  /** Where the worker's progress reports go from now on. */
  onProgress(listener: (method: string, p: Progress) => void): void;
}

/**
 * Starts the simulation worker and asks it for the current lab's run at once, so the worker's
 * script loads and the run is computed while the page renders.
 */
export function startEarlySim(store: StoreApi<AppState>, startWorker: (onProgress: (method: string, p: Progress) => void) => SimClient): EarlySim {
  let listener: ((method: string, p: Progress) => void) | undefined;
  const client = startWorker((method, p) => listener?.(method, p));
  const request = runRequestOf(store.getState());
  const answer = client.api.run(request);
  // Whoever takes the run over reports its failure; a run nobody took must not be an unhandled rejection.
  answer.catch(() => undefined);
  return { client, firstRun: { request, answer }, onProgress: (l) => void (listener = l) };
}
