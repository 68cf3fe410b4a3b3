import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import type { SchedDest, SchedService, Scheduler } from './types.ts';

/**
 * svc->sched_data of ip_vs_rr.c: the list node of the last chosen server, or the list head (null).
 * `order` is a copy of the list as last seen, kept only so del_dest can find the deleted node's
 * neighbour (the kernel reads it from the unlinked node's `next`, which an array cannot keep).
 */
interface RrState {
  last: SchedDest | null;
  order: readonly SchedDest[];
}

/** Index of the remembered node in list order; -1 is the list head. */
function indexOf(svc: SchedService, node: SchedDest | null): number {
  // A node that is no longer listed (the core removed it without del_dest) is treated as the head.
  return node === null ? -1 : svc.destinations.indexOf(node);
}

/** Round-robin scheduling (ipvs/ip_vs_rr.c). */
export const rrScheduler: Scheduler = {
  name: 'rr',

  initService(svc) {
    // ip_vs_rr_init_svc: sched_data = &svc->destinations (the head).
    const state: RrState = { last: null, order: [...svc.destinations] };
    return state;
  },

  addDest(svc, state) {
    // ip_vs_rr has no add_dest hook: the pointer stays where it is.
    (state as RrState).order = [...svc.destinations];
  },

  delDest(svc, state, dest) {
    const rr = state as RrState;
    // ip_vs_rr_del_dest: if the remembered node is deleted, sched_data = p->next->prev, i.e. its
    // predecessor in list order (the head if it was first).
    if (rr.last === dest) {
      const i = rr.order.indexOf(dest);
      rr.last = i > 0 ? (rr.order[i - 1] ?? null) : null;
    }
    rr.order = [...svc.destinations];
  },

  updDest(svc, state) {
    (state as RrState).order = [...svc.destinations];
  },

  schedule(svc, state, _pkt, ctx) {
    const rr = state as RrState;
    const list = svc.destinations;
    const last = indexOf(svc, rr.last);
    // ip_vs_rr_schedule: walk on from the node after `last`, wrapping past the head once; `last`
    // itself is checked at the very end of the second pass.
    let pos = last;
    let pass = 0;
    do {
      for (pos = pos + 1; pos < list.length; pos++) {
        const dest = list[pos]!;
        if (!dest.overloaded && dest.weight > 0) {
          rr.last = dest;
          return dest;
        }
        if (pos === last) {
          pass = 2;
          break;
        }
      }
      pos = -1;
      pass++;
      // "If we stay at head there is no need for 2nd pass."
    } while (pass < 2 && last !== -1);
    ipVsSchedulerErr('rr', svc, ctx, NO_DEST);
    return null;
  },
};
