import { ipVsDestConnOverhead } from './overhead.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import { STATELESS_HOOKS } from './stateless.ts';
import type { SchedDest, SchedService, Scheduler } from './types.ts';

/**
 * The weighted-least-connection pick of ip_vs_wlc.c `ip_vs_wlc_schedule`, without the log line;
 * ip_vs_lblc.c `__ip_vs_lblc_schedule` and ip_vs_lblcr.c `__ip_vs_lblcr_schedule` are the same code.
 * `overhead` is ip_vs_dest_conn_overhead for wlc and `activeconns + 1` for sed.
 */
export function weightedLeast(svc: SchedService, overhead: (dest: SchedDest) => number): SchedDest | null {
  const list = svc.destinations;
  // First server that is not overloaded and has weight > 0.
  let i = list.findIndex((dest) => !dest.overloaded && dest.weight > 0);
  if (i < 0) return null;
  let least = list[i]!;
  let loh = overhead(least);
  // Then every later non-overloaded one: `(s64)loh * w(dest) > (s64)doh * w(least)`. A weight-0
  // server cannot win (left side 0). Products of a weight (< 2^16) and an overhead stay far below
  // 2^53, so JS numbers compare them exactly as the kernel's s64 does.
  for (i++; i < list.length; i++) {
    const dest = list[i]!;
    if (dest.overloaded) continue;
    const doh = overhead(dest);
    if (loh * dest.weight > doh * least.weight) {
      least = dest;
      loh = doh;
    }
  }
  return least;
}

/** Weighted least-connection scheduling, the default (ipvs/ip_vs_wlc.c). */
export const wlcScheduler: Scheduler = {
  name: 'wlc',
  ...STATELESS_HOOKS,
  schedule(svc, _state, _pkt, ctx) {
    const least = weightedLeast(svc, ipVsDestConnOverhead);
    if (least === null) ipVsSchedulerErr('wlc', svc, ctx, NO_DEST);
    return least;
  },
};
