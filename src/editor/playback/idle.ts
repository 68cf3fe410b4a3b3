import { playbackSetup } from './setup.ts';

/** Nothing played yet: time 0. */
export const idle = playbackSetup.createStateConfig({
  on: {
    'playback.play': { target: 'playing' },
    'playback.toggle': { target: 'playing' },
    'playback.load': { actions: 'load' },
    'playback.seek': { actions: 'seek', target: 'paused' },
    'playback.to_start': { actions: 'seekStart', target: 'paused' },
    'playback.step_forward': { guard: 'hasNextHop', actions: 'startStep', target: 'stepping' },
  },
});
