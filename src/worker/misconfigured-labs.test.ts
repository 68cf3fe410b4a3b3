import { describe, expect, it } from 'vitest';
import type { LabDocument } from '../lab/document.ts';
import { drDirectorGatewayLab, drNoVipLab, natGatewayLab, natNoForwardLab, tunRpFilterLab, tunTunl0DownLab } from '../lab/builtin/misconfigured.ts';
import { formatIpv4Address } from '../wire/ipv4-address.ts';
import { SimSession } from './session.ts';
import { createShellExecutor } from './shell-executor.ts';
import { SimService } from './sim-service.ts';

function run(doc: LabDocument) {
  const s = new SimSession(doc);
  return { s, results: s.runScenario().map((h) => h.result) };
}

/** The lab with one node changed. */
const withNode = (doc: LabDocument, id: string, change: (n: LabDocument['nodes'][number]) => LabDocument['nodes'][number]): LabDocument =>
  ({ ...doc, nodes: doc.nodes.map((n) => (n.id === id ? change(n) : n)) });

describe('TUN with rp_filter=1 on the real servers\' "all" (facts §2.3, §5.4: max(all, tunl0))', () => {
  it('drops every unwrapped SYN on tunl0 though tunl0\'s own rp_filter is 0, so curl times out', () => {
    const { s, results } = run(tunRpFilterLab);
    expect(results).toEqual([expect.objectContaining({ ok: false, error: 'timeout' })]);
    // rr picks rs2 (added last) first; the SYN and its retransmissions at 1 s and 3 s all die there.
    const drops = s.records.filter((r) => r.node === 'rs2' && r.step === 'drop');
    expect(drops.map((r) => [r.timeUs, r.iface, r.drop?.reason])).toEqual([
      [expect.any(Number), 'tunl0', 'IP_RPFILTER'], [expect.any(Number), 'tunl0', 'IP_RPFILTER'], [expect.any(Number), 'tunl0', 'IP_RPFILTER'],
    ]);
    expect(drops.map((r) => Math.floor(r.timeUs / 1_000_000))).toEqual([0, 1, 3]);
    expect(s.records.some((r) => r.node === 'rs2' && r.step === 'egress' && r.frame?.body.kind === 'ipv4')).toBe(false);
  });

  it('works once "all" is 0 (or 2) too', () => {
    for (const value of [0, 2]) {
      const fixed = { ...tunRpFilterLab, nodes: tunRpFilterLab.nodes.map((n) => (n.role === 'realserver' ? { ...n, sysctls: { ...n.sysctls, 'net.ipv4.conf.all.rp_filter': value } } : n)) };
      expect(run(fixed).results, `all.rp_filter=${value}`).toEqual([expect.objectContaining({ ok: true, body: 'This is rs2 (tunnel)\n' })]);
    }
  });
});

describe('DR with a real server that lacks the VIP', () => {
  it('loses every request scheduled to it: it takes the frame and drops the packet, with no ICMP', () => {
    const { s, results } = run(drNoVipLab);
    expect(results.map((r) => (r?.kind === 'curl' && r.ok ? r.body : r?.kind === 'curl' ? r.error : undefined))).toEqual(['timeout', 'This is test1 web\n', 'timeout', 'This is test1 web\n']);
    const drops = s.records.filter((r) => r.node === 'web2' && r.step === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    for (const r of drops) {
      expect(r.drop?.reason).toBe('IP_INADDRERRORS');
      expect(formatIpv4Address(r.packet!.ip.dst)).toBe('192.168.122.188');
    }
    expect(s.records.some((r) => r.node === 'web2' && r.step === 'egress' && r.frame?.body.kind === 'ipv4')).toBe(false);
  });

  it('serves every request once web2 holds the VIP on lo:0', () => {
    const fixed = withNode(drNoVipLab, 'web2', (n) => ({
      ...n,
      addresses: [{ dev: 'lo', address: '192.168.122.188', prefixLength: 32, label: 'lo:0' }, ...n.addresses],
    }));
    expect(run(fixed).results.map((r) => r?.kind === 'curl' && r.ok)).toEqual([true, true, true, true]);
  });
});

describe('NAT with a real server whose gateway is not the director', () => {
  it('sends its SYN/ACK past the director with its own address, and the client resets it', () => {
    const { s, results } = run(natGatewayLab);
    expect(results.map((r) => (r?.kind === 'curl' && r.ok ? r.body : r?.kind === 'curl' ? r.error : undefined))).toEqual(['timeout', 'This is test1 web\n', 'timeout', 'This is test1 web\n']);
    const synAcks = s.records.filter((r) => r.node === 'client' && r.step === 'ingress' && r.frame?.body.kind === 'ipv4' && r.frame.body.packet.body.kind === 'tcp' && r.frame.body.packet.body.tcp.flags === 0x12);
    expect(synAcks.length).toBeGreaterThan(0);
    // The first SYN/ACK the client sees comes from the real server, through gw; the director never saw it.
    const first = synAcks[0]!;
    expect(first.frame!.body.kind === 'ipv4' && formatIpv4Address(first.frame!.body.packet.ip.src)).toBe('192.168.2.101');
    const resets = s.records.filter((r) => r.node === 'client' && r.step === 'egress' && r.frame?.body.kind === 'ipv4' && r.frame.body.packet.body.kind === 'tcp' && (r.frame.body.packet.body.tcp.flags & 0x04) !== 0);
    expect(resets.length).toBeGreaterThan(0);
    for (const r of resets) expect(r.frame!.body.kind === 'ipv4' && formatIpv4Address(r.frame!.body.packet.ip.dst)).toBe('192.168.2.101');
  });

  it('serves every request once web2\'s default gateway is the director', () => {
    const fixed = withNode(natGatewayLab, 'web2', (n) => ({ ...n, routes: [{ dst: 'default', via: '192.168.2.10' }] }));
    expect(run(fixed).results.map((r) => r?.kind === 'curl' && r.ok)).toEqual([true, true, true, true]);
  });
});

describe('DR with the director as the real servers\' gateway (facts §5.4: a local source from outside is a martian)', () => {
  it('drops the replies at the director, whose own address the VIP is, so curl times out', () => {
    const { s, results } = run(drDirectorGatewayLab);
    expect(results).toEqual([expect.objectContaining({ ok: false, error: 'timeout' })]);
    const drops = s.records.filter((r) => r.step === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    for (const r of drops) {
      expect([r.node, r.iface, r.drop?.reason]).toEqual(['director', 'ens33', 'IP_LOCAL_SOURCE']);
      expect(formatIpv4Address(r.packet!.ip.src)).toBe('192.168.122.188');
    }
  });

  it('works with the router as their gateway again', () => {
    const fixed = { ...drDirectorGatewayLab, nodes: drDirectorGatewayLab.nodes.map((n) => (n.role === 'realserver' ? { ...n, routes: n.routes.map((r) => (r.dst === 'default' ? { ...r, via: '192.168.122.1' } : r)) } : n)) };
    expect(run(fixed).results).toEqual([expect.objectContaining({ ok: true })]);
  });
});

describe('NAT with ip_forward=0 on the director', () => {
  it('lets IPVS take the request at INPUT but drops the reply at routing, before FORWARD', () => {
    const { s, results } = run(natNoForwardLab);
    expect(results).toEqual([expect.objectContaining({ ok: false, error: 'timeout' })]);
    const drops = s.records.filter((r) => r.step === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    for (const r of drops) {
      expect([r.node, r.iface, r.drop?.reason]).toEqual(['director', 'ens33', 'IP_INADDRERRORS']);
      expect(formatIpv4Address(r.packet!.ip.dst)).toBe('12.0.0.88');
    }
    expect(s.records.some((r) => r.node === 'director' && r.step === 'ipvs' && r.explain.key === 'ipvs.xmit.nat')).toBe(true);
    expect(s.records.some((r) => r.node === 'director' && r.hook === 'FORWARD')).toBe(false);
  });

  it('works with ip_forward=1', () => {
    const fixed = withNode(natNoForwardLab, 'director', (n) => ({ ...n, sysctls: { ...n.sysctls, 'net.ipv4.ip_forward': 1 } }));
    expect(run(fixed).results).toEqual([expect.objectContaining({ ok: true })]);
  });
});

describe('TUN with tunl0 down (facts §2.3: the fallback tunnel takes packets only while UP)', () => {
  it('refuses the IPIP packet with port unreachable, which IPVS relays to the client: connection refused', () => {
    const { s, results } = run(tunTunl0DownLab);
    expect(results).toEqual([expect.objectContaining({ ok: false, error: 'ECONNREFUSED' })]);
    const icmpOut = s.records.filter((r) => r.step === 'egress' && (r.node === 'rs2' || r.node === 'director') && r.frame?.body.kind === 'ipv4' && r.frame.body.packet.body.kind === 'icmp');
    expect(icmpOut.map((r) => {
      const p = r.frame!.body.kind === 'ipv4' ? r.frame!.body.packet : undefined;
      return [r.node, formatIpv4Address(p!.ip.src), formatIpv4Address(p!.ip.dst), p!.body.kind === 'icmp' && p!.body.icmp.type === 'dest-unreachable' ? `${p!.body.icmp.type}/${p!.body.icmp.code}` : ''];
    })).toEqual([
      ['rs2', '10.0.3.100', '10.0.1.10', 'dest-unreachable/3'],
      ['director', '10.0.1.188', '12.0.0.12', 'dest-unreachable/3'],
    ]);
  });

  it('works once tunl0 is up', () => {
    const fixed = { ...tunTunl0DownLab, nodes: tunTunl0DownLab.nodes.map((n) => (n.role === 'realserver' ? { ...n, interfaces: n.interfaces.map((i) => (i.name === 'tunl0' ? { ...i, up: true } : i)) } : n)) };
    expect(run(fixed).results).toEqual([expect.objectContaining({ ok: true })]);
  });
});

describe('the fix each misconfigured lab describes, typed into the consoles', () => {
  const shell = (node: string, line: string) => ({ kind: 'shell' as const, node, line });
  const cases: readonly [string, LabDocument, readonly ReturnType<typeof shell>[], string, string][] = [
    ['dr-no-vip', drNoVipLab, [shell('web2', 'ifconfig lo:0 192.168.122.188 netmask 255.255.255.255 up')], '192.168.122.188', 'This is test2 web\nThis is test1 web\n'],
    ['dr-director-gateway', drDirectorGatewayLab, [shell('web1', 'ip route replace default via 192.168.122.1'), shell('web2', 'ip route replace default via 192.168.122.1')], '192.168.122.188', 'This is test2 web\nThis is test1 web\n'],
    ['tun-rp-filter', tunRpFilterLab, [shell('rs1', 'sysctl -w net.ipv4.conf.all.rp_filter=0'), shell('rs2', 'sysctl -w net.ipv4.conf.all.rp_filter=0')], '10.0.1.188', 'This is rs2 (tunnel)\nThis is rs1 (tunnel)\n'],
    ['tun-tunl0-down', tunTunl0DownLab, [shell('rs1', 'ip link set tunl0 up'), shell('rs2', 'ip link set tunl0 up')], '10.0.1.188', 'This is rs2 (tunnel)\nThis is rs1 (tunnel)\n'],
    ['nat-gateway', natGatewayLab, [shell('web2', 'ip route replace default via 192.168.2.10')], '12.0.0.10', 'This is test2 web\nThis is test1 web\n'],
    ['nat-no-forward', natNoForwardLab, [shell('director', 'sysctl -w net.ipv4.ip_forward=1')], '12.0.0.10', 'This is test2 web\nThis is test1 web\n'],
  ];
  it.each(cases)('%s: the described commands make every request succeed', async (_id, doc, fix, vip, pages) => {
    const service = new SimService(createShellExecutor());
    const delta = await service.run({ doc, seed: doc.seed, scenario: false, timeline: [...fix, shell('client', `for i in 1 2; do curl -s -m 3 http://${vip}/; done`)] });
    expect(delta.shell.slice(0, -1).map((o) => [o.exitCode, o.stderr])).toEqual(fix.map(() => [0, '']));
    expect(delta.shell.at(-1)!.stdout).toBe(pages);
  });
});
