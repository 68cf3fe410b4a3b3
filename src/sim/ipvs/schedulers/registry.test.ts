import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getScheduler, SCHEDULERS } from './registry.ts';
import { Lab, server, testContext } from './test-harness.ts';

const NAMES = ['rr', 'wrr', 'lc', 'wlc', 'sed', 'nq', 'sh', 'dh', 'lblc', 'lblcr', 'mh', 'fo', 'ovf', 'twos'];

describe('scheduler registry', () => {
  it('has the 14 kernel modules, each under its own name', () => {
    expect([...SCHEDULERS.keys()].sort()).toEqual([...NAMES].sort());
    for (const [name, sched] of SCHEDULERS) expect(sched.name).toBe(name);
  });

  it('returns undefined for an unknown name (no ip_vs_<name> module)', () => {
    expect(getScheduler('wlc')).toBe(SCHEDULERS.get('wlc'));
    expect(getScheduler('foo')).toBeUndefined();
    expect(getScheduler('WLC')).toBeUndefined();
  });

  it.each(NAMES)('%s returns NULL on an empty service with the kernel log line', (name) => {
    const lab = new Lab(name);
    expect(lab.pick()).toBeNull();
    // lblcr without a cache entry only has an IP_VS_DBG message.
    expect(lab.ctx.logs).toEqual(name === 'lblcr' ? [] : [`IPVS: ${name}: TCP 192.168.122.188:80 - no destination available`]);
  });
});

describe('every scheduler', () => {
  const serverArb = fc.record({
    weight: fc.integer({ min: 0, max: 5 }),
    active: fc.integer({ min: 0, max: 6 }),
    inactive: fc.integer({ min: 0, max: 20 }),
    overloaded: fc.boolean(),
  });
  const flagsArb = fc.record({ shFallback: fc.boolean(), shPort: fc.boolean(), mhFallback: fc.boolean(), mhPort: fc.boolean() });
  const packetArb = fc.record({ saddr: fc.nat(0xffffffff), sport: fc.nat(0xffff), daddr: fc.nat(0xffffffff) });

  it.each(NAMES)('%s only ever returns a listed server with weight > 0', (name) => {
    fc.assert(
      fc.property(
        fc.array(serverArb, { maxLength: 6 }),
        flagsArb,
        fc.array(packetArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
        (specs, flags, packets, seeds) => {
          const ctx = testContext();
          let k = 0;
          ctx.rng.below = (n) => seeds[k++ % seeds.length]! % n;
          const lab = new Lab(name, flags, ctx);
          specs.forEach((s, i) =>
            lab.add(server(`S${i}`, `10.0.0.${i + 1}`, s.weight, { activeConns: s.active, totalConns: s.active + s.inactive, overloaded: s.overloaded })),
          );
          for (const pkt of packets) {
            const dest = lab.pick(pkt);
            if (dest === null) continue;
            expect(lab.destinations).toContain(dest);
            expect(dest.weight).toBeGreaterThan(0);
            // Only lblc's cache path ignores the -x OVERLOAD flag.
            if (name !== 'lblc') expect(dest.overloaded).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
