import type { TraceRecord } from '../../sim/model/trace.ts';

/** Steps that decide what a node does to a packet (the hooks and deliveries are left out). */
const DECISIVE = new Set<TraceRecord['step']>(['route', 'ipvs', 'nat', 'filter', 'tunnel']);
/** How far back to look for the packet's arrival at this node. */
const LOOKBACK = 2000;

/**
 * The records that explain why a frame leaving a node differs from the one that arrived there:
 * the same packet's routing, IPVS, NAT, filter and tunnel steps at this node since its ingress (or since
 * it was created). Records are indexed by seq.
 */
export function decisiveSteps(records: readonly TraceRecord[], r: TraceRecord): TraceRecord[] {
  if (r.step !== 'egress' || r.packetId === undefined) return [];
  const out: TraceRecord[] = [];
  for (let i = r.seq - 1; i >= 0 && i >= r.seq - LOOKBACK; i--) {
    const x = records[i];
    if (!x || x.packetId !== r.packetId) continue;
    if (x.node !== r.node || x.step === 'ingress') break;
    if (DECISIVE.has(x.step) && x.explain.key !== 'ipvs.state') out.unshift(x);
  }
  return out;
}
