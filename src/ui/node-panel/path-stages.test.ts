import { describe, expect, it } from 'vitest';
import { runLab } from '../inspector/testing/run-lab.ts';
import { lastPacketAt, pathPosition } from './path-stages.ts';

describe('the path of a packet through a node', () => {
  it('follows the DR request through the director: INPUT, IPVS, then OUTPUT', async () => {
    const { delta } = await runLab('dr');
    const records = delta.records;
    const syn = records.find((r) => r.step === 'ipvs' && r.explain.key === 'ipvs.schedule')!;
    const done = pathPosition(records, 'director', syn.packetId!, records.length)!;
    expect(done.visited).toEqual(['ingress', 'PREROUTING', 'routing', 'INPUT', 'IPVS', 'OUTPUT', 'POSTROUTING', 'egress']);
    expect(done).toMatchObject({ current: 'egress', dropped: false, inIface: 'ens33', outIface: 'ens33' });
    const atIpvs = pathPosition(records, 'director', syn.packetId!, syn.seq + 1)!;
    expect(atIpvs.current).toBe('IPVS');
    expect(pathPosition(records, 'client', syn.packetId!, syn.seq + 1)?.current).toBe('egress');
  });

  it('follows forwarding on the gateway and decapsulation on a TUN real server', async () => {
    const { delta } = await runLab('tun');
    const records = delta.records;
    const first = records.find((r) => r.node === 'director' && r.step === 'ipvs')!;
    const gw = records.find((r) => r.step === 'egress' && r.packetId === first.packetId && r.explain.key === 'link.egress' && r.node !== 'client' && r.node !== 'director')!;
    expect(pathPosition(records, gw.node, first.packetId!, records.length)!.visited).toEqual(['ingress', 'PREROUTING', 'routing', 'FORWARD', 'POSTROUTING', 'egress']);
    const decap = records.find((r) => r.step === 'tunnel' && r.explain.key === 'tunnel.decap')!;
    const rs = pathPosition(records, decap.node, decap.packetId!, decap.seq + 1)!;
    expect(rs.visited.slice(0, 5)).toEqual(['ingress', 'PREROUTING', 'routing', 'INPUT', 'local']);
    expect(lastPacketAt(records, decap.node, decap.seq + 1)).toBe(decap.packetId);
    expect(lastPacketAt(records, 'client', 0)).toBeUndefined();
  });
});
