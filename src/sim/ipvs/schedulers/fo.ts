import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import { STATELESS_HOOKS } from './stateless.ts';
import type { SchedDest, Scheduler } from './types.ts';

/** Weighted failover scheduling (ipvs/ip_vs_fo.c `ip_vs_fo_schedule`). */
export const foScheduler: Scheduler = {
  name: 'fo',
  ...STATELESS_HOOKS,
  schedule(svc, _state, _pkt, ctx) {
    let hweight: SchedDest | null = null;
    let hw = 0;
    // Highest weight among non-overloaded servers; strict `>` keeps the first (newest) on a tie.
    for (const dest of svc.destinations) {
      if (!dest.overloaded && dest.weight > hw) {
        hweight = dest;
        hw = dest.weight;
      }
    }
    if (hweight === null) ipVsSchedulerErr('fo', svc, ctx, NO_DEST);
    return hweight;
  },
};
