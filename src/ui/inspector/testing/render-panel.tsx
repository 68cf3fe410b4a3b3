import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { PlaybackCommandEvent } from '../../../editor/playback/events.ts';
import type { AppState } from '../../../store/app-store.ts';
import type { ShellOutput } from '../../../worker/api.ts';
import { ControllersProvider, type AppControllers } from '../../app/controllers.tsx';
import { StoreProvider } from '../../hooks/store-context.tsx';
import { LAZY_PANELS } from '../../lazy/panels.ts';

// Tests render panels synchronously: the panels' lazily loaded code is loaded before any test renders.
await Promise.all(LAZY_PANELS.map((p) => p.preload()));

/** Renders a panel with a store and recording controllers; `playback`, `shell` and `stops` record what it sent. */
export function renderPanel(store: StoreApi<AppState>, ui: ReactNode, shellAnswer?: (node: string, line: string) => ShellOutput) {
  const playback: PlaybackCommandEvent[] = [];
  const shell: { node: string; line: string }[] = [];
  const stops = { count: 0 };
  const controllers: AppControllers = {
    editor: { send: () => undefined },
    playback: {
      send: (ev) => {
        playback.push(ev);
        if (ev.type === 'playback.seek_record') store.getState().select({ recordSeq: ev.seq });
      },
    },
    sim: {
      sendTraffic: () => Promise.resolve(),
      shell: (node, line) => {
        shell.push({ node, line });
        const out = shellAnswer?.(node, line);
        if (out) store.getState().appendShellLog([out]);
        return Promise.resolve(out);
      },
      complete: (_node, text) => Promise.resolve({ text, candidates: [] }),
      replay: () => undefined,
      rerun: () => undefined,
      interrupt: () => false,
      stopEntry: () => {
        stops.count++;
        return true;
      },
    },
  };
  const view = render(
    <StoreProvider store={store}>
      <ControllersProvider value={controllers}>{ui}</ControllersProvider>
    </StoreProvider>,
  );
  return { ...view, playback, shell, stops };
}
