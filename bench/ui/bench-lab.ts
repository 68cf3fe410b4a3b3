// The lab the playback benchmark plays: the DR lab with 500 clients' worth of requests started at
// once and long links (1 ms), so that hundreds of frames are on the wire together, and where in
// its trace (found by running it here, deterministically) at least `want` frames stay in flight.
import { drLab, VIP } from '../../src/lab/builtin/dr.ts';
import type { LabDocument } from '../../src/lab/document.ts';
import { SimSession } from '../../src/worker/session.ts';

/** DR with `curls` requests from the client at time 0 and every link `latencyUs` long. */
export function crowdedDrLab(curls: number, latencyUs: number): LabDocument {
  return {
    ...drLab,
    title: { en: `Benchmark: ${curls} requests at once`, zh: `基准测试：同时发出 ${curls} 个请求` },
    links: drLab.links.map((l) => ({ ...l, latencyUs })),
    scenario: Array.from({ length: curls }, () => ({ atUs: 0, action: { kind: 'curl' as const, node: 'client', url: `http://${VIP}/` } })),
  };
}

/** The longest stretch of virtual time with at least `want` frames in flight: its start and length, µs. */
export function crowdedWindow(doc: LabDocument, want: number): { startUs: number; lengthUs: number; peak: number } {
  const session = new SimSession(doc);
  session.runScenario();
  const events: [number, number][] = [];
  for (const r of session.records) {
    if (r.step === 'egress' && r.link) events.push([r.timeUs, 1], [r.link.arrivalUs, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let count = 0, peak = 0, since: number | undefined, best = { startUs: 0, lengthUs: 0 };
  for (const [t, d] of events) {
    const before = count;
    count += d;
    peak = Math.max(peak, count);
    if (before < want && count >= want) since = t;
    if (before >= want && count < want && since !== undefined) {
      if (t - since > best.lengthUs) best = { startUs: since, lengthUs: t - since };
      since = undefined;
    }
  }
  return { ...best, peak };
}
