import { describe, expect, it } from 'vitest';
import { LOCALITY_MAX_SIZE, LocalityTable, localityHashKey, type LocalityEntry } from './locality-table.ts';

const MIN = 60_000_000;

/** A table created at t = 0 with a 10-minute expiration, holding `n` entries used at t = 0. */
function tableWith(n: number, expirationUs = 10 * MIN) {
  const table = new LocalityTable<LocalityEntry>(0, expirationUs);
  for (let i = 0; i < n; i++) table.insert({ daddr: (0x0a000000 + i) >>> 0, lastuse: 0 });
  return table;
}

describe('lblc/lblcr GC timer (ip_vs_lblc_check_expire)', () => {
  it('drops idle entries only at every 30th run (a full check)', () => {
    const table = tableWith(1);
    table.insert({ daddr: 0x0b000000, lastuse: 21 * MIN });
    table.runTimers(30 * MIN - 1);
    expect(table.entries).toBe(2); // idle 29 min > 10 min, but no full check yet
    table.runTimers(30 * MIN); // run 30: full check; the t = 21 min entry is idle 9 min only
    expect([...table.all()].map((e) => e.daddr)).toEqual([0x0b000000]);
    table.runTimers(60 * MIN - 1);
    expect(table.entries).toBe(1);
    table.runTimers(60 * MIN);
    expect(table.entries).toBe(0);
  });

  it('drops at the full check when idle time equals the expiration (!time_before)', () => {
    const table = tableWith(1, 30 * MIN);
    table.runTimers(30 * MIN);
    expect(table.entries).toBe(0);
  });

  it('above 16384 entries drops entries idle ≥ 6 min from bucket rover+1 on until (n − 16384)·4/3 are gone', () => {
    const n = LOCALITY_MAX_SIZE + 6;
    const table = tableWith(n);
    table.runTimers(5 * MIN); // runs 1..5: nothing idle 6 min yet
    expect(table.entries).toBe(n);
    table.runTimers(6 * MIN);
    // goal = 6·4/3 = 8: whole buckets 1, 2, … until at least 8 entries went.
    const perBucket = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const b = localityHashKey((0x0a000000 + i) >>> 0);
      perBucket.set(b, (perBucket.get(b) ?? 0) + 1);
    }
    let expectedDropped = 0;
    for (let b = 1; expectedDropped < 8; b++) expectedDropped += perBucket.get(b) ?? 0;
    expect(table.entries).toBe(n - expectedDropped);
    expect(table.get(0x0a000000 + 1)).toBeDefined();
  });

  it('does not advance the full-check counter on over-full runs', () => {
    const table = tableWith(LOCALITY_MAX_SIZE + 6);
    // Runs 1..6 take the over-full branch (counter stays 1); runs 7..35 count 2..30; run 36 is full.
    table.runTimers(35 * MIN);
    expect(table.entries).toBeGreaterThan(LOCALITY_MAX_SIZE - 100); // only the run-6 GC dropped some
    table.runTimers(36 * MIN);
    expect(table.entries).toBe(0);
  });

  it('catches up across long idle stretches in one call', () => {
    const table = tableWith(3, 24 * 60 * MIN);
    table.runTimers(24 * 60 * MIN - 1);
    expect(table.entries).toBe(3);
    table.runTimers(10 * 24 * 60 * MIN);
    expect(table.entries).toBe(0);
  });
});
