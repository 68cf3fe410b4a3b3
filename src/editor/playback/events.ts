import type { TraceRecord } from '../../sim/model/trace.ts';

/** What the playback machine hears from the playback bar, the keyboard and other panels. */
export type PlaybackCommandEvent =
  | { readonly type: 'playback.play' }
  | { readonly type: 'playback.pause' }
  | { readonly type: 'playback.toggle' }
  | { readonly type: 'playback.step_forward' }
  | { readonly type: 'playback.step_back' }
  | { readonly type: 'playback.to_start' }
  | { readonly type: 'playback.to_end' }
  /** Moves to a virtual time (µs); keeps playing if it was playing. */
  | { readonly type: 'playback.seek'; readonly timeUs: number }
  /** Moves to a record and selects it (the event list, the hop table). */
  | { readonly type: 'playback.seek_record'; readonly seq: number }
  | { readonly type: 'playback.set_speed'; readonly speed: number }
  | { readonly type: 'playback.faster' }
  | { readonly type: 'playback.slower' }
  /** Plays the (rebuilt) run from the start. */
  | { readonly type: 'playback.replay' }
  /** Escape: finishes a step at once. */
  | { readonly type: 'playback.cancel' }
  /** A new run is coming: abandon a step in progress. */
  | { readonly type: 'playback.interrupt' };

/** Events the app sends when the run changes, and the clock's frames. */
export type PlaybackEvent =
  | PlaybackCommandEvent
  /** Another lab was opened: back to the start with no trace. */
  | { readonly type: 'playback.reset' }
  /** A new or extended trace; the position is kept (clamped). */
  | { readonly type: 'playback.load'; readonly records: readonly TraceRecord[] }
  /** The clock: `dtMs` of wall time passed since the last frame. */
  | { readonly type: 'playback.tick'; readonly dtMs: number };
