import type { StateCreator } from 'zustand';
import type { AppState } from './app-store.ts';

/** Where playback stands (the playback machine writes it; the animator reads it every frame). */
export interface PlaybackState {
  /** Virtual time shown, µs. */
  readonly timeUs: number;
  /** Records with seq < cursor have happened at timeUs. */
  readonly cursor: number;
  readonly playing: boolean;
  /** Playback speed: 0.1 … 10 (1 = 0.15 µs of virtual time per millisecond of animation). */
  readonly speed: number;
  /** The playback machine's state. */
  readonly phase: PlaybackPhase;
  /** Virtual time of the last thing that happens in the run (the end of the timeline slider), µs. */
  readonly endUs: number;
}

/** The states of the playback machine. */
export type PlaybackPhase = 'idle' | 'playing' | 'paused' | 'stepping' | 'ended';

/** Playback before anything was played. */
export const INITIAL_PLAYBACK: PlaybackState = { timeUs: 0, cursor: 0, playing: false, speed: 1, phase: 'idle', endUs: 0 };

export interface Selection {
  readonly nodeId: string | undefined;
  /** Index into doc.links. */
  readonly link: number | undefined;
  /** The selected trace record (a packet at a hop). */
  readonly recordSeq: number | undefined;
  /** The flow whose hop table is shown. */
  readonly flowId: number | undefined;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface ViewSlice {
  readonly playback: PlaybackState;
  readonly selection: Selection;
  readonly viewport: Viewport;
  setPlayback(p: Partial<PlaybackState>): void;
  select(s: Partial<Selection>): void;
  setViewport(v: Viewport): void;
}

export const NO_SELECTION: Selection = { nodeId: undefined, link: undefined, recordSeq: undefined, flowId: undefined };

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  playback: INITIAL_PLAYBACK,
  selection: NO_SELECTION,
  viewport: { x: 0, y: 0, k: 1 },
  setPlayback: (p) => set({ playback: { ...get().playback, ...p } }),
  select: (s) => set({ selection: { ...get().selection, ...s } }),
  setViewport: (viewport) => set({ viewport }),
});
