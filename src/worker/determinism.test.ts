import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drArpIgnoreLab } from '../lab/builtin/arp-problems.ts';
import { tunLab } from '../lab/builtin/tun.ts';
import { drLab } from '../lab/builtin/dr.ts';
import type { LabDocument } from '../lab/document.ts';
import { SimSession } from './session.ts';

/** SHA-256 of the whole trace as JSON (byte arrays as hex). */
function traceHash(doc: LabDocument, seed: number): string {
  const s = new SimSession(doc, { seed });
  s.runScenario();
  s.run({ kind: 'ping', node: 'client', destination: '192.168.122.188', count: 2 });
  const json = JSON.stringify(s.records, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  return createHash('sha256').update(json).digest('hex');
}

describe('same lab + same seed + same actions ⇒ identical trace', () => {
  it('hashes the same for two runs, and differently for another seed where the ARP race goes another way', () => {
    const a = traceHash(drArpIgnoreLab, 3);
    expect(traceHash(drArpIgnoreLab, 3)).toBe(a);
    expect(traceHash(drArpIgnoreLab, 6)).not.toBe(a);
    expect(traceHash(tunLab, 1)).toBe(traceHash(tunLab, 1));
  });
});

describe('recording the trace changes nothing the network does', () => {
  it('gives the same results, the same number of events and the same tables with the trace off', () => {
    const run = (trace: boolean) => {
      const s = new SimSession(drArpIgnoreLab, { seed: 3, trace });
      const results = s.runScenario().map((h) => h.result);
      return { results, events: s.network.engine.eventsRun, now: s.network.engine.now, gw: s.snapshot('gw'), director: s.snapshot('director') };
    };
    expect(run(false)).toEqual(run(true));
  });
});

describe('a full trace', () => {
  const curl = { kind: 'curl', node: 'client', url: 'http://192.168.122.188/' } as const;
  /** Three curls through the DR lab; what they answered, the trace, the tables and the counters. */
  const run = (traceBudget?: number) => {
    const s = new SimSession(drLab, traceBudget !== undefined ? { traceBudget } : {});
    const results = [s.run(curl), s.run(curl), s.run(curl)].map((h) => h.result);
    const client = s.network.hosts.get('client')!.device('eth0')!;
    return { s, results, counters: [client.rxPackets, client.rxBytes, client.txPackets, client.txBytes], now: s.network.engine.now, director: s.snapshot('director') };
  };

  it('keeps whole requests: once over its budget the next ones run unrecorded, exactly as they would have', () => {
    const full = run();
    const one = new SimSession(drLab);
    one.run(curl);
    const firstRequest = one.records.length;
    const kept = run(firstRequest);
    expect(kept.s.traceStoppedAt).toBe(firstRequest);
    expect(kept.s.records).toEqual(full.s.records.slice(0, firstRequest));
    expect(full.s.records.length).toBeGreaterThan(2 * firstRequest);
    expect(full.s.traceStoppedAt).toBeUndefined();
    // The network did the same: same answers, clock, tables and interface counters.
    expect(kept.results.every((r) => r?.kind === 'curl' && r.ok)).toBe(true);
    const { s: _a, ...withoutTrace } = kept;
    const { s: _b, ...fullWithoutTrace } = full;
    expect(withoutTrace).toEqual(fullWithoutTrace);
  });

  it('stops within a request that alone takes it to twice its budget', () => {
    const kept = run(50);
    expect(kept.s.records.length).toBe(100);
    expect(kept.s.traceStoppedAt).toBe(100);
    expect(kept.results.every((r) => r?.kind === 'curl' && r.ok)).toBe(true);
  });
});
