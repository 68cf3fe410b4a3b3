import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { routedLab } from '../lab/builtin/routed.ts';
import { tsharkCheck } from '../wire/testing/tshark.ts';
import { SimSession } from './session.ts';

/** tshark's preference that leaves TCP streams unassembled. */
const NO_DESEGMENT = ['tcp.desegment_tcp_streams:FALSE'];

describe('the pcap of a whole run decodes in tshark with checksum validation on', () => {
  for (const { id, doc } of [...BUILTIN_LABS, { id: 'routed', doc: routedLab }]) {
    it(`${id}: no malformed packet, no bad checksum`, () => {
      const s = new SimSession(doc);
      s.runScenario();
      // The capture holds each frame once per hop that sent it: reassembling a message that spans
      // TCP segments across hops would meet every segment again ("overlaps old data"), so tshark
      // leaves TCP streams unassembled.
      const report = tsharkCheck(s.pcap(), ['ip.proto', 'arp.opcode'], NO_DESEGMENT);
      expect(report.frames).toBeGreaterThan(10);
      if (id.startsWith('dr-arp-')) {
        // Wireshark sees the lesson too: two MACs claim the VIP. That is its only objection.
        const duplicate = /: expert \d+: Duplicate IP address configured \(192\.168\.122\.188\)$/;
        expect(report.problems.length).toBeGreaterThan(0);
        expect(report.problems.filter((p) => !duplicate.test(p))).toEqual([]);
      } else if (id.endsWith('-verbatim') || id === 'nat-gateway') {
        // The seeds' mistakes, and a reply that bypasses the NAT director, meet resets: Wireshark
        // flags them, and they are the lesson.
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

  it('fragments: with pmtu_disc=0 the director sends a full-sized request as two IPIP fragments; tshark reassembles them without a complaint', () => {
    const tun = BUILTIN_LABS.find((l) => l.id === 'tun')!.doc;
    const doc = { ...tun, nodes: tun.nodes.map((n) => (n.id === 'director' ? { ...n, sysctls: { ...n.sysctls, 'net.ipv4.vs.pmtu_disc': 0 } } : n)) };
    const s = new SimSession(doc);
    const curl = s.run({ kind: 'curl', node: 'client', url: `http://10.0.1.188/${'a'.repeat(1600)}`, maxTimeSec: 10 });
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true });
    const report = tsharkCheck(s.pcap(), ['ip.proto', 'ip.flags.mf', 'ip.frag_offset'], NO_DESEGMENT);
    expect(report.problems).toEqual([]);
    const col = (name: string) => report.columns.indexOf(name);
    const fragments = report.fields.filter((row) => row[col('ip.flags.mf')]!.startsWith('1') || /^[1-9]/.test(row[col('ip.frag_offset')]!));
    // Two fragments, at offsets 0 and 185 × 8 = 1480 bytes, each captured at every hop that sent it.
    expect(new Set(fragments.map((row) => row[col('ip.frag_offset')]!.split('|')[0]))).toEqual(new Set(['0', '185']));
  });
});
