import { playbackSetup } from './setup.ts';

/** Time stands still (after pause, a seek or a step). */
export const paused = playbackSetup.createStateConfig({
  always: { guard: 'atEnd', target: 'ended' },
  on: {
    'playback.play': { target: 'playing' },
    'playback.toggle': { target: 'playing' },
    'playback.seek': { actions: 'seek' },
    'playback.to_start': { actions: 'seekStart' },
    'playback.step_forward': { guard: 'hasNextHop', actions: 'startStep', target: 'stepping' },
    'playback.load': { actions: 'load' },
  },
});
