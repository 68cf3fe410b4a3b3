import { hash32 } from './hash.ts';
import type { SchedDest, SchedService } from './types.ts';

/** CONFIG_IP_VS_LBLC_TAB_BITS / CONFIG_IP_VS_LBLCR_TAB_BITS default. */
export const LOCALITY_TAB_BITS = 10;
/** IP_VS_LBLC_TAB_SIZE: 1024 buckets. */
export const LOCALITY_TAB_SIZE = 1 << LOCALITY_TAB_BITS;
const TAB_MASK = LOCALITY_TAB_SIZE - 1;
/** tbl->max_size = IP_VS_LBLC_TAB_SIZE * 16. */
export const LOCALITY_MAX_SIZE = LOCALITY_TAB_SIZE * 16;
/**
 * New entries are refused once tbl->entries reaches 1.5 × max_size (facts §1.9, "recent CVE fix").
 * The check itself was not in any kernel copy we could read; `>=` and its place (just before the
 * allocation in ip_vs_lblc_new / ip_vs_lblcr_new) are our reading.
 */
export const LOCALITY_CREATE_LIMIT = (LOCALITY_MAX_SIZE * 3) / 2;

const SECOND_US = 1_000_000;
/** CHECK_EXPIRE_INTERVAL: the GC timer period, 60 s. */
export const CHECK_EXPIRE_INTERVAL_US = 60 * SECOND_US;
/** ENTRY_TIMEOUT: idle time after which an over-full table drops an entry, 6 min. */
export const ENTRY_TIMEOUT_US = 6 * 60 * SECOND_US;
/** DEFAULT_EXPIRATION: default sysctl lblc_expiration / lblcr_expiration, 24 h. */
export const DEFAULT_EXPIRATION_US = 24 * 60 * 60 * SECOND_US;
/** COUNT_FOR_FULL_EXPIRATION: every 30th timer run is a full scan. */
const COUNT_FOR_FULL_EXPIRATION = 30;

/** ip_vs_lblc_hashkey / ip_vs_lblcr_hashkey for IPv4: hash_32(daddr, 10). */
export function localityHashKey(daddr: number): number {
  return hash32(daddr, LOCALITY_TAB_BITS);
}

/** What the table needs of an lblc/lblcr cache entry. */
export interface LocalityEntry {
  readonly daddr: number;
  lastuse: number; // virtual µs
}

/**
 * The hash table of ip_vs_lblc.c / ip_vs_lblcr.c (`struct ip_vs_lblc_table`) with its periodic GC
 * timer (`ip_vs_lblc_check_expire`), run lazily: `runTimers(now)` replays, in order, every 60 s
 * timer run due up to `now`, counted from init_service. What each run does is the kernel's:
 *  - every 30th run (counter % 30 == 0): full scan, dropping entries idle ≥ expiration, counter = 1;
 *  - else if entries ≤ 16384: counter++;
 *  - else: from bucket rover+1 on, drop entries idle ≥ 6 min, bucket by bucket, until
 *    (entries − 16384)·4/3 (at most 8192) were dropped; rover = last bucket visited.
 * Times are compared in µs instead of jiffies (HZ ticks); entries within a bucket need no order
 * because every run drops all stale entries of each bucket it visits.
 */
export class LocalityTable<E extends LocalityEntry> {
  private readonly buckets: Map<number, E>[] = Array.from({ length: LOCALITY_TAB_SIZE }, () => new Map<number, E>());
  /** tbl->entries as the kernel counts it (see `unlinkUncounted`). */
  entries = 0;
  private rover = 0;
  private counter = 1;
  private nextRunUs: number;

  constructor(
    initUs: number,
    private readonly expirationUs: number,
  ) {
    this.nextRunUs = initUs + CHECK_EXPIRE_INTERVAL_US;
  }

  /** ip_vs_lblc_get: the entry for a destination address. */
  get(daddr: number): E | undefined {
    return this.buckets[localityHashKey(daddr)]!.get(daddr);
  }

  /** ip_vs_lblc_hash: hlist_add_head_rcu + atomic_inc(&tbl->entries). */
  insert(entry: E): void {
    this.buckets[localityHashKey(entry.daddr)]!.set(entry.daddr, entry);
    this.entries++;
  }

  /** ip_vs_lblc_del without a counter update: ip_vs_lblc_new replaces an entry this way, so the kernel's count drifts up. */
  unlinkUncounted(entry: E): void {
    this.buckets[localityHashKey(entry.daddr)]!.delete(entry.daddr);
  }

  /** All entries, bucket by bucket (for inspection and tests). */
  *all(): IterableIterator<E> {
    for (const bucket of this.buckets) yield* bucket.values();
  }

  /** Replays the GC timer runs due at or before `nowUs`. */
  runTimers(nowUs: number): void {
    while (this.nextRunUs <= nowUs) {
      if (this.counter % COUNT_FOR_FULL_EXPIRATION === 0) {
        this.fullCheck(this.nextRunUs);
        this.counter = 1;
        this.nextRunUs += CHECK_EXPIRE_INTERVAL_US;
      } else if (this.entries <= LOCALITY_MAX_SIZE) {
        // Runs that only count: skip straight to the next full check (or to now).
        const due = Math.floor((nowUs - this.nextRunUs) / CHECK_EXPIRE_INTERVAL_US) + 1;
        const runs = Math.min(due, COUNT_FOR_FULL_EXPIRATION - this.counter);
        this.counter += runs;
        this.nextRunUs += runs * CHECK_EXPIRE_INTERVAL_US;
      } else {
        this.collectGarbage(this.nextRunUs);
        this.nextRunUs += CHECK_EXPIRE_INTERVAL_US;
      }
    }
  }

  /** ip_vs_lblc_full_check: drop entries with !time_before(now, lastuse + expiration). */
  private fullCheck(nowUs: number): void {
    let j = this.rover;
    for (let i = 0; i < LOCALITY_TAB_SIZE; i++) {
      j = (j + 1) & TAB_MASK;
      this.dropStale(j, nowUs, this.expirationUs);
    }
    this.rover = j;
  }

  /** The over-full branch of ip_vs_lblc_check_expire. */
  private collectGarbage(nowUs: number): void {
    let goal = Math.trunc(((this.entries - LOCALITY_MAX_SIZE) * 4) / 3);
    if (goal > LOCALITY_MAX_SIZE / 2) goal = LOCALITY_MAX_SIZE / 2;
    let j = this.rover;
    for (let i = 0; i < LOCALITY_TAB_SIZE; i++) {
      j = (j + 1) & TAB_MASK;
      goal -= this.dropStale(j, nowUs, ENTRY_TIMEOUT_US);
      if (goal <= 0) break;
    }
    this.rover = j;
  }

  /** Drops (counted) the entries of bucket `j` idle for at least `idleUs`; returns how many. */
  private dropStale(j: number, nowUs: number, idleUs: number): number {
    const bucket = this.buckets[j]!;
    let dropped = 0;
    for (const [daddr, entry] of bucket) {
      if (nowUs < entry.lastuse + idleUs) continue;
      bucket.delete(daddr);
      this.entries--;
      dropped++;
    }
    return dropped;
  }
}

/**
 * The dest a cache entry refers to, if it is still in the service (IP_VS_DEST_F_AVAILABLE).
 * A deleted dest that a cache entry still references stays in the kernel's dest trash, and
 * `ipvsadm -a` of the same address:port takes that very struct back (ip_vs_ctl.c
 * `ip_vs_trash_get_dest`); so a listed dest with the same address and port is the same server.
 */
export function liveDest(svc: SchedService, cached: SchedDest): SchedDest | null {
  if (svc.destinations.includes(cached)) return cached;
  return svc.destinations.find((d) => d.address === cached.address && d.port === cached.port) ?? null;
}

/**
 * ip_vs_lblc.c / ip_vs_lblcr.c `is_overloaded`: more active connections than weight while some
 * server of the service has fewer than half its weight active.
 */
export function isLocalityOverloaded(dest: SchedDest, svc: SchedService): boolean {
  if (dest.activeConns > dest.weight) {
    return svc.destinations.some((d) => d.activeConns * 2 < d.weight);
  }
  return false;
}
