import type { TraceRecord, TraceStep } from '../../sim/model/trace.ts';

/** Virtual µs that pass per millisecond of animation at 1× (a 100 µs hop takes about 0.7 s). */
export const US_PER_MS_AT_1X = 0.15;
/** While playing with nothing in flight, a quiet gap longer than this is skipped. */
export const GAP_SKIP_US = 200;
/** The steps "step forward/back" stop at: frames leaving a node, drops and IPVS decisions. */
export const HOP_STEPS: ReadonlySet<TraceStep> = new Set<TraceStep>(['egress', 'drop', 'ipvs']);

/** Lookups over a trace for playback: times, frames in flight, hop-level records. */
export interface TraceIndex {
  readonly records: readonly TraceRecord[];
  /** Virtual time of the last thing that happens: the last record or the last frame's arrival. */
  readonly endUs: number;
  readonly times: Float64Array;
  /** Start times of frames on links (egress records), in record order. */
  readonly flightStarts: Float64Array;
  /** The latest arrival among flights 0..k. */
  readonly flightMaxArrival: Float64Array;
  /** Indices of hop-level records. */
  readonly hops: Int32Array;
}

/** Indexes a trace (records in time order, as the simulation writes them). */
export function buildTraceIndex(records: readonly TraceRecord[]): TraceIndex {
  const times = new Float64Array(records.length);
  const starts: number[] = [];
  const maxArrival: number[] = [];
  const hops: number[] = [];
  let end = 0;
  let max = 0;
  records.forEach((r, i) => {
    times[i] = r.timeUs;
    end = Math.max(end, r.timeUs);
    if (r.step === 'egress' && r.link) {
      starts.push(r.timeUs);
      max = Math.max(max, r.link.arrivalUs);
      maxArrival.push(max);
      end = Math.max(end, r.link.arrivalUs);
    }
    if (HOP_STEPS.has(r.step)) hops.push(i);
  });
  return { records, endUs: end, times, flightStarts: Float64Array.from(starts), flightMaxArrival: Float64Array.from(maxArrival), hops: Int32Array.from(hops) };
}

/** The number of entries of a sorted array that are ≤ v. */
function countAtMost(sorted: Float64Array | Int32Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `playback.cursor` at a time: the number of records with `timeUs <= t`. */
export function cursorAt(ix: TraceIndex, t: number): number {
  return countAtMost(ix.times, t);
}

/** Whether some frame is on a link at time t (between its egress and its arrival). */
export function inFlightAt(ix: TraceIndex, t: number): boolean {
  const k = countAtMost(ix.flightStarts, t) - 1;
  return k >= 0 && ix.flightMaxArrival[k]! > t;
}

/**
 * Virtual time after `dtMs` of animation at `speed`, skipping a quiet gap: when nothing is in
 * flight and the next record is more than GAP_SKIP_US away, time jumps to that record.
 */
export function advanceTime(ix: TraceIndex, t: number, dtMs: number, speed: number): number {
  let next = Math.min(ix.endUs, t + dtMs * US_PER_MS_AT_1X * speed);
  if (!inFlightAt(ix, next)) {
    const i = cursorAt(ix, next);
    const nextRecord = i < ix.times.length ? ix.times[i]! : undefined;
    if (nextRecord !== undefined && nextRecord - next > GAP_SKIP_US) next = nextRecord;
  }
  return next;
}

/** The number of records strictly before time t. */
function countBefore(ix: TraceIndex, t: number): number {
  let lo = 0;
  let hi = ix.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ix.times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first hop-level record after index `at`, or (when no record is current) the first at or after time t. */
export function nextHop(ix: TraceIndex, at: number | undefined, t: number): number | undefined {
  const from = at !== undefined ? at + 1 : countBefore(ix, t);
  const k = countAtMost(ix.hops, from - 1);
  return k < ix.hops.length ? ix.hops[k] : undefined;
}

/** The last hop-level record before index `at` (or before `cursor`, i.e. the last one that happened, when none is current). */
export function previousHop(ix: TraceIndex, at: number | undefined, cursor: number): number | undefined {
  const before = at !== undefined ? at : cursor;
  const k = countAtMost(ix.hops, before - 1);
  return k > 0 ? ix.hops[k - 1] : undefined;
}
