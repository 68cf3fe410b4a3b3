import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { natLab } from '../lab/builtin/nat.ts';
import { natFirewallLab } from '../lab/builtin/nat-firewall.ts';
import { tunLab } from '../lab/builtin/tun.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import { formatIpv4Address } from '../wire/ipv4-address.ts';
import { SimSession } from './session.ts';
import { compactRows } from './testing.ts';

/** The director's egress records of flow 1 that carry TCP. */
function directorEgress(records: readonly TraceRecord[]): TraceRecord[] {
  return records.filter((r) => r.node === 'director' && r.step === 'egress' && r.flowId === 1 && r.frame?.body.kind === 'ipv4');
}

function run(doc: typeof natLab) {
  const s = new SimSession(doc);
  const [h] = s.runScenario();
  return { s, result: h!.result };
}

describe('LVS-NAT (seed 000 §3.2): both directions pass the director, which rewrites addresses', () => {
  it('has the textbook hop table for one request and its reply', () => {
    const { s, result } = run(natLab);
    expect(result).toMatchObject({ ok: true, body: 'This is test2 web\n' });
    // rr picks the newest real server first (facts §1.1): 192.168.2.101 (RIP2), added last.
    expect(compactRows(natLab, s.records, 1)).toEqual([
      'client>director CIPmac>VIPmac CIP:54604>VIP:80 S',
      'director>web2 DIPmac>RIP2mac CIP:54604>RIP2:80 S',
      'web2>director RIP2mac>DIPmac RIP2:80>CIP:54604 S.',
      'director>client VIPmac>CIPmac VIP:80>CIP:54604 S.',
      'client>director CIPmac>VIPmac CIP:54604>VIP:80 .',
      'client>director CIPmac>VIPmac CIP:54604>VIP:80 P. len 73',
      'director>web2 DIPmac>RIP2mac CIP:54604>RIP2:80 .',
      'director>web2 DIPmac>RIP2mac CIP:54604>RIP2:80 P. len 73',
      'web2>director RIP2mac>DIPmac RIP2:80>CIP:54604 .',
      'web2>director RIP2mac>DIPmac RIP2:80>CIP:54604 P. len 165',
      'director>client VIPmac>CIPmac VIP:80>CIP:54604 .',
      'director>client VIPmac>CIPmac VIP:80>CIP:54604 P. len 165',
      'client>director CIPmac>VIPmac CIP:54604>VIP:80 F.',
      'director>web2 DIPmac>RIP2mac CIP:54604>RIP2:80 F.',
      'web2>director RIP2mac>DIPmac RIP2:80>CIP:54604 F.',
      'director>client VIPmac>CIPmac VIP:80>CIP:54604 F.',
      'client>director CIPmac>VIPmac CIP:54604>VIP:80 .',
      'director>web2 DIPmac>RIP2mac CIP:54604>RIP2:80 .',
    ]);
  });

  it('changes dst VIP→RIP on the way in and src RIP→VIP on the way out (facts §2.1)', () => {
    const { s } = run(natLab);
    const out = directorEgress(s.records);
    const toRs = out.find((r) => r.iface === 'ens33')!;
    const toClient = out.find((r) => r.iface === 'ens36')!;
    expect(toRs.changed).toEqual(expect.arrayContaining(['ip.dst', 'ip.ttl', 'tcp.checksum', 'eth.dst', 'eth.src']));
    expect(toRs.changed).not.toContain('ip.src');
    expect(toClient.changed).toEqual(expect.arrayContaining(['ip.src', 'tcp.checksum', 'ip.ttl']));
    expect(toClient.changed).not.toContain('ip.dst');
    const rewritten = s.records.filter((r) => r.node === 'director' && r.step === 'ipvs').map((r) => r.explain.key);
    expect(rewritten).toContain('ipvs.xmit.nat');
    expect(rewritten).toContain('ipvs.reply.snat');
    // The reply is rewritten in FORWARD, after filter FORWARD (facts §6).
    const snat = s.records.find((r) => r.explain.key === 'ipvs.reply.snat')!;
    const hook = s.records.filter((r) => r.seq < snat.seq && r.node === 'director' && r.step === 'hook').pop()!;
    expect(hook.hook).toBe('FORWARD');
    expect(hook.chains).toEqual(['mangle FORWARD', 'filter FORWARD', 'security FORWARD', 'IPVS ip_vs_forward_icmp', 'IPVS ip_vs_out_hook']);
  });
});

describe('LVS-DR (seed 000 §4.5): only the MACs and the TTL change at the director', () => {
  it('has the textbook hop table for one request and its reply', () => {
    const { s, result } = run(drLab);
    expect(result).toMatchObject({ ok: true, body: 'This is test2 web\n' });
    expect(compactRows(drLab, s.records, 1)).toEqual([
      'client>gw CIPmac>GW1mac CIP:54604>VIP:80 S',
      'gw>director GW2mac>DIPmac CIP:54604>VIP:80 S',
      'director>web2 DIPmac>RIP2mac CIP:54604>VIP:80 S',
      'web2>gw RIP2mac>GW2mac VIP:80>CIP:54604 S.',
      'gw>client GW1mac>CIPmac VIP:80>CIP:54604 S.',
      'client>gw CIPmac>GW1mac CIP:54604>VIP:80 .',
      'client>gw CIPmac>GW1mac CIP:54604>VIP:80 P. len 79',
      'gw>director GW2mac>DIPmac CIP:54604>VIP:80 .',
      'gw>director GW2mac>DIPmac CIP:54604>VIP:80 P. len 79',
      'director>web2 DIPmac>RIP2mac CIP:54604>VIP:80 .',
      'director>web2 DIPmac>RIP2mac CIP:54604>VIP:80 P. len 79',
      'web2>gw RIP2mac>GW2mac VIP:80>CIP:54604 .',
      'web2>gw RIP2mac>GW2mac VIP:80>CIP:54604 P. len 165',
      'gw>client GW1mac>CIPmac VIP:80>CIP:54604 .',
      'gw>client GW1mac>CIPmac VIP:80>CIP:54604 P. len 165',
      'client>gw CIPmac>GW1mac CIP:54604>VIP:80 F.',
      'gw>director GW2mac>DIPmac CIP:54604>VIP:80 F.',
      'director>web2 DIPmac>RIP2mac CIP:54604>VIP:80 F.',
      'web2>gw RIP2mac>GW2mac VIP:80>CIP:54604 F.',
      'gw>client GW1mac>CIPmac VIP:80>CIP:54604 F.',
      'client>gw CIPmac>GW1mac CIP:54604>VIP:80 .',
      'gw>director GW2mac>DIPmac CIP:54604>VIP:80 .',
      'director>web2 DIPmac>RIP2mac CIP:54604>VIP:80 .',
    ]);
  });

  it('rewrites nothing in the IP packet but the TTL, and the reply never passes the director (facts §2.2, §8.4)', () => {
    const { s } = run(drLab);
    const out = directorEgress(s.records);
    expect(out.length).toBeGreaterThan(0);
    for (const r of out) expect([...r.changed!].sort()).toEqual(['eth.dst', 'eth.src', 'ip.checksum', 'ip.ttl']);
    const replies = s.records.filter((r) => r.step === 'egress' && r.node !== 'sw' && r.frame?.body.kind === 'ipv4' && formatIpv4Address(r.frame.body.packet.ip.src) === '192.168.122.188');
    expect(replies.map((r) => r.node).filter((n, i, a) => a.indexOf(n) === i).sort()).toEqual(['gw', 'web2']);
    // IPVS takes the request at LOCAL_IN after filter INPUT (facts §6).
    const sched = s.records.find((r) => r.explain.key === 'ipvs.schedule')!;
    const hook = s.records.filter((r) => r.seq < sched.seq && r.node === 'director' && r.step === 'hook').pop()!;
    expect(hook.hook).toBe('INPUT');
    expect(hook.chains).toEqual(['mangle INPUT', 'filter INPUT', 'security INPUT', 'IPVS ip_vs_out_hook', 'IPVS ip_vs_in_hook', 'nat INPUT']);
  });
});

describe('LVS-TUN: an outer header director→RIP around the untouched inner packet', () => {
  it('has the textbook hop table for one request and its reply', () => {
    const { s, result } = run(tunLab);
    expect(result).toMatchObject({ ok: true, body: 'This is rs2 (tunnel)\n' });
    expect(compactRows(tunLab, s.records, 1)).toEqual([
      'client>r1 CIPmac>GW1mac CIP:54604>VIP:80 S',
      'r1>director GW2mac>DIPmac CIP:54604>VIP:80 S',
      'director>r2 DIPmac>GW3mac outer DIP>RIP2 CIP:54604>VIP:80 S',
      'r2>rs2 GW5mac>RIP2mac outer DIP>RIP2 CIP:54604>VIP:80 S',
      'rs2>r2 RIP2mac>GW5mac VIP:80>CIP:54604 S.',
      'r2>r1 GW3mac>GW2mac VIP:80>CIP:54604 S.',
      'r1>client GW1mac>CIPmac VIP:80>CIP:54604 S.',
      'client>r1 CIPmac>GW1mac CIP:54604>VIP:80 .',
      'client>r1 CIPmac>GW1mac CIP:54604>VIP:80 P. len 74',
      'r1>director GW2mac>DIPmac CIP:54604>VIP:80 .',
      'r1>director GW2mac>DIPmac CIP:54604>VIP:80 P. len 74',
      'director>r2 DIPmac>GW3mac outer DIP>RIP2 CIP:54604>VIP:80 .',
      'director>r2 DIPmac>GW3mac outer DIP>RIP2 CIP:54604>VIP:80 P. len 74',
      'r2>rs2 GW5mac>RIP2mac outer DIP>RIP2 CIP:54604>VIP:80 .',
      'r2>rs2 GW5mac>RIP2mac outer DIP>RIP2 CIP:54604>VIP:80 P. len 74',
      'rs2>r2 RIP2mac>GW5mac VIP:80>CIP:54604 .',
      'r2>r1 GW3mac>GW2mac VIP:80>CIP:54604 .',
      'rs2>r2 RIP2mac>GW5mac VIP:80>CIP:54604 P. len 168',
      'r2>r1 GW3mac>GW2mac VIP:80>CIP:54604 P. len 168',
      'r1>client GW1mac>CIPmac VIP:80>CIP:54604 .',
      'r1>client GW1mac>CIPmac VIP:80>CIP:54604 P. len 168',
      'client>r1 CIPmac>GW1mac CIP:54604>VIP:80 F.',
      'r1>director GW2mac>DIPmac CIP:54604>VIP:80 F.',
      'director>r2 DIPmac>GW3mac outer DIP>RIP2 CIP:54604>VIP:80 F.',
      'r2>rs2 GW5mac>RIP2mac outer DIP>RIP2 CIP:54604>VIP:80 F.',
      'rs2>r2 RIP2mac>GW5mac VIP:80>CIP:54604 F.',
      'r2>r1 GW3mac>GW2mac VIP:80>CIP:54604 F.',
      'r1>client GW1mac>CIPmac VIP:80>CIP:54604 F.',
      'client>r1 CIPmac>GW1mac CIP:54604>VIP:80 .',
      'r1>director GW2mac>DIPmac CIP:54604>VIP:80 .',
      'director>r2 DIPmac>GW3mac outer DIP>RIP2 CIP:54604>VIP:80 .',
      'r2>rs2 GW5mac>RIP2mac outer DIP>RIP2 CIP:54604>VIP:80 .',
    ]);
  });

  it('builds the outer header as ip_vs_tunnel_xmit does and decapsulates on tunl0 (facts §2.3, §8.5)', () => {
    const { s } = run(tunLab);
    const syn = directorEgress(s.records)[0]!;
    const outer = syn.frame!.body.kind === 'ipv4' ? syn.frame!.body.packet : undefined;
    expect(outer?.body.kind).toBe('ipip');
    if (outer?.body.kind !== 'ipip') return;
    const inner = outer.body.inner;
    expect(formatIpv4Address(outer.ip.src)).toBe('10.0.1.10');
    expect(formatIpv4Address(outer.ip.dst)).toBe('10.0.3.100');
    expect(outer.ip.protocol).toBe(4);
    expect(outer.ip.ttl).toBe(inner.ip.ttl);
    expect(outer.ip.dontFragment).toBe(inner.ip.dontFragment);
    expect(outer.ip.dscp).toBe(inner.ip.dscp);
    expect([formatIpv4Address(inner.ip.src), formatIpv4Address(inner.ip.dst)]).toEqual(['12.0.0.12', '10.0.1.188']);
    expect(s.records.some((r) => r.node === 'rs2' && r.explain.key === 'tunnel.decap' && r.iface === 'tunl0')).toBe(true);
    expect(s.records.some((r) => r.node === 'director' && r.step === 'egress' && r.frame?.body.kind === 'ipv4' && formatIpv4Address(r.frame.body.packet.ip.src) === '10.0.1.188')).toBe(false);
  });

  it('drops decapsulated packets with strict rp_filter on the real server (facts §5.4)', () => {
    const strict = { ...tunLab, nodes: tunLab.nodes.map((n) => (n.id.startsWith('rs') ? { ...n, sysctls: { ...n.sysctls, 'net.ipv4.conf.all.rp_filter': 1 } } : n)) };
    const s = new SimSession(strict);
    s.network.start({ kind: 'curl', node: 'client', url: 'http://10.0.1.188/', maxTimeSec: 2 });
    s.network.engine.runUntil(3_000_000);
    expect(s.records.some((r) => r.node === 'rs2' && r.drop?.reason === 'IP_RPFILTER')).toBe(true);
  });
});

describe('LVS-NAT behind a stateful firewall on the director', () => {
  it('drops every SYN/ACK of the real server in filter FORWARD as INVALID, so the curl times out; conntrack=1 fixes it', () => {
    const { s, result } = run(natFirewallLab);
    expect(result).toMatchObject({ ok: false, error: 'timeout' });
    const decided = s.records.filter((r) => r.node === 'director' && r.step === 'filter');
    expect(decided.length).toBeGreaterThan(0);
    for (const r of decided) {
      expect(r).toMatchObject({ hook: 'FORWARD', explain: { key: 'filter.policy', params: { chain: 'FORWARD', policy: 'DROP' } } });
      expect(r.packet!.body).toMatchObject({ kind: 'tcp', tcp: { flags: 0x12 } });
      expect(formatIpv4Address(r.packet!.ip.src)).toMatch(/^192\.168\.2\.10[01]$/);
    }
    const fixed = { ...natFirewallLab, nodes: natFirewallLab.nodes.map((n) => (n.id === 'director' ? { ...n, sysctls: { ...n.sysctls, 'net.ipv4.vs.conntrack': 1 } } : n)) };
    expect(run(fixed).result).toMatchObject({ ok: true, body: 'This is test2 web\n' });
  });
});

