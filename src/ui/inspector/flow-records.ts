import type { TraceRecord } from '../../sim/model/trace.ts';

/** The records of each flow, in trace order (switch copies of a flow's frames carry its flow id too). */
export function recordsByFlow(records: readonly TraceRecord[]): Map<number, TraceRecord[]> {
  const out = new Map<number, TraceRecord[]>();
  for (const r of records) {
    if (r.flowId === undefined) continue;
    const list = out.get(r.flowId);
    if (list) list.push(r);
    else out.set(r.flowId, [r]);
  }
  return out;
}
