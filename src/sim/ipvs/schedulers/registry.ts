import { dhScheduler } from './dh.ts';
import { foScheduler } from './fo.ts';
import { lblcScheduler } from './lblc.ts';
import { lblcrScheduler } from './lblcr.ts';
import { lcScheduler } from './lc.ts';
import { mhScheduler } from './mh.ts';
import { nqScheduler } from './nq.ts';
import { ovfScheduler } from './ovf.ts';
import { rrScheduler } from './rr.ts';
import { sedScheduler } from './sed.ts';
import { shScheduler } from './sh.ts';
import { twosScheduler } from './twos.ts';
import type { Scheduler } from './types.ts';
import { wlcScheduler } from './wlc.ts';
import { wrrScheduler } from './wrr.ts';

/** The scheduler modules of Linux 6.12 (`ip_vs_<name>.ko`), by name. */
export const SCHEDULERS: ReadonlyMap<string, Scheduler> = new Map(
  [
    rrScheduler,
    wrrScheduler,
    lcScheduler,
    wlcScheduler,
    sedScheduler,
    nqScheduler,
    shScheduler,
    dhScheduler,
    lblcScheduler,
    lblcrScheduler,
    mhScheduler,
    foScheduler,
    ovfScheduler,
    twosScheduler,
  ].map((s) => [s.name, s]),
);

/** ip_vs_sched.c `ip_vs_scheduler_get`: the scheduler of that name, or undefined (no such module). */
export function getScheduler(name: string): Scheduler | undefined {
  return SCHEDULERS.get(name);
}
