import type { LabDocument } from '../../lab/document.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';

/**
 * The trace arranged for drawing frames in flight: every egress record whose link is in the
 * document, sorted by time (the trace already is), so the frames in flight at any time are found
 * by a binary search over a short window.
 */
export interface TraceIndex {
  readonly records: readonly TraceRecord[];
  /** Per flight (one egress onto one link): */
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly seq: Int32Array;
  readonly link: Int32Array;
  /** 1 when the frame travels from the link's `a` end to its `b` end. */
  readonly forward: Uint8Array;
  /** 1 when the L3 hop that sent this frame (the host before any switches) changed its MAC addresses. */
  readonly macChanged: Uint8Array;
  /** The longest flight, µs: bounds the search window. */
  readonly maxSpan: number;
  /** Drop records by time. */
  readonly dropTime: Float64Array;
  readonly dropSeq: Int32Array;
  /** The address (dotted quad) that started each flow: frames toward it are replies. */
  readonly initiator: ReadonlyMap<number, number>;
}

const endKey = (node: string, iface: string | undefined) => (iface === undefined ? node : `${node}\u0000${iface}`);

function innermost(p: Ipv4Packet): Ipv4Packet {
  return p.body.kind === 'ipip' ? innermost(p.body.inner) : p;
}

/** The innermost IPv4 packet a record carries, if any. */
export function recordPacket(r: TraceRecord): Ipv4Packet | undefined {
  if (r.frame?.body.kind === 'ipv4') return innermost(r.frame.body.packet);
  return r.packet ? innermost(r.packet) : undefined;
}

/** The link of the document an egress record's frame travels on, and whether from its `a` end to `b`. */
export type LinkMatcher = (r: TraceRecord) => { readonly index: number; readonly forward: boolean } | undefined;

/** Matches egress records to the document's links by their ends (switch ends have no interface). */
export function linkMatcher(doc: LabDocument): LinkMatcher {
  const switches = new Set(doc.nodes.filter((n) => n.kind === 'switch').map((n) => n.id));
  const links = new Map<string, { index: number; forward: boolean }>();
  doc.links.forEach((l, index) => {
    const a = endKey(l.a.node, l.a.iface), b = endKey(l.b.node, l.b.iface);
    links.set(`${a}|${b}`, { index, forward: true });
    links.set(`${b}|${a}`, { index, forward: false });
  });
  const side = (node: string, iface: string | undefined) => endKey(node, switches.has(node) ? undefined : iface);
  return (r) => (r.step === 'egress' && r.link ? links.get(`${side(r.node, r.iface)}|${side(r.link.toNode, r.link.toIface)}`) : undefined);
}

/** The record with this seq (records are stored in seq order from 0). */
export function recordAt(records: readonly TraceRecord[], seq: number): TraceRecord | undefined {
  const r = records[seq];
  return r?.seq === seq ? r : records.find((x) => x.seq === seq);
}

/** Builds the index of a trace for a document. */
export function buildTraceIndex(records: readonly TraceRecord[], doc: LabDocument): TraceIndex {
  const switches = new Set(doc.nodes.filter((n) => n.kind === 'switch').map((n) => n.id));
  const match = linkMatcher(doc);

  const start: number[] = [], end: number[] = [], seq: number[] = [], link: number[] = [], forward: number[] = [], macChanged: number[] = [];
  const dropTime: number[] = [], dropSeq: number[] = [];
  const initiator = new Map<number, number>();
  const hopMacChange = new Map<number, boolean>();
  let maxSpan = 0;
  for (const r of records) {
    if (r.flowId !== undefined && !initiator.has(r.flowId)) {
      const p = recordPacket(r);
      if (p) initiator.set(r.flowId, p.ip.src);
    }
    if (r.step === 'drop') {
      dropTime.push(r.timeUs);
      dropSeq.push(r.seq);
      continue;
    }
    if (r.step !== 'egress' || !r.link) continue;
    const found = match(r);
    if (!found) continue;
    let changed: boolean;
    if (switches.has(r.node)) {
      // A switch forwards the frame unchanged: show what the hop into it changed.
      changed = r.packetId !== undefined && (hopMacChange.get(r.packetId) ?? false);
    } else {
      changed = (r.changed ?? []).some((f) => f === 'eth.src' || f === 'eth.dst');
      if (r.packetId !== undefined) hopMacChange.set(r.packetId, changed);
    }
    start.push(r.timeUs);
    end.push(r.link.arrivalUs);
    seq.push(r.seq);
    link.push(found.index);
    forward.push(found.forward ? 1 : 0);
    macChanged.push(changed ? 1 : 0);
    maxSpan = Math.max(maxSpan, r.link.arrivalUs - r.timeUs);
  }
  return {
    records,
    start: Float64Array.from(start), end: Float64Array.from(end), seq: Int32Array.from(seq), link: Int32Array.from(link),
    forward: Uint8Array.from(forward), macChanged: Uint8Array.from(macChanged), maxSpan,
    dropTime: Float64Array.from(dropTime), dropSeq: Int32Array.from(dropSeq), initiator,
  };
}

/** First index whose value is ≥ v (values ascending). */
export function lowerBound(values: Float64Array, v: number): number {
  let lo = 0, hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > v (values ascending). */
export function upperBound(values: Float64Array, v: number): number {
  let lo = 0, hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Calls `fn(flight)` for every frame in flight at `timeUs` (egress ≤ t < arrival), oldest first.
 */
export function forEachInFlight(ix: TraceIndex, timeUs: number, fn: (flight: number) => void): void {
  const from = lowerBound(ix.start, timeUs - ix.maxSpan);
  const to = upperBound(ix.start, timeUs);
  for (let i = from; i < to; i++) if (ix.end[i]! > timeUs) fn(i);
}
