import { playbackSetup } from './setup.ts';

/** At the end of the run; play starts again from the beginning. A longer run (more traffic) pauses instead. */
export const ended = playbackSetup.createStateConfig({
  always: { guard: 'beforeEnd', target: 'paused' },
  on: {
    'playback.play': { actions: 'seekStart', target: 'playing' },
    'playback.toggle': { actions: 'seekStart', target: 'playing' },
    'playback.seek': { actions: 'seek', target: 'paused' },
    'playback.to_start': { actions: 'seekStart', target: 'paused' },
    'playback.step_forward': { guard: 'hasNextHop', actions: 'startStep', target: 'stepping' },
    'playback.load': { actions: 'load' },
  },
});
