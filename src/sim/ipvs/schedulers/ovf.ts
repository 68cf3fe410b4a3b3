import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import { STATELESS_HOOKS } from './stateless.ts';
import type { SchedDest, Scheduler } from './types.ts';

/** Weighted overflow scheduling (ipvs/ip_vs_ovf.c `ip_vs_ovf_schedule`). */
export const ovfScheduler: Scheduler = {
  name: 'ovf',
  ...STATELESS_HOOKS,
  schedule(svc, _state, _pkt, ctx) {
    let h: SchedDest | null = null;
    let hw = 0;
    for (const dest of svc.destinations) {
      const w = dest.weight;
      // A server whose active connections exceed its weight overflows to the next one.
      if (dest.overloaded || dest.activeConns > w || w === 0) continue;
      if (h === null || w > hw) {
        h = dest;
        hw = w;
      }
    }
    if (h === null) ipVsSchedulerErr('ovf', svc, ctx, NO_DEST);
    return h;
  },
};
