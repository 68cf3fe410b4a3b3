import { playbackSetup } from './setup.ts';

/** Time runs with the clock at the chosen speed, skipping quiet gaps, until the end. */
export const playing = playbackSetup.createStateConfig({
  invoke: { src: 'frames', input: ({ context }) => ({ clock: context.clock }) },
  on: {
    'playback.tick': [
      { guard: 'tickReachesEnd', actions: 'advance', target: 'ended' },
      { actions: 'advance' },
    ],
    'playback.pause': { target: 'paused' },
    'playback.toggle': { target: 'paused' },
    'playback.seek': [
      { guard: 'seekReachesEnd', actions: 'seekEnd', target: 'ended' },
      { actions: 'seek' },
    ],
    'playback.to_start': { actions: 'seekStart' },
    'playback.step_forward': { guard: 'hasNextHop', actions: 'startStep', target: 'stepping' },
    'playback.load': { actions: 'load' },
  },
  always: { guard: 'atEnd', target: 'ended' },
});
