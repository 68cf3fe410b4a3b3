import { describe, expect, it } from 'vitest';
import { internetChecksum } from '../../wire/checksum.ts';
import { IpProtocol } from '../../wire/ipv4.ts';
import { parseIpv4Address } from '../../wire/ipv4-address.ts';
import { emitIpv4Packet, type Ipv4Packet } from '../../wire/packet.ts';
import type { NetworkConfig } from '../model/config.ts';
import type { TraceRecord } from '../model/trace.ts';
import { Network } from '../network.ts';
import { hostConfig, link, network, switchConfig } from '../testing/build.ts';
import { newSkb } from './skb.ts';

const ip = (s: string): number => {
  const r = parseIpv4Address(s);
  if (r === null) throw new Error(s);
  return r;
};

/** client (eth0 MTU 576) — r1 — sw — web1. */
function smallMtuLab(): NetworkConfig {
  return network([
    hostConfig('client', { ifaces: { eth0: { mac: '02:00:00:00:00:01', addrs: ['12.0.0.88/24'], mtu: 576 } }, routes: [{ dst: 'default', via: '12.0.0.1' }] }),
    hostConfig('r1', { kind: 'router', ifaces: { eth1: { mac: '02:00:00:00:01:01', addrs: ['12.0.0.1/24'] }, eth0: { mac: '02:00:00:00:01:00', addrs: ['192.168.1.1/24'] } } }),
    switchConfig('sw'),
    hostConfig('web1', { ifaces: { eth0: { mac: '02:00:00:00:02:01', addrs: ['192.168.1.101/24'] } }, routes: [{ dst: 'default', via: '192.168.1.1' }] }),
  ], [link('client:eth0', 'r1:eth1'), link('r1:eth0', 'sw'), link('web1:eth0', 'sw')]);
}

/** An echo request of `bytes` bytes of data from the client to web1, without DF, ID 0x1234. */
const bigEcho = (bytes: number): Ipv4Packet => ({
  ip: { src: ip('12.0.0.88'), dst: ip('192.168.1.101'), protocol: IpProtocol.Icmp, ttl: 64, dscp: 0, ecn: 0, ident: 0x1234, dontFragment: false, moreFragments: false, fragmentOffset: 0 },
  body: { kind: 'icmp', icmp: { type: 'echo-request', ident: 7, seq: 1, data: new Uint8Array(bytes).map((_, i) => i & 0xff) } },
});

/** Sends `packet` out of `node`'s stack (ip_local_out) and runs `us` of virtual time. */
function sendFrom(net: Network, node: string, packet: Ipv4Packet, us = 100_000): void {
  const host = net.hosts.get(node)!;
  const skb = newSkb(packet, net.ctx.nextPacketId(), undefined);
  const route = host.router.output(packet.ip.dst, packet.ip.src, undefined);
  if ('error' in route) throw new Error('no route');
  skb.route = route;
  host.ip.localOut(skb);
  net.engine.runUntil(net.engine.now + us);
}

const packetOf = (r: TraceRecord): Ipv4Packet | undefined => (r.frame?.body.kind === 'ipv4' ? r.frame.body.packet : r.packet);
const egress = (net: Network, node: string): Ipv4Packet[] =>
  net.tracer.records.filter((r) => r.node === node && r.step === 'egress' && r.frame?.body.kind === 'ipv4').map((r) => packetOf(r)!);

describe('IPv4 fragmentation (ip_fragment) and reassembly (ip_defrag)', () => {
  it('a 1228-byte datagram leaves a 576-byte MTU as 552 + 552 + 104 bytes of payload with the same ID; web1 reassembles it and answers', () => {
    const net = new Network(smallMtuLab(), { seed: 1, trace: true });
    const packet = bigEcho(1200);
    sendFrom(net, 'client', packet);
    const frags = egress(net, 'client').filter((p) => p.ip.ident === 0x1234);
    expect(frags.map((p) => [p.ip.fragmentOffset, p.ip.moreFragments, p.ip.dontFragment, p.body.kind === 'raw' ? p.body.bytes.length : -1]))
      .toEqual([[0, true, false, 552], [69, true, false, 552], [138, false, false, 104]]);
    // Each fragment is a valid packet; together their payloads are the datagram's.
    const whole = emitIpv4Packet(packet).subarray(20);
    const joined = new Uint8Array(frags.reduce((n, p) => n + (p.body.kind === 'raw' ? p.body.bytes.length : 0), 0));
    let at = 0;
    for (const p of frags) {
      const bytes = emitIpv4Packet(p);
      expect(internetChecksum(bytes, 0, 20)).toBe(0);
      if (p.body.kind !== 'raw') continue;
      joined.set(p.body.bytes, at);
      at += p.body.bytes.length;
    }
    expect(joined).toEqual(whole);
    // r1 forwards the fragments as they are (TTL − 1); web1 puts them together before INPUT.
    expect(egress(net, 'r1').filter((p) => p.ip.ident === 0x1234)).toHaveLength(3);
    const keys = net.tracer.records.filter((r) => r.node === 'web1' && r.explain.key.startsWith('ip.defrag')).map((r) => r.explain.key);
    expect(keys).toEqual(['ip.defrag.wait', 'ip.defrag.wait', 'ip.defrag.done']);
    const reply = net.tracer.records.find((r) => r.node === 'client' && r.explain.key === 'deliver.icmp');
    expect(reply && packetOf(reply)?.body).toMatchObject({ kind: 'icmp', icmp: { type: 'echo-reply', ident: 7, seq: 1 } });
  });

  it('a fragment is fragmented again on a smaller link: offsets add up and only the very last piece clears MF', () => {
    const cfg = smallMtuLab();
    const lab: NetworkConfig = { ...cfg, nodes: cfg.nodes.map((n) => (n.id === 'r1' ? { ...n, interfaces: n.interfaces.map((i) => (i.name === 'eth0' ? { ...i, mtu: 300 } : i)) } : n)) };
    const net = new Network(lab, { seed: 1, trace: true });
    sendFrom(net, 'client', bigEcho(1200));
    const out = egress(net, 'r1').filter((p) => p.ip.ident === 0x1234);
    // (300 − 20) & ~7 = 280: 552 → 280 + 272, twice; 104 fits.
    expect(out.map((p) => [p.ip.fragmentOffset, p.ip.moreFragments])).toEqual([[0, true], [35, true], [69, true], [104, true], [138, false]]);
    expect(net.tracer.records.some((r) => r.node === 'web1' && r.explain.key === 'ip.defrag.done' && r.explain.params['fragments'] === 5)).toBe(true);
  });

  it('out of order and duplicated fragments: the duplicate is dropped (DUP_FRAG), the datagram still completes once', () => {
    const net = new Network(smallMtuLab(), { seed: 1, trace: true });
    // The client's own fragments, replayed by hand from web1's point of view: last first, then a copy.
    sendFrom(net, 'client', bigEcho(1200));
    const frags = egress(net, 'client').filter((p) => p.ip.ident === 0x1234).map((p) => ({ ...p, ip: { ...p.ip, ident: 0x4321 } }));
    for (const p of [frags[2]!, frags[0]!, frags[0]!, frags[1]!]) sendFrom(net, 'client', p, 10_000);
    const web1 = net.tracer.records.filter((r) => r.node === 'web1' && packetOf(r)?.ip.ident === 0x4321);
    expect(web1.filter((r) => r.step === 'drop').map((r) => r.drop?.reason)).toEqual(['DUP_FRAG']);
    expect(web1.filter((r) => r.explain.key === 'ip.defrag.done')).toHaveLength(1);
  });

  it('a datagram that never completes is dropped after ipfrag_time with "fragment reassembly time exceeded", only if its first fragment came', () => {
    const net = new Network(smallMtuLab(), { seed: 1, trace: true });
    sendFrom(net, 'client', bigEcho(1200));
    const frags = egress(net, 'client').filter((p) => p.ip.ident === 0x1234);
    const retag = (p: Ipv4Packet, ident: number): Ipv4Packet => ({ ...p, ip: { ...p.ip, ident } });
    sendFrom(net, 'client', retag(frags[0]!, 0x1111), 10_000);
    sendFrom(net, 'client', retag(frags[1]!, 0x2222), 10_000);
    net.engine.runUntil(net.engine.now + 31_000_000);
    const timeouts = net.tracer.records.filter((r) => r.node === 'web1' && r.drop?.reason === 'FRAG_REASM_TIMEOUT').map((r) => packetOf(r)!.ip.ident);
    expect(timeouts.sort()).toEqual([0x1111, 0x2222]);
    const errors = net.tracer.records.filter((r) => r.node === 'web1' && r.explain.key === 'icmp.error.sent').map((r) => r.explain.params);
    expect(errors).toEqual([expect.objectContaining({ type: 'time-exceeded', code: 1 }) as unknown]);
  });
});
