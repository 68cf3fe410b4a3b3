import { createActor } from 'xstate';
import type { StoreApi } from 'zustand/vanilla';
import type { Clock } from '../../editor/playback/clock.ts';
import type { PlaybackCommandEvent } from '../../editor/playback/events.ts';
import { playbackMachine } from '../../editor/playback/playback-machine.ts';
import type { AppState } from '../../store/app-store.ts';
import type { PlaybackPhase } from '../../store/view-slices.ts';
import type { PlaybackController } from './controllers.tsx';

/**
 * Starts the playback machine with a clock, feeds it every new trace from the store, and
 * publishes its time and cursor to `store.playback` (the animator reads it each frame).
 */
export function createPlaybackController(store: StoreApi<AppState>, clock: Clock): PlaybackController & { dispose(): void } {
  const actor = createActor(playbackMachine, {
    input: {
      clock,
      host: { selectRecord: (r) => store.getState().select({ recordSeq: r.seq, ...(r.flowId !== undefined ? { flowId: r.flowId } : {}) }) },
    },
  });
  const sub = actor.subscribe((snap) => {
    const c = snap.context;
    const phase: PlaybackPhase = snap.value;
    const p = store.getState().playback;
    const next = { timeUs: c.timeUs, cursor: c.cursor, speed: c.speed, phase, playing: phase === 'playing', endUs: c.index.endUs };
    if (p.timeUs !== next.timeUs || p.cursor !== next.cursor || p.speed !== next.speed || p.phase !== next.phase || p.endUs !== next.endUs) {
      store.getState().setPlayback(next);
    }
  });
  const unrun = store.subscribe((st, prev) => {
    // Only opening a lab puts the run back to 'idle' (a fresh, empty run).
    if (st.run !== prev.run && st.run.status === 'idle' && prev.run.status !== 'idle') actor.send({ type: 'playback.reset' });
    if (st.run.records !== prev.run.records) actor.send({ type: 'playback.load', records: st.run.records });
  });
  actor.start();
  actor.send({ type: 'playback.load', records: store.getState().run.records });
  return {
    send: (ev: PlaybackCommandEvent) => actor.send(ev),
    dispose: () => {
      unrun();
      sub.unsubscribe();
      actor.stop();
    },
  };
}
