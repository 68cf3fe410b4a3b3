import { createContext, useContext, type ReactNode } from 'react';
import type { EditorEvent } from '../../editor/events.ts';
import type { PlaybackCommandEvent } from '../../editor/playback/events.ts';
import type { TrafficAction } from '../../sim/model/config.ts';
import type { Completion, ShellOutput } from '../../worker/api.ts';

/** Sends events to the editor's tool machine (the canvas sends pointer events here). */
export interface EditorController {
  send(ev: EditorEvent): void;
}

/** Sends events to the playback machine (`playback.seek_record` from the event list…). */
export interface PlaybackController {
  send(ev: PlaybackCommandEvent): void;
}

/** The page's side of the simulation: runs, traffic, shell lines. */
export interface SimActions {
  /** Starts traffic at the end of the current run (the send buttons), one action after another, then plays on. */
  sendTraffic(actions: TrafficAction | readonly TrafficAction[]): Promise<void>;
  /** Runs a shell line on a node; its output also lands in `shellLog`. A configuration change becomes an undoable edit. */
  shell(node: string, line: string): Promise<ShellOutput | undefined>;
  /** Ctrl+C: stops the shell line running now (its `shell` call ends with no output, the run is rebuilt without it); false when none runs. */
  interrupt(): boolean;
  /**
   * Stops a long rebuild of the run on the timeline entry it reports running (a loop of thousands
   * of curls replayed at load): the run is rebuilt without it, as Ctrl+C drops a line; false when there is none.
   */
  stopEntry(): boolean;
  /** Tab completion of a console line on a node; undefined when no lab runs. */
  complete(node: string, text: string): Promise<Completion | undefined>;
  /** Rebuilds the run from the start with the same timeline and plays it. */
  replay(): void;
  /** Runs the lab again now (after a seed change). */
  rerun(): void;
}

/** The controllers of one app instance. */
export interface AppControllers {
  readonly editor: EditorController;
  readonly playback: PlaybackController;
  readonly sim: SimActions;
}

const ControllersContext = createContext<AppControllers | null>(null);

/** Provides the controllers of one app instance. */
export function ControllersProvider({ value, children }: { value: AppControllers; children: ReactNode }) {
  return <ControllersContext.Provider value={value}>{children}</ControllersContext.Provider>;
}

function useControllers(): AppControllers {
  const c = useContext(ControllersContext);
  if (!c) throw new Error('controllers used outside ControllersProvider');
  return c;
}

/** The editor machine's inbox (canvas pointer events, tool changes). */
export function useEditor(): EditorController {
  return useControllers().editor;
}

/** The playback machine's inbox (play, seek, step). */
export function usePlayback(): PlaybackController {
  return useControllers().playback;
}

/** Traffic, shell lines and re-runs. */
export function useSim(): SimActions {
  return useControllers().sim;
}
