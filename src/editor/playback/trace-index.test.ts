import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../sim/model/trace.ts';
import { advanceTime, buildTraceIndex, cursorAt, inFlightAt, nextHop, previousHop } from './trace-index.ts';

const rec = (seq: number, timeUs: number, step: TraceRecord['step'], arrivalUs?: number): TraceRecord => ({
  seq, timeUs, node: 'n', step, explain: { key: 'k', params: {} },
  ...(arrivalUs !== undefined ? { link: { toNode: 'm', toIface: 'eth0', arrivalUs } } : {}),
});

/** A hop at 0 (arrives 100), processing at 100, a second hop at 100 (arrives 200), then quiet until 5000. */
const trace = [
  rec(0, 0, 'egress', 100), rec(1, 100, 'ingress'), rec(2, 100, 'ipvs'), rec(3, 100, 'egress', 200),
  rec(4, 200, 'ingress'), rec(5, 5000, 'egress', 5100), rec(6, 5100, 'ingress'),
];
const ix = buildTraceIndex(trace);

describe('the playback trace index', () => {
  it('ends at the last arrival and counts records at a time', () => {
    expect(ix.endUs).toBe(5100);
    expect([cursorAt(ix, -1), cursorAt(ix, 0), cursorAt(ix, 99), cursorAt(ix, 100), cursorAt(ix, 5100)]).toEqual([0, 1, 1, 4, 7]);
  });

  it('knows when a frame is on a link', () => {
    expect([inFlightAt(ix, 0), inFlightAt(ix, 150), inFlightAt(ix, 200), inFlightAt(ix, 3000), inFlightAt(ix, 5050)]).toEqual([true, true, false, false, true]);
  });

  it('advances 0.15 µs per ms at 1× and skips quiet gaps', () => {
    expect(advanceTime(ix, 0, 100, 1)).toBeCloseTo(15);
    expect(advanceTime(ix, 0, 100, 2)).toBeCloseTo(30);
    // At 199.9 the second frame is still in flight; just after 200 nothing is, and the next record is 4800 µs away.
    expect(advanceTime(ix, 199.9, 1, 1)).toBe(5000);
    expect(advanceTime(ix, 5090, 1000, 10)).toBe(5100);
  });

  it('steps between hop-level records', () => {
    expect(nextHop(ix, undefined, 0)).toBe(0);
    expect(nextHop(ix, 0, 0)).toBe(2);
    expect(nextHop(ix, undefined, 150)).toBe(5);
    expect(nextHop(ix, 3, 100)).toBe(5);
    expect(nextHop(ix, 5, 5000)).toBeUndefined();
    expect(previousHop(ix, 5, 6)).toBe(3);
    expect(previousHop(ix, undefined, 4)).toBe(3);
    expect(previousHop(ix, 0, 1)).toBeUndefined();
  });
});
