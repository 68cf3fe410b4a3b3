import { fls, gcd } from './gcd.ts';
import { hsiphash32, hsiphashKey } from './hash.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import type { SchedDest, SchedService, Scheduler } from './types.ts';

/** primes[CONFIG_IP_VS_MH_TAB_INDEX - 8] with the default index 12. */
export const MH_TAB_SIZE = 4093;
/** IP_VS_MH_TAB_BITS = CONFIG_IP_VS_MH_TAB_INDEX / 2. */
const MH_TAB_BITS = 6;

/** ip_vs_mh.c `generate_hash_secret`: fixed keys. */
export const MH_HASH1 = hsiphashKey(2654435761, 2654435761);
/** Second fixed key (skip). */
export const MH_HASH2 = hsiphashKey(2654446892, 2654446892);

/** ip_vs_mh.c `struct ip_vs_mh_state`: the lookup table (null = empty slot), gcd and rshift. */
export interface MhState {
  readonly lookup: (SchedDest | null)[];
  gcd: number;
  rshift: number;
}

/** ip_vs_mh.c `struct ip_vs_mh_dest_setup`. */
export interface MhDestSetup {
  readonly offset: number;
  readonly skip: number;
  perm: number;
  readonly turns: number;
}

/** ip_vs_mh.c `ip_vs_mh_hashkey` for IPv4: hsiphash of the u32 offset + port + addr. */
export function mhHashKey(addr: number, port: number, key: typeof MH_HASH1, offset: number): number {
  return hsiphash32((offset + port + addr) >>> 0, key);
}

/** ip_vs_mh.c `ip_vs_mh_gcd_weight`: gcd of all last_weight > 0, 0 if none. */
function gcdWeight(svc: SchedService): number {
  let g = 0;
  for (const dest of svc.destinations) {
    if (dest.lastWeight > 0) g = g > 0 ? gcd(dest.lastWeight, g) : dest.lastWeight;
  }
  return g;
}

/** ip_vs_mh.c `ip_vs_mh_shift_weight`: keep max(last_weight)/gcd within MH_TAB_BITS bits. */
function shiftWeight(svc: SchedService, g: number): number {
  if (g < 1) return 0;
  let weight = 0;
  for (const dest of svc.destinations) if (dest.lastWeight > weight) weight = dest.lastWeight;
  const shift = fls(Math.trunc(weight / g)) - MH_TAB_BITS;
  return shift >= 0 ? shift : 0;
}

/** ip_vs_mh.c `ip_vs_mh_permutate`: each server's offset, skip and turns, in list order. */
export function mhPermutate(state: MhState, svc: SchedService): MhDestSetup[] {
  if (state.gcd < 1) return [];
  return svc.destinations.map((dest) => {
    const offset = mhHashKey(dest.address, dest.port, MH_HASH1, 0) % MH_TAB_SIZE;
    const skip = (mhHashKey(dest.address, dest.port, MH_HASH2, 0) % (MH_TAB_SIZE - 1)) + 1;
    const lw = dest.lastWeight;
    // `((lw / gcd) >> rshift) ?: (lw != 0)`: a server with a last weight gets at least one turn.
    const turns = Math.trunc(lw / state.gcd) >> state.rshift || (lw !== 0 ? 1 : 0);
    return { offset, skip, perm: offset, turns };
  });
}

/**
 * ip_vs_mh.c `ip_vs_mh_populate`: round-robin over the servers in list order, each taking `turns`
 * slots per round at its next free preferred position (perm += skip mod size); turns 0 is skipped.
 */
function populate(state: MhState, svc: SchedService, setup: MhDestSetup[]): void {
  if (state.gcd < 1) {
    state.lookup.fill(null); // ip_vs_mh_reset
    return;
  }
  const list = svc.destinations;
  const taken = new Uint8Array(MH_TAB_SIZE);
  let n = 0;
  let dtCount = 0;
  let p = -1;
  while (n < MH_TAB_SIZE) {
    if (p === -1) p = 0;
    while (p < list.length) {
      const ds = setup[p]!;
      if (ds.turns < 1) {
        p++;
        continue;
      }
      let c = ds.perm;
      while (taken[c]) {
        ds.perm += ds.skip;
        if (ds.perm >= MH_TAB_SIZE) ds.perm -= MH_TAB_SIZE;
        c = ds.perm;
      }
      taken[c] = 1;
      state.lookup[c] = list[p]!;
      if (++n === MH_TAB_SIZE) return;
      if (++dtCount >= ds.turns) {
        dtCount = 0;
        p++;
      }
    }
    p = -1;
  }
}

/** ip_vs_mh.c `ip_vs_mh_dest_changed` / init: recompute gcd and rshift, then rebuild the table. */
function rebuild(state: MhState, svc: SchedService): void {
  state.gcd = gcdWeight(svc);
  state.rshift = shiftWeight(svc, state.gcd);
  // ip_vs_mh_reassign refuses (-EINVAL, table left as it was) when there are more servers than slots.
  if (svc.destinations.length > MH_TAB_SIZE) return;
  populate(state, svc, mhPermutate(state, svc));
}

/** ip_vs_mh.c `is_unavailable`. */
function isUnavailable(dest: SchedDest): boolean {
  return dest.weight <= 0 || dest.overloaded;
}

/** ip_vs_mh.c `ip_vs_mh_get`. */
function mhGet(state: MhState, addr: number, port: number): SchedDest | null {
  const dest = state.lookup[mhHashKey(addr, port, MH_HASH1, 0) % MH_TAB_SIZE] ?? null;
  return dest === null || isUnavailable(dest) ? null : dest;
}

/**
 * ip_vs_mh.c `ip_vs_mh_get_fallback` (`-b mh-fallback`): the home slot, then for offset 0..4092 the
 * slot h1(addr + port + roffset) % 4093 with roffset = (offset + ihash) % 4093 — a rehash, not a
 * linear probe. An empty slot ends the search.
 */
function mhGetFallback(state: MhState, addr: number, port: number): SchedDest | null {
  const ihash = mhHashKey(addr, port, MH_HASH1, 0) % MH_TAB_SIZE;
  const home = state.lookup[ihash] ?? null;
  if (home === null) return null;
  if (!isUnavailable(home)) return home;
  for (let offset = 0; offset < MH_TAB_SIZE; offset++) {
    const roffset = (offset + ihash) % MH_TAB_SIZE;
    const dest = state.lookup[mhHashKey(addr, port, MH_HASH1, roffset) % MH_TAB_SIZE] ?? null;
    if (dest === null) break;
    if (!isUnavailable(dest)) return dest;
  }
  return null;
}

/** Maglev-hashing scheduling (ipvs/ip_vs_mh.c). */
export const mhScheduler: Scheduler = {
  name: 'mh',

  initService(svc) {
    const state: MhState = { lookup: new Array<SchedDest | null>(MH_TAB_SIZE).fill(null), gcd: 0, rshift: 0 };
    rebuild(state, svc);
    return state;
  },

  // ip_vs_mh_dest_changed on add, delete and edit. The table is built from last_weight, so an edit
  // to weight 0 (which keeps last_weight) rebuilds the same table.
  addDest(svc, state) {
    rebuild(state as MhState, svc);
  },
  delDest(svc, state) {
    rebuild(state as MhState, svc);
  },
  updDest(svc, state) {
    rebuild(state as MhState, svc);
  },

  schedule(svc, state, pkt, ctx) {
    // The client's address; its source port only with `-b mh-port` (ip_vs_mh_get_port).
    const port = svc.flags.mhPort ? pkt.sport : 0;
    const s = state as MhState;
    const dest = svc.flags.mhFallback ? mhGetFallback(s, pkt.saddr, port) : mhGet(s, pkt.saddr, port);
    if (dest === null) ipVsSchedulerErr('mh', svc, ctx, NO_DEST);
    return dest;
  },
};
