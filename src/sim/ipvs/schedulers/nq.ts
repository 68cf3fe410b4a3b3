import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import { sedDestOverhead } from './sed.ts';
import { STATELESS_HOOKS } from './stateless.ts';
import type { SchedDest, Scheduler } from './types.ts';

/** Never-queue scheduling (ipvs/ip_vs_nq.c `ip_vs_nq_schedule`). */
export const nqScheduler: Scheduler = {
  name: 'nq',
  ...STATELESS_HOOKS,
  schedule(svc, _state, _pkt, ctx) {
    let least: SchedDest | null = null;
    let loh = 0;
    for (const dest of svc.destinations) {
      if (dest.overloaded || dest.weight === 0) continue;
      // ip_vs_nq_dest_overhead is the same activeconns + 1 as sed.
      const doh = sedDestOverhead(dest);
      // "return the server directly if it is idle", whatever its weight.
      if (dest.activeConns === 0) return dest;
      if (least === null || loh * dest.weight > doh * least.weight) {
        least = dest;
        loh = doh;
      }
    }
    if (least === null) ipVsSchedulerErr('nq', svc, ctx, NO_DEST);
    return least;
  },
};
