import { hash32 } from './hash.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import type { SchedDest, SchedService, Scheduler } from './types.ts';

/** CONFIG_IP_VS_DH_TAB_BITS default. */
export const DH_TAB_BITS = 8;
/** IP_VS_DH_TAB_SIZE: 256 buckets. */
export const DH_TAB_SIZE = 1 << DH_TAB_BITS;

/** ip_vs_dh.c `struct ip_vs_dh_state`: the bucket table (null = empty bucket). */
export interface DhState {
  readonly buckets: (SchedDest | null)[];
}

/** ip_vs_dh.c `ip_vs_dh_hashkey` for IPv4: hash_32(daddr, 8). */
export function dhHashKey(daddr: number): number {
  return hash32(daddr, DH_TAB_BITS);
}

/** ip_vs_dh.c `ip_vs_dh_reassign`: one bucket per server, round-robin in list order; weights ignored. */
function reassign(state: DhState, svc: SchedService): void {
  const list = svc.destinations;
  for (let i = 0; i < DH_TAB_SIZE; i++) state.buckets[i] = list.length === 0 ? null : list[i % list.length]!;
}

/** Destination-hashing scheduling (ipvs/ip_vs_dh.c). */
export const dhScheduler: Scheduler = {
  name: 'dh',

  initService(svc) {
    const state: DhState = { buckets: new Array<SchedDest | null>(DH_TAB_SIZE).fill(null) };
    reassign(state, svc);
    return state;
  },

  // ip_vs_dh_dest_changed is the add_dest and del_dest hook; dh has no upd_dest, so editing a
  // weight leaves the table alone.
  addDest(svc, state) {
    reassign(state as DhState, svc);
  },
  delDest(svc, state) {
    reassign(state as DhState, svc);
  },
  updDest: () => undefined,

  schedule(svc, state, pkt, ctx) {
    const dest = (state as DhState).buckets[dhHashKey(pkt.daddr)] ?? null;
    // No fallback: a missing, quiesced or overloaded bucket server means NULL.
    if (dest === null || dest.weight <= 0 || dest.overloaded) {
      ipVsSchedulerErr('dh', svc, ctx, NO_DEST);
      return null;
    }
    return dest;
  },
};
