import { useLayoutEffect } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { useStoreApi } from './store-context.tsx';

/**
 * Puts a slice of the app state into the DOM outside React renders, for what changes every
 * animation frame (the playback time): `apply(value)` runs before the first paint, whenever
 * `select(state)` changes (compared with Object.is), and again when `apply` changes (a new
 * language). Declare `select` at module scope and memoise `apply`.
 */
export function useStoreSync<T>(select: (s: AppState) => T, apply: (value: T) => void): void {
  const store = useStoreApi();
  useLayoutEffect(() => {
    let last = select(store.getState());
    apply(last);
    return store.subscribe((s) => {
      const next = select(s);
      if (Object.is(next, last)) return;
      last = next;
      apply(next);
    });
  }, [store, select, apply]);
}
