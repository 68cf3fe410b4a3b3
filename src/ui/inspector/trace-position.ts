import { useCallback } from 'react';
import { HOP_STEPS } from '../../editor/playback/trace-index.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import { usePlayback } from '../app/controllers.tsx';

/** The record with this seq (records are stored in seq order from 0). */
export function recordAt(records: readonly TraceRecord[], seq: number | undefined): TraceRecord | undefined {
  if (seq === undefined) return undefined;
  const direct = records[seq];
  if (direct?.seq === seq) return direct;
  return records.find((r) => r.seq === seq);
}

/** Records that carry headers, which the packet view can show. */
export function hasHeaders(r: TraceRecord): boolean {
  return r.frame !== undefined || r.packet !== undefined || r.arp !== undefined;
}

/** A hop-level record, where "step" stops: a frame put on a link, a drop, an IPVS decision. */
export function isHopLevel(r: TraceRecord): boolean {
  return HOP_STEPS.has(r.step);
}

/**
 * The record the inspector shows: the selected one, or else the last record with headers that
 * has happened at the playback cursor.
 */
export function currentRecord(records: readonly TraceRecord[], selectedSeq: number | undefined, cursor: number): TraceRecord | undefined {
  const selected = recordAt(records, selectedSeq);
  if (selected) return selected;
  for (let i = Math.min(cursor, records.length) - 1; i >= 0; i--) {
    const r = records[i]!;
    if (hasHeaders(r)) return r;
  }
  return undefined;
}

/** Seeks playback to a record and selects it, through the playback machine. */
export function useSeekRecord(): (seq: number) => void {
  const playback = usePlayback();
  return useCallback((seq: number) => playback.send({ type: 'playback.seek_record', seq }), [playback]);
}
