import {
  DEFAULT_EXPIRATION_US,
  isLocalityOverloaded,
  liveDest,
  LOCALITY_CREATE_LIMIT,
  LocalityTable,
  type LocalityEntry,
} from './locality-table.ts';
import { ipVsDestConnOverhead } from './overhead.ts';
import { ipVsSchedulerErr, NO_DEST } from './scheduler-err.ts';
import type { SchedDest, Scheduler } from './types.ts';
import { weightedLeast } from './wlc.ts';

/** ip_vs_lblc.c `struct ip_vs_lblc_entry`: destination IP → the server that caches it. */
export interface LblcEntry extends LocalityEntry {
  dest: SchedDest;
}

/** Per-service state of lblc: the cache table (`struct ip_vs_lblc_table`). */
export type LblcState = LocalityTable<LblcEntry>;

/** Locality-based least-connection scheduling (ipvs/ip_vs_lblc.c). */
export const lblcScheduler: Scheduler = {
  name: 'lblc',

  initService(_svc, ctx) {
    // ip_vs_lblc_init_svc; the GC timer's first run is 60 s later.
    const table: LblcState = new LocalityTable<LblcEntry>(ctx.nowUs, DEFAULT_EXPIRATION_US);
    return table;
  },

  // No add_dest/del_dest/upd_dest: cache entries keep pointing at deleted servers.
  addDest: () => undefined,
  delDest: () => undefined,
  updDest: () => undefined,

  schedule(svc, state, pkt, ctx) {
    const table = state as LblcState;
    table.runTimers(ctx.nowUs);
    // ip_vs_lblc_schedule: first look in the cache.
    const en = table.get(pkt.daddr);
    if (en !== undefined) {
      en.lastuse = ctx.nowUs;
      const cached = liveDest(svc, en.dest);
      if (cached !== null) en.dest = cached;
      // The cache path checks availability, weight and is_overloaded(), not the -x OVERLOAD flag.
      if (cached !== null && cached.weight > 0 && !isLocalityOverloaded(cached, svc)) return cached;
    }
    // No cache entry or it is invalid: __ip_vs_lblc_schedule is the wlc pick.
    const dest = weightedLeast(svc, ipVsDestConnOverhead);
    if (dest === null) {
      ipVsSchedulerErr('lblc', svc, ctx, NO_DEST);
      return null;
    }
    lblcNew(table, pkt.daddr, dest, ctx.nowUs, en);
    return dest;
  },
};

/**
 * ip_vs_lblc.c `ip_vs_lblc_new`: keep an entry that already names this server; otherwise unlink
 * the old entry (ip_vs_lblc_del, which does not decrement tbl->entries) and hash a new one with
 * lastuse = now. "If we fail to create a cache entry, we'll just use the valid dest."
 */
function lblcNew(table: LblcState, daddr: number, dest: SchedDest, nowUs: number, en: LblcEntry | undefined): void {
  if (en !== undefined) {
    if (en.dest === dest) return;
    table.unlinkUncounted(en);
  }
  if (table.entries >= LOCALITY_CREATE_LIMIT) return;
  table.insert({ daddr, dest, lastuse: nowUs });
}
