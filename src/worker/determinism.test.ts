import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drArpIgnoreLab } from '../lab/builtin/arp-problems.ts';
import { tunLab } from '../lab/builtin/tun.ts';
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
