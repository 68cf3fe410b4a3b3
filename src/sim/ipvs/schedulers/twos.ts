import { ipVsDestConnOverhead } from './overhead.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import { STATELESS_HOOKS } from './stateless.ts';
import type { SchedDest, Scheduler } from './types.ts';

/** Power-of-two-choices scheduling (ipvs/ip_vs_twos.c `ip_vs_twos_schedule`). */
export const twosScheduler: Scheduler = {
  name: 'twos',
  ...STATELESS_HOOKS,
  schedule(svc, _state, _pkt, ctx) {
    let total = 0;
    let available = false;
    for (const dest of svc.destinations) {
      if (!dest.overloaded && dest.weight > 0) {
        total += dest.weight;
        available = true;
      }
    }
    if (!available) {
      ipVsSchedulerErr('twos', svc, ctx, NO_DEST);
      return null;
    }
    // get_random_u32_below(total_weight + 1), twice, r1 first: both ends of [0, total] included.
    let r1 = ctx.rng.below(total + 1);
    let r2 = ctx.rng.below(total + 1);
    let choice1: SchedDest | null = null;
    let choice2: SchedDest | null = null;
    let overhead1 = 0;
    let overhead2 = 0;
    for (const dest of svc.destinations) {
      if (dest.overloaded || dest.weight <= 0) continue;
      r1 -= dest.weight;
      r2 -= dest.weight;
      if (r1 <= 0 && choice1 === null) {
        choice1 = dest;
        overhead1 = ipVsDestConnOverhead(dest);
      }
      if (r2 <= 0 && choice2 === null) {
        choice2 = dest;
        overhead2 = ipVsDestConnOverhead(dest);
      }
      if (choice1 !== null && choice2 !== null) break;
    }
    // r1, r2 <= total, so both walks end on a server. The comparison is `int` arithmetic in the
    // kernel (not s64 as in wlc), so the products wrap at 32 bits like the kernel's
    // (built with -fno-strict-overflow): Math.imul reproduces that.
    const first = choice1!;
    const second = choice2!;
    return Math.imul(second.weight, overhead1) > Math.imul(first.weight, overhead2) ? second : first;
  },
};
