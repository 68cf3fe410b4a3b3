import type { NeighbourState, TraceRecord } from '../../sim/model/trace.ts';
import { isHopLevel } from '../inspector/trace-position.ts';

/** One entry of a node's neighbour table at a point of the run. */
export interface NeighbourRow {
  readonly dev: string;
  readonly ip: string;
  readonly mac: string | null;
  readonly state: NeighbourState;
  /** Seq of the record that last changed the entry. */
  readonly changedSeq: number;
  readonly changedUs: number;
  /** The entry changed during the current step (since the previous hop-level record). */
  readonly fresh: boolean;
}

/**
 * Where the current step starts: after the hop-level record before the last one that has
 * happened, so that the changes that led to the current hop count as "this step".
 */
export function stepStart(records: readonly TraceRecord[], cursor: number): number {
  let seen = 0;
  for (let i = Math.min(cursor, records.length) - 1; i >= 0; i--) {
    if (isHopLevel(records[i]!) && ++seen === 2) return i + 1;
  }
  return 0;
}

/**
 * The neighbour (ARP) table of `node` after the first `cursor` records, rebuilt by folding its
 * 'neigh' records: tables start empty; an entry whose state becomes null is removed.
 */
export function neighbourTableAt(records: readonly TraceRecord[], node: string, cursor: number): NeighbourRow[] {
  const end = Math.min(cursor, records.length);
  const from = stepStart(records, end);
  const table = new Map<string, NeighbourRow>();
  for (let i = 0; i < end; i++) {
    const r = records[i]!;
    if (r.step !== 'neigh' || r.node !== node || !r.neigh) continue;
    const n = r.neigh;
    const key = `${n.dev} ${n.ip}`;
    if (n.stateAfter === null) {
      table.delete(key);
      continue;
    }
    const before = table.get(key);
    // An ignored override leaves the entry as it was: not a change to flash.
    const unchanged = before !== undefined && before.mac === n.macAfter && before.state === n.stateAfter;
    table.set(key, {
      dev: n.dev, ip: n.ip, mac: n.macAfter, state: n.stateAfter,
      changedSeq: unchanged ? before.changedSeq : r.seq,
      changedUs: unchanged ? before.changedUs : r.timeUs,
      fresh: unchanged ? before.fresh : i >= from,
    });
  }
  return [...table.values()].sort((a, b) => a.dev.localeCompare(b.dev) || ipOrder(a.ip) - ipOrder(b.ip));
}

function ipOrder(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}
