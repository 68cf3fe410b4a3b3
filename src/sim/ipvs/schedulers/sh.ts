import { hash32 } from './hash.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import type { SchedDest, SchedService, Scheduler } from './types.ts';

/** CONFIG_IP_VS_SH_TAB_BITS default. */
export const SH_TAB_BITS = 8;
/** IP_VS_SH_TAB_SIZE: 256 buckets. */
export const SH_TAB_SIZE = 1 << SH_TAB_BITS;
const SH_TAB_MASK = SH_TAB_SIZE - 1;

/** ip_vs_sh.c `struct ip_vs_sh_state`: the bucket table (null = empty bucket). */
export interface ShState {
  readonly buckets: (SchedDest | null)[];
}

/** ip_vs_sh.c `ip_vs_sh_hashkey` for IPv4: (offset + hash_32(port + addr, 8)) & 255, sum in u32. */
export function shHashKey(addr: number, port: number, offset: number): number {
  return (offset + hash32((port + addr) >>> 0, SH_TAB_BITS)) & SH_TAB_MASK;
}

/** ip_vs_sh.c `is_unavailable`. */
function isUnavailable(dest: SchedDest): boolean {
  return dest.weight <= 0 || dest.overloaded;
}

/**
 * ip_vs_sh.c `ip_vs_sh_reassign`: walk the list in kernel order giving each server `weight`
 * consecutive buckets, cycling until all 256 are full. `++d_count >= weight` is true at once for
 * weight 0, so a quiesced server still takes one bucket per cycle.
 */
function reassign(state: ShState, svc: SchedService): void {
  const list = svc.destinations;
  let p = -1; // the list head
  let dCount = 0;
  for (let i = 0; i < SH_TAB_SIZE; i++) {
    if (list.length === 0) {
      state.buckets[i] = null;
      continue;
    }
    if (p === -1) p = 0;
    const dest = list[p]!;
    state.buckets[i] = dest;
    if (++dCount >= dest.weight) {
      p = p + 1 < list.length ? p + 1 : -1;
      dCount = 0;
    }
  }
}

/** ip_vs_sh.c `ip_vs_sh_get`. */
function shGet(state: ShState, addr: number, port: number): SchedDest | null {
  const dest = state.buckets[shHashKey(addr, port, 0)] ?? null;
  return dest === null || isUnavailable(dest) ? null : dest;
}

/**
 * ip_vs_sh.c `ip_vs_sh_get_fallback` (`-b sh-fallback`): the home bucket, then buckets
 * (roffset + hash) & 255 with roffset = (offset + ihash) % 256, i.e. 2·ihash, 2·ihash + 1, …;
 * an empty bucket ends the search.
 */
function shGetFallback(state: ShState, addr: number, port: number): SchedDest | null {
  const ihash = shHashKey(addr, port, 0);
  const home = state.buckets[ihash] ?? null;
  if (home === null) return null;
  if (!isUnavailable(home)) return home;
  for (let offset = 0; offset < SH_TAB_SIZE; offset++) {
    const roffset = (offset + ihash) % SH_TAB_SIZE;
    const dest = state.buckets[shHashKey(addr, port, roffset)] ?? null;
    if (dest === null) break;
    if (!isUnavailable(dest)) return dest;
  }
  return null;
}

/** Source-hashing scheduling (ipvs/ip_vs_sh.c). */
export const shScheduler: Scheduler = {
  name: 'sh',

  initService(svc) {
    const state: ShState = { buckets: new Array<SchedDest | null>(SH_TAB_SIZE).fill(null) };
    reassign(state, svc);
    return state;
  },

  // ip_vs_sh_dest_changed on add, delete and edit: the whole table is rebuilt.
  addDest(svc, state) {
    reassign(state as ShState, svc);
  },
  delDest(svc, state) {
    reassign(state as ShState, svc);
  },
  updDest(svc, state) {
    reassign(state as ShState, svc);
  },

  schedule(svc, state, pkt, ctx) {
    // ip_vs_sh_schedule: the client's address; its source port only with `-b sh-port`
    // (ip_vs_sh_get_port; the core passes 0 for protocols without ports).
    const port = svc.flags.shPort ? pkt.sport : 0;
    const s = state as ShState;
    const dest = svc.flags.shFallback ? shGetFallback(s, pkt.saddr, port) : shGet(s, pkt.saddr, port);
    if (dest === null) ipVsSchedulerErr('sh', svc, ctx, NO_DEST);
    return dest;
  },
};
