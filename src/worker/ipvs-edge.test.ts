import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { natLab } from '../lab/builtin/nat.ts';
import type { LabDocument } from '../lab/document.ts';
import { SimSession } from './session.ts';

const VIP = '192.168.122.188';

/** The DR lab with the director's service replaced by a firewall-mark service (mark 1). */
function fwmarkLab(persistentTimeout?: number): LabDocument {
  return {
    ...drLab,
    nodes: drLab.nodes.map((n) => n.role !== 'director' ? n : {
      ...n,
      iptables: { ...n.iptables, mangle: { ...n.iptables.mangle, PREROUTING: [{ destination: `${VIP}/32`, protocol: 'tcp', dport: '80', target: { kind: 'MARK', mark: 1 } }] } },
      ipvs: {
        ...n.ipvs,
        services: [{
          protocol: 'fwmark', fwmark: 1, scheduler: 'rr', ...(persistentTimeout ? { persistentTimeout } : {}),
          realServers: n.ipvs.services[0]!.realServers.map((r) => ({ ...r, port: 0 })),
        }],
      },
    }),
  };
}

describe('IPVS edge cases', () => {
  it('schedules a firewall-mark service from the mark set in mangle PREROUTING (facts §1.0 service lookup)', () => {
    const s = new SimSession(fwmarkLab());
    const bodies = [0, 1].map(() => {
      const r = s.run({ kind: 'curl', node: 'client', url: `http://${VIP}/` }).result;
      return r && r.kind === 'curl' && r.ok ? r.body.trim() : 'error';
    });
    expect(bodies).toEqual(['This is test2 web', 'This is test1 web']);
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'mangle.mark')).toBe(true);
    const sched = s.records.find((r) => r.explain.key === 'ipvs.schedule')!;
    expect(sched.explain.params).toMatchObject({ service: 'FWM 1 0x00000001', rs: '192.168.122.101:80' });
  });

  it('shows a persistent fwmark template as protocol IP with virtual address 0.0.0.<mark> (facts §3.3, §4.4)', () => {
    const s = new SimSession(fwmarkLab(360));
    s.run({ kind: 'curl', node: 'client', url: `http://${VIP}/` });
    const template = s.snapshot('director')!.connections.find((c) => c.template)!;
    expect(template).toMatchObject({ protocol: 'IP', clientAddress: '12.0.0.12', clientPort: 0, virtualAddress: '0.0.0.1', virtualPort: 0, state: 'ASSURED' });
  });

  it('sends a non-SYN packet without a connection entry to the director\'s own stack, which answers RST (facts §1.0)', () => {
    const s = new SimSession(drLab);
    const net = s.network;
    const run = net.start({ kind: 'curl', node: 'client', url: `http://${VIP}/` });
    const ipvs = net.hosts.get('director')!.ipvs!;
    // Run until the connection entry exists, then expire it before the client's ACK arrives.
    net.engine.runWhile(() => ipvs.conns.size > 0, 1_000_000);
    ipvs.conns.expireNow(ipvs.conns.entries()[0]!);
    net.settle(run);
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'ipvs.not_syn')).toBe(true);
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'tcp.rst.sent')).toBe(true);
    expect(run.result).toMatchObject({ kind: 'curl', ok: false, error: 'ECONNRESET' });
  });

  it('drops packets of a connection whose real server was deleted, unless expire_nodest_conn (facts §3.4)', () => {
    const s = new SimSession(drLab);
    const net = s.network;
    const run = net.start({ kind: 'curl', node: 'client', url: `http://${VIP}/` });
    const ipvs = net.hosts.get('director')!.ipvs!;
    net.engine.runWhile(() => ipvs.conns.size > 0, 1_000_000);
    const rip = ipvs.conns.entries()[0]!.daddr;
    const noServer: LabDocument = {
      ...drLab,
      nodes: drLab.nodes.map((n) => n.role !== 'director' ? n : { ...n, ipvs: { ...n.ipvs, services: n.ipvs.services.map((sv) => ({ ...sv, realServers: sv.realServers.filter((r) => r.address !== `192.168.122.${rip & 255}`) })) } }),
    };
    s.reconfigure(noServer);
    net.engine.runUntil(net.engine.now + 2_000_000);
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'ipvs.dest.unavailable')).toBe(true);
    expect(s.records.some((r) => r.node === 'director' && r.drop?.reason === 'IPVS')).toBe(true);
    expect(run.result).toBeUndefined();
  });

  it('NAT: curl on the director to its own VIP is scheduled at LOCAL_OUT and the reply gets VIP:80 back at LOCAL_IN (ip_vs_out_hook, priority 98)', () => {
    const s = new SimSession(natLab);
    const r = s.run({ kind: 'curl', node: 'director', url: 'http://12.0.0.10/' }).result;
    expect(r).toMatchObject({ kind: 'curl', ok: true });
    expect(r && r.kind === 'curl' && r.ok ? r.body : '').toMatch(/^This is test[12] web\n$/);
    const sched = s.records.find((x) => x.node === 'director' && x.explain.key === 'ipvs.schedule')!;
    expect(sched.explain.params).toMatchObject({ method: 'masq' });
    const snat = s.records.filter((x) => x.node === 'director' && x.explain.key === 'ipvs.reply.snat');
    expect(snat.length).toBeGreaterThan(0);
    expect(snat.every((x) => x.hook === 'INPUT' && x.explain.params['to'] === '12.0.0.10:80')).toBe(true);
    expect(s.records.some((x) => x.node === 'director' && x.drop !== undefined)).toBe(false);
  });

  it('DR: curl on the director to its own VIP fails: its ARP request for the RIP comes from the VIP, a martian source to a real server holding the VIP (arp_process → fib_validate_source)', () => {
    const s = new SimSession(drLab);
    const r = s.run({ kind: 'curl', node: 'director', url: `http://${VIP}/` }).result;
    expect(r).toMatchObject({ kind: 'curl', ok: false, error: 'EHOSTUNREACH' });
    const ask = s.records.find((x) => x.node === 'director' && x.explain.key === 'arp.request.sent')!;
    expect(ask.explain.params).toMatchObject({ sip: VIP });
    const rs = ask.explain.params['tip'] === '192.168.122.100' ? 'web1' : 'web2';
    expect(s.records.some((x) => x.node === rs && x.explain.key === 'arp.ignored.martian')).toBe(true);
  });

  it('NAT to a real server on the director itself (its DIP): the local server\'s replies get VIP:80 at LOCAL_OUT (ip_vs_out_hook, priority −99)', () => {
    const doc: LabDocument = {
      ...natLab,
      nodes: natLab.nodes.map((n) => n.id !== 'director' ? n : {
        ...n,
        services: { ...n.services, httpd: { running: true, port: 80 } },
        files: { ...n.files, '/var/www/html/index.html': 'This is the director\n' },
        ipvs: { ...n.ipvs, services: [{ ...n.ipvs.services[0]!, realServers: [{ ...n.ipvs.services[0]!.realServers[0]!, address: '192.168.2.10' }] }] },
      }),
    };
    const s = new SimSession(doc);
    const r = s.run({ kind: 'curl', node: 'client', url: 'http://12.0.0.10/' }).result;
    expect(r && r.kind === 'curl' && r.ok ? r.body : r).toBe('This is the director\n');
    expect(s.records.some((x) => x.node === 'director' && x.explain.key === 'ipvs.xmit.local')).toBe(true);
    const snat = s.records.filter((x) => x.node === 'director' && x.explain.key === 'ipvs.reply.snat');
    expect(snat.length).toBeGreaterThan(0);
    expect(snat.every((x) => x.hook === 'OUTPUT' && x.explain.params['from'] === '192.168.2.10:80' && x.explain.params['to'] === '12.0.0.10:80')).toBe(true);
  });
});
