import { assign, fromCallback, raise, setup } from 'xstate';
import type { TraceRecord } from '../../sim/model/trace.ts';
import type { Clock } from './clock.ts';
import type { PlaybackEvent } from './events.ts';
import { clampSpeed, stepSpeed } from './speed.ts';
import { advanceTime, buildTraceIndex, cursorAt, nextHop, previousHop, US_PER_MS_AT_1X, type TraceIndex } from './trace-index.ts';

/** What the playback machine tells the app besides its snapshot. */
export interface PlaybackHost {
  /** A step or a seek to a record selects it, so the inspector shows it. */
  selectRecord(record: TraceRecord): void;
}

export interface PlaybackContext {
  readonly clock: Clock;
  readonly host: PlaybackHost;
  readonly index: TraceIndex;
  /** Virtual time shown, µs. */
  readonly timeUs: number;
  /** Records that have happened. */
  readonly cursor: number;
  /** The record stepped or sought to, while time stays there. */
  readonly at: number | undefined;
  readonly speed: number;
  /** The record a step is animating toward, and how fast (µs per ms). */
  readonly target: number | undefined;
  readonly stepRate: number;
}

/** A step forward animates to the next hop in at most this long. */
export const STEP_MAX_MS = 400;

const recordTime = (c: PlaybackContext, i: number) => c.index.records[i]!.timeUs;
const seekTime = (c: PlaybackContext, t: number) => {
  const timeUs = Math.min(Math.max(0, Number.isFinite(t) ? t : 0), c.index.endUs);
  return { timeUs, cursor: cursorAt(c.index, timeUs), at: undefined, target: undefined };
};
const atRecord = (i: number) => ({ context }: { context: PlaybackContext }) => ({ timeUs: recordTime(context, i), cursor: i + 1, at: i, target: undefined });

/** The playback machine's vocabulary: every action, guard and actor by name. */
export const playbackSetup = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as { clock: Clock; host: PlaybackHost },
  },
  actors: {
    /** Animation frames while playing or stepping. */
    frames: fromCallback<PlaybackEvent, { clock: Clock }>(({ sendBack, input }) => input.clock.start((dtMs) => sendBack({ type: 'playback.tick', dtMs }))),
  },
  guards: {
    atEnd: ({ context }) => context.timeUs >= context.index.endUs,
    beforeEnd: ({ context }) => context.timeUs < context.index.endUs,
    hasNextHop: ({ context }) => nextHop(context.index, context.at, context.timeUs) !== undefined,
    hasPreviousHop: ({ context }) => previousHop(context.index, context.at, context.cursor) !== undefined,
    reachedTarget: ({ context }) => context.target === undefined || context.timeUs >= recordTime(context, context.target),
    tickReachesEnd: ({ context, event }) => event.type === 'playback.tick' && advanceTime(context.index, context.timeUs, event.dtMs, context.speed) >= context.index.endUs,
    seekReachesEnd: ({ context, event }) => event.type === 'playback.seek' && event.timeUs >= context.index.endUs,
    knownRecord: ({ context, event }) => event.type === 'playback.seek_record' && context.index.records[event.seq]?.seq === event.seq,
  },
  actions: {
    load: assign(({ context, event }) => {
      if (event.type !== 'playback.load') return {};
      const index = buildTraceIndex(event.records);
      const at = context.at !== undefined && context.at < index.records.length ? context.at : undefined;
      const timeUs = Math.min(context.timeUs, index.endUs);
      return { index, timeUs, at, cursor: at !== undefined ? at + 1 : cursorAt(index, timeUs), target: undefined };
    }),
    reset: assign({ index: () => buildTraceIndex([]), timeUs: 0, cursor: 0, at: undefined, target: undefined }),
    advance: assign(({ context, event }) => {
      if (event.type !== 'playback.tick') return {};
      const timeUs = advanceTime(context.index, context.timeUs, event.dtMs, context.speed);
      return { timeUs, cursor: cursorAt(context.index, timeUs), at: undefined };
    }),
    advanceStep: assign(({ context, event }) => {
      if (event.type !== 'playback.tick' || context.target === undefined) return {};
      const timeUs = Math.min(recordTime(context, context.target), context.timeUs + event.dtMs * context.stepRate);
      return { timeUs, cursor: cursorAt(context.index, timeUs) };
    }),
    seek: assign(({ context, event }) => (event.type === 'playback.seek' ? seekTime(context, event.timeUs) : {})),
    seekStart: assign(({ context }) => seekTime(context, 0)),
    seekEnd: assign(({ context }) => ({ ...seekTime(context, context.index.endUs), cursor: context.index.records.length })),
    seekRecord: assign(({ context, event }) => (event.type === 'playback.seek_record' ? atRecord(event.seq)({ context }) : {})),
    startStep: assign(({ context }) => {
      const target = nextHop(context.index, context.at, context.timeUs);
      if (target === undefined) return {};
      const distance = recordTime(context, target) - context.timeUs;
      return { target, at: undefined, stepRate: Math.max(context.speed * US_PER_MS_AT_1X, distance / STEP_MAX_MS) };
    }),
    completeStep: assign(({ context }) => (context.target !== undefined ? atRecord(context.target)({ context }) : {})),
    abandonStep: assign({ target: undefined }),
    stepBack: assign(({ context }) => {
      const prev = previousHop(context.index, context.at, context.cursor);
      return prev !== undefined ? atRecord(prev)({ context }) : {};
    }),
    selectCurrent: ({ context }) => {
      if (context.at !== undefined) context.host.selectRecord(context.index.records[context.at]!);
    },
    setSpeed: assign({ speed: ({ context, event }) => (event.type === 'playback.set_speed' ? clampSpeed(event.speed) : context.speed) }),
    faster: assign({ speed: ({ context }) => stepSpeed(context.speed, 1) }),
    slower: assign({ speed: ({ context }) => stepSpeed(context.speed, -1) }),
    /** Hands an event back after a step was completed, so the next state handles it. */
    reraise: raise(({ event }) => event),
  },
});
