import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { routedLab } from '../lab/builtin/routed.ts';
import { tsharkCheck } from '../wire/testing/tshark.ts';
import { SimSession } from './session.ts';

describe('the pcap of a whole run decodes in tshark with checksum validation on', () => {
  for (const { id, doc } of [...BUILTIN_LABS, { id: 'routed', doc: routedLab }]) {
    it(`${id}: no malformed packet, no bad checksum`, () => {
      const s = new SimSession(doc);
      s.runScenario();
      const report = tsharkCheck(s.pcap(), ['ip.proto', 'arp.opcode']);
      expect(report.frames).toBeGreaterThan(10);
      if (id.startsWith('dr-arp-')) {
        // Wireshark sees the lesson too: two MACs claim the VIP. That is its only objection.
        const duplicate = /: expert \d+: Duplicate IP address configured \(192\.168\.122\.188\)$/;
        expect(report.problems.length).toBeGreaterThan(0);
        expect(report.problems.filter((p) => !duplicate.test(p))).toEqual([]);
      } else if (id.endsWith('-verbatim')) {
        // The seeds' mistakes refuse connections: Wireshark flags the resets, which are the lesson.
        expect(report.problems.filter((p) => !/: expert \d+: Connection reset \(RST\)$/.test(p))).toEqual([]);
      } else {
        expect(report.problems).toEqual([]);
      }
    });
  }

  it('shows both IPIP headers of the TUN lab: outer director → RIP, inner client → VIP', () => {
    const s = new SimSession(BUILTIN_LABS.find((l) => l.id === 'tun')!.doc);
    s.runScenario();
    const report = tsharkCheck(s.pcap(), ['ip.proto']);
    const col = (name: string) => report.columns.indexOf(name);
    const tunnelled = report.fields.filter((row) => row[col('ip.proto')] === '4|6');
    expect(tunnelled.length).toBeGreaterThan(0);
    for (const row of tunnelled) {
      expect(row[col('ip.src')]).toBe('10.0.1.10|12.0.0.12');
      expect(row[col('ip.dst')]).toMatch(/^10\.0\.[23]\.100\|10\.0\.1\.188$/);
    }
  });
});
