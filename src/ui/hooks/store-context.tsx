import { createContext, useContext, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppState } from '../../store/app-store.ts';

const StoreContext = createContext<StoreApi<AppState> | null>(null);

/** Provides one app instance's store to its components. */
export function StoreProvider({ store, children }: { store: StoreApi<AppState>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store of the enclosing app instance (for imperative reads in event handlers and loops). */
export function useStoreApi(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi outside StoreProvider');
  return store;
}

/** Subscribes to a narrow slice of the app state; declare selectors at module scope. */
export function useAppState<T>(selector: (s: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}
