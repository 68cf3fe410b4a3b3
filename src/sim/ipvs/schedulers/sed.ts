import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import { STATELESS_HOOKS } from './stateless.ts';
import type { SchedDest, Scheduler } from './types.ts';
import { weightedLeast } from './wlc.ts';

/** ip_vs_sed.c `ip_vs_sed_dest_overhead`: only active connections count, plus one. */
export function sedDestOverhead(dest: SchedDest): number {
  return dest.activeConns + 1;
}

/** Shortest-expected-delay scheduling (ipvs/ip_vs_sed.c): wlc with overhead activeconns + 1. */
export const sedScheduler: Scheduler = {
  name: 'sed',
  ...STATELESS_HOOKS,
  schedule(svc, _state, _pkt, ctx) {
    const least = weightedLeast(svc, sedDestOverhead);
    if (least === null) ipVsSchedulerErr('sed', svc, ctx, NO_DEST);
    return least;
  },
};
