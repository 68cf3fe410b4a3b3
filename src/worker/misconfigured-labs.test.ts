import { describe, expect, it } from 'vitest';
import type { LabDocument } from '../lab/document.ts';
import { drNoVipLab, natGatewayLab, tunRpFilterLab } from '../lab/builtin/misconfigured.ts';
import { formatIpv4Address } from '../wire/ipv4-address.ts';
import { SimSession } from './session.ts';

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
