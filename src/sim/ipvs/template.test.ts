import { describe, expect, it } from 'vitest';
import { Network } from '../network.ts';
import { drLab, editDirector } from '../testing/labs.ts';

describe('persistence templates whose server goes away (ip_vs_check_template)', () => {
  it('invalidates the template by rehashing it with ports 65535 (cport 0): it stays listed, a new template takes the client', () => {
    const persistent = editDirector(drLab(), (n) => ({
      ...n,
      sysctls: { ...n.sysctls, 'net.ipv4.vs.expire_quiescent_template': 1 },
      ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, persistentTimeout: 360 })) },
    }));
    const net = new Network(persistent, { seed: 1, trace: false });
    net.settle(net.start({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' }));
    const ipvs = net.hosts.get('director')!.ipvs!;
    const first = ipvs.connectionsSnapshot().find((c) => c.template)!;
    expect(first).toMatchObject({ clientPort: 0, virtualPort: 80, destPort: 80 });
    // Quiesce the template's server (weight 0): with expire_quiescent_template the next connection finds the template invalid.
    net.reconfigure(editDirector(persistent, (n) => ({
      ...n,
      ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, realServers: s.realServers.map((r) => (r.address === first.destAddress ? { ...r, weight: 0 } : r)) })) },
    })));
    const second = net.start({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' });
    net.settle(second);
    expect(second.result).toMatchObject({ ok: true });
    const templates = ipvs.connectionsSnapshot().filter((c) => c.template);
    expect(templates.map((t) => [t.destAddress, t.clientPort, t.virtualPort, t.destPort])).toEqual([
      [first.destAddress, 0, 65535, 65535],
      [templates[1]!.destAddress, 0, 80, 80],
    ]);
    expect(templates[1]!.destAddress).not.toBe(first.destAddress);
  });
});
