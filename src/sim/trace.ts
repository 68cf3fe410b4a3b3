import { changedFieldPaths, frameFields, packetFields, type WireField } from '../wire/fields.ts';
import type { ExplanationKey } from './model/explanations.ts';
import type { TraceRecord } from './model/trace.ts';

/** A trace record before the tracer numbers it and works out what changed. */
export type TraceInput = Omit<TraceRecord, 'seq' | 'changed' | 'explain'> & {
  readonly explain: { readonly key: ExplanationKey; readonly params: Readonly<Record<string, string | number>> };
};

/**
 * Collects trace records. For a record that carries headers it computes the fields that changed
 * since the same packet's previous record: frames are compared with the previous frame (what the
 * previous hop put on the wire), layer-3 records with the previous headers above Ethernet.
 */
export class Tracer {
  readonly records: TraceRecord[] = [];
  private readonly lastFrame = new Map<number, readonly WireField[]>();
  private readonly lastL3 = new Map<number, readonly WireField[]>();
  private listener: ((r: TraceRecord) => void) | undefined;
  /** How many records the trace held when it stopped (`stop`, or its limit), if it has. */
  stoppedAt: number | undefined = undefined;

  /**
   * `limit`: the most records kept; at that count the trace stops, so that a long run (a loop of
   * thousands of requests) keeps its memory bounded while the network runs on unrecorded.
   */
  constructor(
    public enabled: boolean,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {}

  /** Stops recording; the network runs on exactly as before, only unrecorded. */
  stop(): void {
    if (!this.enabled) return;
    this.enabled = false;
    this.stoppedAt = this.records.length;
    this.lastFrame.clear();
    this.lastL3.clear();
  }

  /** Calls `fn` with every new record (the worker streams them to the page). */
  onRecord(fn: ((r: TraceRecord) => void) | undefined): void {
    this.listener = fn;
  }

  /** Appends a record. */
  record(input: TraceInput): void {
    if (!this.enabled) return;
    let changed: string[] | undefined;
    const id = input.packetId;
    if (input.frame) {
      const fields = frameFields(input.frame);
      if (id !== undefined) {
        const before = this.lastFrame.get(id);
        if (before) changed = changedFieldPaths(before, fields);
        this.lastFrame.set(id, fields);
        this.lastL3.set(id, fields.filter((f) => f.layer !== 'eth'));
      }
    } else if (input.packet && id !== undefined) {
      const fields = packetFields(input.packet);
      const before = this.lastL3.get(id);
      if (before) changed = changedFieldPaths(before, fields);
      this.lastL3.set(id, fields);
    }
    const rec: TraceRecord = changed
      ? { ...input, seq: this.records.length, changed }
      : { ...input, seq: this.records.length };
    this.records.push(rec);
    this.listener?.(rec);
    if (this.records.length >= this.limit) this.stop();
  }

  /** Forgets per-packet state of packets that are gone (delivered or dropped). */
  forget(packetId: number): void {
    // Every delivered packet is forgotten: with the trace off the maps stay empty, so skip them.
    if (this.lastFrame.size === 0 && this.lastL3.size === 0) return;
    this.lastFrame.delete(packetId);
    this.lastL3.delete(packetId);
  }
}
