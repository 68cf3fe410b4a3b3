import { describe, expect, it } from 'vitest';
import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../../wire/packet.ts';
import type { NatRule, NetworkConfig } from '../model/config.ts';
import type { CurlResult } from '../model/traffic.ts';
import { Network } from '../network.ts';
import { drLab, editDirector, natLab } from '../testing/labs.ts';
import type { TraceRecord } from '../model/trace.ts';

/** The director's one real server replaced by `address` (same method), and httpd running there. */
function localServer(lab: NetworkConfig, address: string): NetworkConfig {
  return editDirector(lab, (n) => ({
    ...n,
    services: { httpd: { running: true, port: 80 } },
    files: { '/var/www/html/index.html': 'This is the director\n' },
    ipvs: { ...n.ipvs, services: n.ipvs.services.map((s) => ({ ...s, realServers: [{ ...s.realServers[0]!, address }] })) },
  }));
}

const withSysctls = (lab: NetworkConfig, sysctls: Record<string, number>): NetworkConfig => editDirector(lab, (n) => ({ ...n, sysctls: { ...n.sysctls, ...sysctls } }));
const withNatRules = (lab: NetworkConfig, chain: 'INPUT' | 'POSTROUTING', rules: readonly NatRule[]): NetworkConfig =>
  editDirector(lab, (n) => ({ ...n, iptables: { ...n.iptables, nat: { ...n.iptables.nat, [chain]: [...rules, ...n.iptables.nat[chain]] } } }));

function curl(net: Network, node: string, url: string): CurlResult {
  const run = net.start({ kind: 'curl', node, url, maxTimeSec: 2 });
  net.settle(run);
  return run.result as CurlResult;
}

const packetOf = (r: TraceRecord): Ipv4Packet | undefined => r.packet ?? (r.frame?.body.kind === 'ipv4' ? r.frame.body.packet : undefined);

describe('NAT to a real server on the director (facts §2, ip_vs_nat_xmit)', () => {
  it('refuses to DNAT a client\'s request to a loopback address: tx_error, the packet is dropped', () => {
    const net = new Network(localServer(natLab(), '127.0.0.1'), { seed: 1, trace: true });
    expect(curl(net, 'client', 'http://12.0.0.10/')).toMatchObject({ ok: false, error: 'timeout' });
    const drops = net.tracer.records.filter((r) => r.node === 'director' && r.step === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    expect(drops.every((r) => r.drop?.reason === 'IPVS' && String(r.explain.params.detail).includes('loopback'))).toBe(true);
    expect(net.tracer.records.some((r) => r.node === 'director' && r.explain.key === 'ipvs.xmit.local')).toBe(false);
  });

  it('still DNATs a local client\'s request to a loopback address (not from the world: rt_is_input_route is false)', () => {
    const net = new Network(localServer(natLab(), '127.0.0.1'), { seed: 1, trace: true });
    expect(curl(net, 'director', 'http://12.0.0.10/')).toMatchObject({ ok: true, body: 'This is the director\n' });
    expect(net.tracer.records.some((r) => r.node === 'director' && r.step === 'drop')).toBe(false);
  });
});

describe('the conntrack entry of what IPVS sends (facts §6, ip_vs_send_or_cont / ip_vs_nat_send_or_cont)', () => {
  const snatInInput: NatRule = { protocol: 'tcp', dport: '80', target: { kind: 'SNAT', toSource: '192.168.2.10' } };
  const cases = [['NAT', natLab(), 'http://12.0.0.10/', '192.168.2.10'], ['DR', drLab(), 'http://192.168.122.188/', '192.168.122.10']] as const;
  for (const [method, lab, url, dip] of cases) {
    for (const conntrack of [0, 1]) {
      it(`${method} to a local real server, conntrack=${conntrack}: nat INPUT ${conntrack ? 'sees the tracked flow' : 'never sees it (ip_vs_notrack)'}`, () => {
        const net = new Network(withSysctls(withNatRules(localServer(lab, dip), 'INPUT', [snatInInput]), { 'net.ipv4.vs.conntrack': conntrack }), { seed: 1, trace: true });
        curl(net, 'client', url);
        const snat = net.tracer.records.filter((r) => r.node === 'director' && r.explain.key === 'nat.snat');
        expect(snat.length > 0).toBe(conntrack === 1);
      });
    }
  }

  // A "full NAT" director: MASQUERADE toward the real servers applies only to tracked IPVS traffic.
  const masquerade: NatRule = { outInterface: 'ens33', target: { kind: 'MASQUERADE' } };
  for (const [conntrack, seenFrom] of [[0, '12.0.0.88'], [1, '192.168.2.10']] as const) {
    it(`NAT with POSTROUTING MASQUERADE, conntrack=${conntrack}: the real server sees ${seenFrom} and the client gets its page`, () => {
      const net = new Network(withSysctls(withNatRules(natLab(), 'POSTROUTING', [masquerade]), { 'net.ipv4.vs.conntrack': conntrack }), { seed: 1, trace: true });
      expect(curl(net, 'client', 'http://12.0.0.10/')).toMatchObject({ ok: true });
      const syn = net.tracer.records.map((r) => (r.node.startsWith('web') ? packetOf(r) : undefined)).find((p) => p?.body.kind === 'tcp' && p.body.tcp.dstPort === 80);
      expect(syn && formatIpv4Address(syn.ip.src)).toBe(seenFrom);
    });
  }

  it('keeps the choice a connection was created with (IP_VS_CONN_F_NFCT is set by ip_vs_conn_new)', () => {
    const lab = withNatRules(natLab(), 'POSTROUTING', [masquerade]);
    const net = new Network(lab, { seed: 1, trace: false });
    const ipvs = net.hosts.get('director')!.ipvs!;
    net.start({ kind: 'curl', node: 'client', url: 'http://12.0.0.10/', maxTimeSec: 2 });
    net.engine.runWhile(() => ipvs.conns.size > 0, 1_000_000);
    net.reconfigure(withSysctls(lab, { 'net.ipv4.vs.conntrack': 1 }));
    expect(ipvs.conns.entries().map((c) => c.nfct)).toEqual([false]);
  });
});
