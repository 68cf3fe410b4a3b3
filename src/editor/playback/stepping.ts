import { playbackSetup } from './setup.ts';

/**
 * A step forward in progress: time runs (at most STEP_MAX_MS of animation) to the next hop-level
 * record, which is then selected. Escape, pause or another step complete it at once; a new run
 * interrupts it.
 */
export const stepping = playbackSetup.createStateConfig({
  invoke: { src: 'frames', input: ({ context }) => ({ clock: context.clock }) },
  always: { guard: 'reachedTarget', actions: ['completeStep', 'selectCurrent'], target: 'paused' },
  on: {
    'playback.tick': { actions: 'advanceStep' },
    'playback.cancel': { actions: ['completeStep', 'selectCurrent'], target: 'paused' },
    'playback.pause': { actions: ['completeStep', 'selectCurrent'], target: 'paused' },
    'playback.toggle': { actions: ['completeStep', 'selectCurrent'], target: 'paused' },
    'playback.step_forward': { actions: ['completeStep', 'selectCurrent', 'reraise'], target: 'paused' },
    'playback.play': { actions: 'abandonStep', target: 'playing' },
    'playback.seek': { actions: 'seek', target: 'paused' },
    'playback.to_start': { actions: 'seekStart', target: 'paused' },
    'playback.interrupt': { actions: 'abandonStep', target: 'paused' },
    'playback.load': { actions: 'load', target: 'paused' },
  },
});
