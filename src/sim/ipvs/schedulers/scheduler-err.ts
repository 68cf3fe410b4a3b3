import type { SchedContext, SchedService } from './types.ts';

/**
 * ip_vs_sched.c `ip_vs_scheduler_err`: "IPVS: <sched>: <service> - <msg>". The kernel prints a
 * fwmark service as "FWM <mark> 0x<MARK>" and rate-limits the line (IP_VS_ERR_RL); both are the
 * caller's business (the label and ctx.log).
 */
export function ipVsSchedulerErr(schedName: string, svc: SchedService, ctx: SchedContext, msg: string): void {
  ctx.log(`IPVS: ${schedName}: ${svc.label} - ${msg}`);
}

/** The message every scheduler logs when it returns NULL. */
export const NO_DEST = 'no destination available';
