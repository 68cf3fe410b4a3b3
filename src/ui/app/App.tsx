import { useEffect, useState, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { Clock } from '../../editor/playback/clock.ts';
import type { AppState } from '../../store/app-store.ts';
import type { KeyValueStorage } from '../../store/persistence.ts';
import type { Progress } from '../../worker/api.ts';
import { startSimWorker, type SimClient } from '../../worker/client.ts';
import { StoreProvider } from '../hooks/store-context.tsx';
import { AppRuntime } from './app-runtime.ts';
import { ControllersProvider } from './controllers.tsx';
import type { EarlySim } from './early-sim.ts';
import { Layout } from './Layout.tsx';
import { rafClock } from './raf-clock.ts';
import './theme.css';

export interface AppProps {
  readonly store: StoreApi<AppState>;
  readonly storage: KeyValueStorage;
  /** Starts the simulation worker (tests pass a stand-in). */
  readonly startWorker?: (onProgress: (method: string, p: Progress) => void) => SimClient;
  readonly clock?: Clock;
  /** The worker and first run the page started before mounting (main.tsx). */
  readonly early?: EarlySim;
  /** What the top row shows instead of the full top bar (the embedded page's own bar). */
  readonly topBar?: ReactNode;
}

/**
 * One app instance: its store and controllers for the components, and, while mounted, the
 * worker, the editor and playback machines, autosave and the keyboard shortcuts.
 */
export function App({ store, storage, startWorker = startSimWorker, clock = rafClock, early, topBar }: AppProps) {
  const [runtime] = useState(() => new AppRuntime({ store, storage, startWorker, clock, window, early }));
  useEffect(() => runtime.start(), [runtime]);
  return (
    <StoreProvider store={store}>
      <ControllersProvider value={runtime}>
        <Layout topBar={topBar} />
      </ControllersProvider>
    </StoreProvider>
  );
}
