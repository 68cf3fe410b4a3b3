import type { Clock } from '../../editor/playback/clock.ts';

/** Longest frame the clock reports: a tab in the background must not make playback jump. */
const MAX_FRAME_MS = 100;

/** Animation frames from requestAnimationFrame. */
export const rafClock: Clock = {
  start(onFrame) {
    let last = performance.now();
    let id = requestAnimationFrame(function frame(now) {
      onFrame(Math.min(MAX_FRAME_MS, Math.max(0, now - last)));
      last = now;
      id = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(id);
  },
};
