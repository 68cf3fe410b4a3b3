import { describe, expect, it } from 'vitest';
import { runLab } from '../inspector/testing/run-lab.ts';
import { neighbourTableAt, stepStart } from './neighbour-table.ts';

describe('the neighbour table at a point of the run', () => {
  it('is empty at the start and rebuilt from the neighbour records', async () => {
    const { doc, delta } = await runLab('dr');
    const records = delta.records;
    expect(neighbourTableAt(records, 'gw', 0)).toEqual([]);
    const end = neighbourTableAt(records, 'gw', records.length);
    const directorMac = doc.nodes.find((n) => n.id === 'director')!.interfaces.find((i) => i.name === 'ens33')!.mac;
    expect(end.find((r) => r.ip === '192.168.122.188')).toMatchObject({ dev: 'eth0', mac: directorMac });
    // The snapshot at the end of the run agrees with the fold.
    const snap = delta.snapshots.gw!.neighbours.map((n) => [n.dev, n.ip, n.mac, n.state]).sort();
    expect(end.map((r) => [r.dev, r.ip, r.mac, r.state]).sort()).toEqual(snap);
  });

  it('keeps the first answer in the ARP-problem lab, and flashes entries changed in the current step', async () => {
    const { doc, delta } = await runLab('dr-arp-ignore');
    const records = delta.records;
    const macs = (id: string) => doc.nodes.find((n) => n.id === id)!.interfaces.find((i) => i.name === 'ens33')!.mac;
    const vip = neighbourTableAt(records, 'gw', records.length).find((r) => r.ip === '192.168.122.188')!;
    expect([macs('web1'), macs('web2')]).toContain(vip.mac);
    const learned = records.find((r) => r.node === 'gw' && r.step === 'neigh' && r.neigh?.ip === '192.168.122.188' && r.neigh.macAfter !== null)!;
    // Right after the change, the entry is fresh; it stays so until the step after the next hop.
    const right = neighbourTableAt(records, 'gw', learned.seq + 1).find((r) => r.ip === '192.168.122.188')!;
    expect(right).toMatchObject({ fresh: true, changedSeq: learned.seq, state: 'REACHABLE' });
    expect(stepStart(records, learned.seq + 1)).toBeLessThanOrEqual(learned.seq);
    const later = neighbourTableAt(records, 'gw', records.length).find((r) => r.ip === '192.168.122.188')!;
    expect(later.fresh).toBe(false);
  });
});
