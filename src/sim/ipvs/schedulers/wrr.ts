import { gcd } from './gcd.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import type { SchedContext, SchedDest, SchedService, Scheduler } from './types.ts';

/** ip_vs_wrr.c `struct ip_vs_wrr_mark`; `cl` null is the list head. */
export interface WrrMark {
  cl: SchedDest | null;
  cw: number;
  mw: number;
  di: number;
}

/** ip_vs_wrr_gcd_weight: gcd of all weights > 0, 1 if there is none. */
function gcdWeight(svc: SchedService): number {
  let g = 0;
  for (const dest of svc.destinations) {
    if (dest.weight > 0) g = g > 0 ? gcd(dest.weight, g) : dest.weight;
  }
  return g || 1;
}

/** ip_vs_wrr_max_weight. */
function maxWeight(svc: SchedService): number {
  let weight = 0;
  for (const dest of svc.destinations) if (dest.weight > weight) weight = dest.weight;
  return weight;
}

/** ip_vs_wrr_dest_changed: run on every add, delete and edit of a server. */
function destChanged(svc: SchedService, mark: WrrMark): void {
  mark.cl = null;
  mark.di = gcdWeight(svc);
  mark.mw = maxWeight(svc) - (mark.di - 1);
  if (mark.cw > mark.mw || mark.cw === 0) mark.cw = mark.mw;
  else if (mark.di > 1) mark.cw = Math.trunc(mark.cw / mark.di) * mark.di + 1;
}

/** Weighted round-robin scheduling (ipvs/ip_vs_wrr.c). */
export const wrrScheduler: Scheduler = {
  name: 'wrr',

  initService(svc) {
    // ip_vs_wrr_init_svc: cl = head, cw = mw.
    const di = gcdWeight(svc);
    const mw = maxWeight(svc) - (di - 1);
    const mark: WrrMark = { cl: null, cw: mw, mw, di };
    return mark;
  },

  addDest(svc, state) {
    destChanged(svc, state as WrrMark);
  },

  delDest(svc, state) {
    destChanged(svc, state as WrrMark);
  },

  updDest(svc, state) {
    destChanged(svc, state as WrrMark);
  },

  schedule(svc, state, _pkt, ctx) {
    const mark = state as WrrMark;
    const list = svc.destinations;
    // Positions in list order; -1 is the head.
    const start = mark.cl === null ? -1 : list.indexOf(mark.cl);
    if (mark.mw === 0) {
      ipVsSchedulerErr('wrr', svc, ctx, NO_DEST);
      return null;
    }
    const last = start;
    let pos = start;
    let stop: number | null = null;
    let lastPass = false;
    let restarted = false;
    // ip_vs_wrr_schedule: "Stop only after all dests were checked for weight >= 1 (last pass)".
    for (;;) {
      for (pos = pos + 1; pos < list.length; pos++) {
        const dest = list[pos]!;
        if (!dest.overloaded && dest.weight >= mark.cw) {
          mark.cl = dest;
          return dest;
        }
        if (pos === stop) return allOverloaded(svc, mark, dest, ctx);
      }
      pos = -1;
      mark.cw -= mark.di;
      if (mark.cw <= 0) {
        mark.cw = mark.mw;
        // Stop if the last pass (w >= 1) already covered everything, or the scan began at the head.
        if (lastPass || last === -1) return allOverloaded(svc, mark, null, ctx);
        restarted = true;
      }
      lastPass = mark.cw <= mark.di;
      // The first traversal at w >= 1 only covered dests after `last`; now cover those up to it.
      if (lastPass && restarted && last !== -1) stop = last;
    }
  },
};

/** ip_vs_wrr_schedule `err_over`: cl = where the scan stopped. */
function allOverloaded(svc: SchedService, mark: WrrMark, at: SchedDest | null, ctx: SchedContext): null {
  mark.cl = at;
  ipVsSchedulerErr('wrr', svc, ctx, `${NO_DEST}: all destinations are overloaded`);
  return null;
}
