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
import type { SchedDest, SchedService, Scheduler } from './types.ts';
import { weightedLeast } from './wlc.ts';

/** ip_vs_lblcr.c `struct ip_vs_dest_set`: members newest first (list_add_rcu), lastmod in virtual µs. */
export interface LblcrDestSet {
  members: SchedDest[];
  lastmod: number;
}

/** ip_vs_lblcr.c `struct ip_vs_lblcr_entry`: destination IP → a set of servers. */
export interface LblcrEntry extends LocalityEntry {
  readonly set: LblcrDestSet;
}

/** Per-service state of lblcr: the cache table (`struct ip_vs_lblcr_table`). */
export type LblcrState = LocalityTable<LblcrEntry>;

/**
 * A set member as the kernel sees it: the listed server (same struct after a trash restore, see
 * liveDest) and whether it is IP_VS_DEST_F_AVAILABLE; a deleted one keeps its last fields.
 */
function member(svc: SchedService, set: LblcrDestSet, i: number): { dest: SchedDest; available: boolean } {
  const cached = set.members[i]!;
  const live = liveDest(svc, cached);
  if (live === null) return { dest: cached, available: false };
  set.members[i] = live;
  return { dest: live, available: true };
}

/** ip_vs_lblcr.c `ip_vs_dest_set_insert`: add at the head unless (check) already a member. */
function setInsert(svc: SchedService, set: LblcrDestSet, dest: SchedDest, check: boolean, nowUs: number): void {
  if (check && set.members.some((_, i) => member(svc, set, i).dest === dest)) return;
  set.members.unshift(dest);
  set.lastmod = nowUs;
}

/** ip_vs_lblcr.c `ip_vs_dest_set_min`: weighted least-connection member (OVERLOAD skipped, must be available). */
function setMin(svc: SchedService, set: LblcrDestSet): SchedDest | null {
  let i = 0;
  let least: SchedDest | null = null;
  for (; i < set.members.length; i++) {
    const m = member(svc, set, i);
    if (m.dest.overloaded) continue;
    if (m.dest.weight > 0 && m.available) {
      least = m.dest;
      break;
    }
  }
  if (least === null) return null;
  let loh = ipVsDestConnOverhead(least);
  for (i++; i < set.members.length; i++) {
    const m = member(svc, set, i);
    if (m.dest.overloaded) continue;
    const doh = ipVsDestConnOverhead(m.dest);
    if (loh * m.dest.weight > doh * least.weight && m.available) {
      least = m.dest;
      loh = doh;
    }
  }
  return least;
}

/** ip_vs_lblcr.c `ip_vs_dest_set_max`: weighted most-connection member with weight > 0 (availability not checked). */
function setMax(svc: SchedService, set: LblcrDestSet): SchedDest | null {
  let i = 0;
  let most: SchedDest | null = null;
  for (; i < set.members.length; i++) {
    const m = member(svc, set, i);
    if (m.dest.weight > 0) {
      most = m.dest;
      break;
    }
  }
  if (most === null) return null;
  let moh = ipVsDestConnOverhead(most);
  for (i++; i < set.members.length; i++) {
    const d = member(svc, set, i).dest;
    const doh = ipVsDestConnOverhead(d);
    // moh/mw < doh/dw ==> moh*dw < doh*mw
    if (moh * d.weight < doh * most.weight && d.weight > 0) {
      most = d;
      moh = doh;
    }
  }
  return most;
}

/** ip_vs_lblcr.c `ip_vs_dest_set_erase`: remove the member, lastmod = now. */
function setErase(svc: SchedService, set: LblcrDestSet, dest: SchedDest, nowUs: number): void {
  const i = set.members.findIndex((_, k) => member(svc, set, k).dest === dest);
  if (i < 0) return;
  set.members.splice(i, 1);
  set.lastmod = nowUs;
}

/** Locality-based least-connection with replication scheduling (ipvs/ip_vs_lblcr.c). */
export const lblcrScheduler: Scheduler = {
  name: 'lblcr',

  initService(_svc, ctx) {
    // ip_vs_lblcr_init_svc; the GC timer's first run is 60 s later.
    const table: LblcrState = new LocalityTable<LblcrEntry>(ctx.nowUs, DEFAULT_EXPIRATION_US);
    return table;
  },

  // No add_dest/del_dest/upd_dest: sets keep deleted servers until they are trimmed or expire.
  addDest: () => undefined,
  delDest: () => undefined,
  updDest: () => undefined,

  schedule(svc, state, pkt, ctx) {
    const table = state as LblcrState;
    const now = ctx.nowUs;
    table.runTimers(now);
    const en = table.get(pkt.daddr);
    if (en !== undefined) {
      en.lastuse = now;
      // ip_vs_lblcr_schedule: the least loaded member is chosen before the set is trimmed.
      let dest = setMin(svc, en.set);
      // More than one member and unchanged for lblcr_expiration (time_after): drop the most loaded.
      if (en.set.members.length > 1 && now > en.set.lastmod + DEFAULT_EXPIRATION_US) {
        const m = setMax(svc, en.set);
        if (m !== null) setErase(svc, en.set, m, now);
      }
      if (dest !== null && !isLocalityOverloaded(dest, svc)) return dest;
      // The cache entry is invalid: wlc pick, added to the set.
      dest = weightedLeast(svc, ipVsDestConnOverhead);
      if (dest === null) {
        ipVsSchedulerErr('lblcr', svc, ctx, NO_DEST);
        return null;
      }
      setInsert(svc, en.set, dest, true, now);
      return dest;
    }
    // No cache entry: wlc pick. Here the kernel reports failure only with IP_VS_DBG(1, …), which
    // needs CONFIG_IP_VS_DEBUG and debug_level >= 1 (off by default), so nothing is logged.
    const dest = weightedLeast(svc, ipVsDestConnOverhead);
    if (dest === null) return null;
    // ip_vs_lblcr_new: create the entry (lastuse = now) with a one-member set.
    if (table.entries < LOCALITY_CREATE_LIMIT) {
      table.insert({ daddr: pkt.daddr, lastuse: now, set: { members: [dest], lastmod: now } });
    }
    return dest;
  },
};
