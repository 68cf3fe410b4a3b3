import { describe, expect, it } from 'vitest';
import { roleNames } from '../../lab/roles.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import { fieldAtByte, headerStack } from './header-stack.ts';
import { runLab } from './testing/run-lab.ts';

const egressOf = (records: readonly TraceRecord[], node: string, packetId: number) =>
  records.find((r) => r.step === 'egress' && r.node === node && r.packetId === packetId)!;

describe('the header stack of a trace record', () => {
  it('shows the DR director rewriting only the MACs (and TTL) of the SYN, with role names', async () => {
    const { doc, delta } = await runLab('dr');
    const roles = roleNames(doc);
    const syn = delta.records.find((r) => r.step === 'ipvs' && r.explain.key === 'ipvs.schedule')!;
    const stack = headerStack(egressOf(delta.records, 'director', syn.packetId!), roles)!;
    expect(stack.kind).toBe('frame');
    expect(stack.groups.map((g) => g.prefix)).toEqual(['eth', 'ip', 'tcp']);
    const field = (path: string) => stack.groups.flatMap((g) => g.fields).find((f) => f.path === path)!;
    expect([field('eth.dst').changed, field('eth.src').changed, field('ip.ttl').changed]).toEqual([true, true, true]);
    expect([field('ip.src').changed, field('ip.dst').changed]).toEqual([false, false]);
    expect(field('ip.dst').role).toBe('VIP');
    expect(field('ip.src').role).toBe('CIP');
    expect(field('eth.src')).toMatchObject({ role: 'DIPmac', owner: 'director ens33' });
    expect(field('eth.dst').owner).toMatch(/^web[12] ens33$/);
    expect(fieldAtByte(stack.groups, 0)?.path).toBe('eth.dst');
    expect(fieldAtByte(stack.groups, 14 + 8)?.path).toBe('ip.ttl');
    expect([stack.paddingFrom, stack.bytes.length]).toEqual([58, 60]);
  });

  it('shows layer-3 steps without Ethernet, and an ARP message alone at ARP steps', async () => {
    const { doc, delta } = await runLab('dr');
    const roles = roleNames(doc);
    const hook = delta.records.find((r) => r.step === 'hook' && r.packet)!;
    const l3 = headerStack(hook, roles)!;
    expect(l3.kind).toBe('packet');
    expect(l3.groups[0]!.prefix).toBe('ip');
    expect(l3.groups[0]!.fields[0]).toMatchObject({ path: 'ip.version', offset: 0 });
    const arp = headerStack(delta.records.find((r) => r.step === 'arp' && r.explain.key === 'arp.request.sent')!, roles)!;
    expect(arp).toMatchObject({ kind: 'arp', paddingFrom: 28 });
    expect(arp.bytes.length).toBe(28);
    expect(arp.groups.map((g) => g.prefix)).toEqual(['arp']);
    expect(arp.groups[0]!.fields.find((f) => f.path === 'arp.tha')).toMatchObject({ offset: 18, special: 'unknown' });
    const request = headerStack(delta.records.find((r) => r.step === 'egress' && r.frame?.body.kind === 'arp')!, roles)!;
    expect(request.groups[0]!.fields[0]).toMatchObject({ path: 'eth.dst', special: 'broadcast' });
    // A 42-byte ARP frame is padded to 60 bytes on the wire.
    expect([request.paddingFrom, request.bytes.length]).toEqual([42, 60]);
    expect(headerStack(delta.records.find((r) => r.step === 'neigh')!, roles)).toBeUndefined();
  });

  it('shows the outer header of a tunnelled packet before the inner one', async () => {
    const { doc, delta } = await runLab('tun');
    const encap = delta.records.find((r) => r.step === 'tunnel' && r.explain.key === 'tunnel.encap')!;
    const stack = headerStack(egressOf(delta.records, 'director', encap.packetId!), roleNames(doc))!;
    expect(stack.groups.map((g) => [g.kind, g.inner])).toEqual([['eth', false], ['outer', false], ['ip', true], ['tcp', false]]);
    const outer = stack.groups[1]!.fields;
    expect(outer.find((f) => f.path === 'outer.src')).toMatchObject({ changed: true, role: 'DIP' });
    expect(outer.find((f) => f.path === 'outer.dst')?.role).toMatch(/^RIP/);
    expect(stack.groups[2]!.fields.find((f) => f.path === 'ip.dst')).toMatchObject({ changed: false, role: 'VIP' });
  });
});
