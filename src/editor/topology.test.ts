import { describe, expect, it } from 'vitest';
import { emptyLab } from '../lab/build.ts';
import { drLab } from '../lab/builtin/dr.ts';
import { validateLab } from '../lab/validate.ts';
import { addNode, connectNodes, deleteLink, deleteNode, freeSpot, nextNodeId } from './topology.ts';

describe('topology edits', () => {
  it('names new nodes after their role, numbering from 2 (real servers from 1)', () => {
    expect(nextNodeId(drLab, 'client')).toBe('client2');
    expect(nextNodeId(drLab, 'realserver')).toBe('web3');
    expect(nextNodeId(drLab, 'nfs')).toBe('nfs');
    expect(nextNodeId(emptyLab(), 'realserver')).toBe('web1');
  });

  it('reuses a device without a cable before creating ethN, and keeps the lab valid', () => {
    const unplugged = deleteLink(drLab, 3); // web1:ens33 – sw
    const r = connectNodes(unplugged, { id: 'web1' }, { id: 'sw' });
    expect(r.ok && r.doc.links[r.link]).toEqual({ a: { node: 'web1', iface: 'ens33' }, b: { node: 'sw' }, latencyUs: 100, bandwidthBps: 1_000_000_000 });
    const r2 = connectNodes(drLab, { id: 'client' }, { id: 'director' });
    expect(r2.ok && r2.doc.links[r2.link]).toMatchObject({ a: { node: 'client', iface: 'eth1' }, b: { node: 'director', iface: 'eth0' } });
    if (r2.ok) expect(validateLab(JSON.parse(JSON.stringify(r2.doc))).ok).toBe(true);
  });

  it('refuses a loopback, an unknown device and a device with a cable', () => {
    expect(connectNodes(drLab, { id: 'client', iface: 'lo' }, { id: 'sw' })).toEqual({ ok: false, key: 'edit.refused.notCable', params: { node: 'client', iface: 'lo' } });
    expect(connectNodes(drLab, { id: 'client', iface: 'eth9' }, { id: 'sw' })).toMatchObject({ ok: false, key: 'edit.refused.noInterface' });
    expect(connectNodes(drLab, { id: 'sw' }, { id: 'gw', iface: 'eth1' })).toEqual({ ok: false, key: 'edit.refused.interfaceTaken', params: { node: 'gw', iface: 'eth1', peer: 'client eth0' } });
  });

  it('deletes a node with its links and the scenario traffic it starts', () => {
    const d = deleteNode(drLab, 'client');
    expect(d.links.some((l) => l.a.node === 'client' || l.b.node === 'client')).toBe(false);
    expect(d.scenario).toEqual([]);
    expect(validateLab(JSON.parse(JSON.stringify(d))).ok).toBe(true);
  });

  it('finds a free spot away from every node', () => {
    let doc = emptyLab();
    for (let i = 0; i < 12; i++) doc = addNode(doc, 'switch', freeSpot(doc)).doc;
    const ps = doc.nodes.map((n) => n.position);
    for (const p of ps) for (const q of ps) if (p !== q) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(110);
  });
});
