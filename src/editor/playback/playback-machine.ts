import { buildTraceIndex } from './trace-index.ts';
import { ended } from './ended.ts';
import { idle } from './idle.ts';
import { paused } from './paused.ts';
import { playbackSetup } from './setup.ts';
import { playing } from './playing.ts';
import { stepping } from './stepping.ts';

/**
 * Playback of a run's trace: idle → playing ⇄ paused, stepping between hops, ended. Its context
 * holds the virtual time and cursor the app publishes to `store.playback`.
 */
export const playbackMachine = playbackSetup.createMachine({
  id: 'playback',
  context: ({ input }) => ({
    clock: input.clock, host: input.host, index: buildTraceIndex([]),
    timeUs: 0, cursor: 0, at: undefined, speed: 1, target: undefined, stepRate: 0,
  }),
  initial: 'idle',
  on: {
    'playback.set_speed': { actions: 'setSpeed' },
    'playback.faster': { actions: 'faster' },
    'playback.slower': { actions: 'slower' },
    'playback.seek_record': { guard: 'knownRecord', actions: ['seekRecord', 'selectCurrent'], target: '.paused' },
    'playback.to_end': { actions: 'seekEnd', target: '.ended' },
    'playback.step_back': { guard: 'hasPreviousHop', actions: ['abandonStep', 'stepBack', 'selectCurrent'], target: '.paused' },
    'playback.replay': { actions: 'seekStart', target: '.playing', reenter: true },
    'playback.reset': { actions: 'reset', target: '.idle' },
  },
  states: { idle, playing, paused, stepping, ended },
});
