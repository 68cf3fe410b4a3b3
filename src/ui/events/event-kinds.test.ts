import { describe, expect, it } from 'vitest';
import { runLab } from '../inspector/testing/run-lab.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import { EVENT_PROTOCOLS, filterEvents, mainProtocol, recordProtocols } from './event-kinds.ts';

describe('the event list filters', () => {
  it('knows what each record is about', async () => {
    const { delta } = await runLab('tun');
    const r = delta.records;
    const arp = r.find((x) => x.step === 'egress' && x.frame?.body.kind === 'arp')!;
    expect([...recordProtocols(arp)]).toEqual(['arp']);
    const tunnelled = r.find((x) => x.step === 'egress' && x.node === 'director' && x.frame?.body.kind === 'ipv4' && x.frame.body.packet.body.kind === 'ipip')!;
    expect([...recordProtocols(tunnelled)].sort()).toEqual(['ipip', 'tcp']);
    expect(mainProtocol(tunnelled)).toBe('TCP');
    const schedule = r.find((x) => x.step === 'ipvs')!;
    expect(recordProtocols(schedule).has('ipvs')).toBe(true);
    expect(recordProtocols(r.find((x) => x.step === 'neigh')!).has('arp')).toBe(true);
  });

  it('files a fragment under the protocol it is part of', () => {
    const fragment = (protocol: number): TraceRecord => ({
      seq: 0, timeUs: 0, node: 'director', step: 'route', packetId: 1, explain: { key: 'ip.fragment', params: {} },
      packet: { ip: { src: 1, dst: 2, protocol, ttl: 64, dscp: 0, ecn: 0, ident: 9, dontFragment: false, moreFragments: true, fragmentOffset: 0 }, body: { kind: 'raw', bytes: new Uint8Array(8) } },
    });
    expect([...recordProtocols(fragment(4))]).toEqual(['ipip']);
    expect(mainProtocol(fragment(4))).toBe('IPIP');
    expect(mainProtocol(fragment(6))).toBe('TCP');
    expect([...recordProtocols(fragment(47))]).toEqual([]);
  });

  it('filters by node, protocol, switches and internal steps', async () => {
    const { doc, delta } = await runLab('dr');
    const records = delta.records;
    const switches = new Set(doc.nodes.filter((n) => n.kind === 'switch').map((n) => n.id));
    const all = new Set(EVENT_PROTOCOLS);
    const everything = filterEvents(records, switches, { node: undefined, protocols: all, switches: true, internal: true });
    expect(everything).toHaveLength(records.length);
    const plain = filterEvents(records, switches, { node: undefined, protocols: all, switches: false, internal: false });
    expect(plain.every((s) => records[s]!.node !== 'sw' && records[s]!.step !== 'hook' && records[s]!.step !== 'route')).toBe(true);
    const director = filterEvents(records, switches, { node: 'director', protocols: new Set(['ipvs']), switches: false, internal: false });
    expect(director.length).toBeGreaterThan(0);
    expect(director.every((s) => records[s]!.node === 'director' && records[s]!.step === 'ipvs')).toBe(true);
    const arpOnly = filterEvents(records, switches, { node: undefined, protocols: new Set(['arp']), switches: false, internal: false });
    expect(arpOnly.every((s) => recordProtocols(records[s]!).has('arp'))).toBe(true);
    expect(filterEvents(records, switches, { node: undefined, protocols: new Set(), switches: false, internal: false })).toEqual([]);
  });
});
