import { ipVsDestConnOverhead } from './overhead.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import { STATELESS_HOOKS } from './stateless.ts';
import type { SchedDest, Scheduler } from './types.ts';

/** Least-connection scheduling (ipvs/ip_vs_lc.c `ip_vs_lc_schedule`). */
export const lcScheduler: Scheduler = {
  name: 'lc',
  ...STATELESS_HOOKS,
  schedule(svc, _state, _pkt, ctx) {
    let least: SchedDest | null = null;
    let loh = 0;
    for (const dest of svc.destinations) {
      if (dest.overloaded || dest.weight === 0) continue;
      const doh = ipVsDestConnOverhead(dest);
      // Strict `<`: on a tie the earlier (newer) server keeps it.
      if (least === null || doh < loh) {
        least = dest;
        loh = doh;
      }
    }
    if (least === null) ipVsSchedulerErr('lc', svc, ctx, NO_DEST);
    return least;
  },
};
