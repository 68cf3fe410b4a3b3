import { describe, expect, it } from 'vitest';
import type { NetworkConfig } from '../model/config.ts';
import { Network } from '../network.ts';
import { drLab, editDirector } from '../testing/labs.ts';

/** The lab without the real server that served the only connection, and with expire_nodest_conn as given. */
function deleting(lab: NetworkConfig, rip: string, expireNodestConn: number): NetworkConfig {
  return editDirector(lab, (n) => ({
    ...n,
    sysctls: { ...n.sysctls, 'net.ipv4.vs.expire_nodest_conn': expireNodestConn },
    ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, realServers: s.realServers.filter((r) => r.address !== rip) })) },
  }));
}

describe('deleting a real server (facts §3.4)', () => {
  for (const [value, left] of [[1, 0], [0, 1]] as const) {
    it(`expire_nodest_conn=${value}: its connections ${left ? 'stay' : 'are expired in bulk one jiffy later'} without another packet (ip_vs_expire_nodest_conn_flush)`, () => {
      const lab = drLab();
      const net = new Network(lab, { seed: 1, trace: false });
      net.settle(net.start({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' }));
      const ipvs = net.hosts.get('director')!.ipvs!;
      const [conn] = ipvs.connectionsSnapshot();
      expect(conn).toBeDefined();
      net.reconfigure(deleting(lab, conn!.destAddress, value));
      // The work is queued for one jiffy (HZ=1000) after the deletion.
      net.engine.runUntil(net.engine.now + 999);
      expect(ipvs.connectionsSnapshot()).toHaveLength(1);
      net.engine.runUntil(net.engine.now + 1);
      expect(ipvs.connectionsSnapshot()).toHaveLength(left);
    });
  }

  it('leaves a template that still controls a connection found in the same pass, and the connections of servers still listed', () => {
    const lab = editDirector(drLab(), (n) => ({ ...n, ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, persistentTimeout: 360 })) } }));
    const net = new Network(lab, { seed: 1, trace: false });
    net.settle(net.start({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' }));
    const ipvs = net.hosts.get('director')!.ipvs!;
    const rip = ipvs.connectionsSnapshot()[0]!.destAddress;
    net.reconfigure(deleting(lab, rip, 1));
    net.engine.runUntil(net.engine.now + 1000);
    expect(ipvs.connectionsSnapshot().map((c) => [c.template, c.destAddress])).toEqual([[true, rip]]);
  });
});
