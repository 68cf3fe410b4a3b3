import { describe, expect, it } from 'vitest';
import { EMPTY_IPTABLES } from '../lab/build.ts';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import type { LabDocument } from '../lab/document.ts';
import { newSkb } from '../sim/host/skb.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import { IpProtocol } from '../wire/ipv4.ts';
import { formatIpv4Address, parseIpv4Address } from '../wire/ipv4-address.ts';
import { emitIpv4Packet, type Ipv4Packet } from '../wire/packet.ts';
import { SimSession } from './session.ts';

const ip = (s: string): number => {
  const r = parseIpv4Address(s);
  if (r === null) throw new Error(s);
  return r;
};

const lab = (id: string): LabDocument => BUILTIN_LABS.find((l) => l.id === id)!.doc;

const packetOf = (r: TraceRecord): Ipv4Packet | undefined => (r.frame?.body.kind === 'ipv4' ? r.frame.body.packet : r.packet);

/** Sends `packet` out of `node`'s own stack (ip_local_out) and runs 100 ms. */
function sendFrom(s: SimSession, node: string, packet: Ipv4Packet): void {
  const host = s.network.hosts.get(node)!;
  const skb = newSkb(packet, s.network.ctx.nextPacketId(), undefined);
  const route = host.router.output(packet.ip.dst, packet.ip.src, undefined);
  if ('error' in route) throw new Error('no route');
  skb.route = route;
  host.ip.localOut(skb);
  s.network.engine.runUntil(s.network.engine.now + 100_000);
}

/** The fragments `node` put on the wire out of `dev` with IP ID `ident`. */
const sentFragments = (s: SimSession, node: string, dev: string, ident: number): Ipv4Packet[] =>
  s.records.filter((r) => r.node === node && r.iface === dev && r.step === 'egress').map(packetOf)
    .filter((p): p is Ipv4Packet => p !== undefined && p.ip.ident === ident && (p.ip.moreFragments || p.ip.fragmentOffset !== 0));

describe('fragments through a host that gathers them (nf_defrag_ipv4, ip_vs_gather_frags)', () => {
  it('iptables SNAT: the director reassembles web1\'s fragmented echo request for conntrack, rewrites it and sends it on in fragments no larger than they came', () => {
    const doc = lab('seed000-nat');
    const small: LabDocument = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'web1' ? { ...n, interfaces: n.interfaces.map((i) => (i.name === 'ens33' ? { ...i, mtu: 576 } : i)) } : n)) };
    const s = new SimSession(small);
    s.run({ kind: 'ping', node: 'web1', destination: '12.0.0.88', count: 1 });
    const echo: Ipv4Packet = {
      ip: { src: ip('192.168.2.100'), dst: ip('12.0.0.88'), protocol: IpProtocol.Icmp, ttl: 64, dscp: 0, ecn: 0, ident: 0x5151, dontFragment: false, moreFragments: false, fragmentOffset: 0 },
      body: { kind: 'icmp', icmp: { type: 'echo-request', ident: 99, seq: 1, data: new Uint8Array(1000).fill(0x5a) } },
    };
    sendFrom(s, 'web1', echo);
    expect(sentFragments(s, 'web1', 'ens33', 0x5151).map((p) => p.ip.fragmentOffset)).toEqual([0, 69]);
    // PREROUTING's defrag hook (priority −400) gathers them, SNAT rewrites the whole datagram…
    const done = s.records.find((r) => r.node === 'director' && r.explain.key === 'ip.defrag.done')!;
    expect(done.explain.params).toMatchObject({ id: 0x5151, fragments: 2, bytes: 1028 });
    // …and it leaves as fragments of at most frag_max_size (572), from the director's address.
    const out = sentFragments(s, 'director', 'ens36', 0x5151);
    expect(out.map((p) => [formatIpv4Address(p.ip.src), p.ip.fragmentOffset, emitIpv4Packet(p).length])).toEqual([['12.0.0.10', 0, 572], ['12.0.0.10', 69, 476]]);
    // The client puts it together and answers; conntrack takes the answer back to web1.
    expect(s.records.some((r) => r.node === 'client' && r.explain.key === 'ip.defrag.done')).toBe(true);
    const reply = s.records.find((r) => r.node === 'web1' && r.explain.key === 'deliver.icmp' && packetOf(r)?.body.kind === 'icmp' && (packetOf(r)!.body as { icmp: { ident?: number } }).icmp.ident === 99);
    expect(reply && packetOf(reply)!.ip.src).toBe(ip('12.0.0.88'));
  });

  it('IPVS NAT: fragments of a real server\'s reply are gathered in FORWARD, the reply gets VIP:80 as source and leaves in fragments again', () => {
    // Without the SNAT rule there is no conntrack on the director: IPVS itself must gather.
    const doc = lab('nat');
    const s = new SimSession({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'director' ? { ...n, iptables: EMPTY_IPTABLES } : n)) });
    const curl = s.run({ kind: 'curl', node: 'client', url: 'http://12.0.0.10/' });
    expect(curl.result).toMatchObject({ ok: true });
    const conn = s.snapshot('director')!.connections[0]!;
    // A late segment of that connection from its real server, cut in two on the way (by hand).
    const segment: Ipv4Packet = {
      ip: { src: ip(conn.destAddress), dst: ip('12.0.0.88'), protocol: IpProtocol.Tcp, ttl: 64, dscp: 0, ecn: 0, ident: 0x6262, dontFragment: false, moreFragments: false, fragmentOffset: 0 },
      body: { kind: 'tcp', tcp: { srcPort: 80, dstPort: conn.clientPort, seq: 1000, ack: 1, flags: 0x18, window: 502, urgentPointer: 0, options: [], payload: new Uint8Array(600).fill(0x61) } },
    };
    const bytes = emitIpv4Packet(segment).subarray(20);
    const fragment = (from: number, to: number, more: boolean): Ipv4Packet => ({
      ip: { ...segment.ip, moreFragments: more, fragmentOffset: from / 8 }, body: { kind: 'raw', bytes: bytes.slice(from, to) },
    });
    sendFrom(s, conn.destAddress === '192.168.2.100' ? 'web1' : 'web2', fragment(0, 400, true));
    sendFrom(s, conn.destAddress === '192.168.2.100' ? 'web1' : 'web2', fragment(400, bytes.length, false));
    const done = s.records.find((r) => r.node === 'director' && r.explain.key === 'ip.defrag.done')!;
    expect(done.explain.params).toMatchObject({ id: 0x6262, fragments: 2, bytes: 640 });
    expect(s.records.some((r) => r.node === 'director' && r.step === 'hook' && r.chains?.includes('defrag'))).toBe(false);
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'ipvs.reply.snat' && r.packet?.ip.ident === 0x6262)).toBe(true);
    const out = sentFragments(s, 'director', 'ens36', 0x6262);
    expect(out.map((p) => [formatIpv4Address(p.ip.src), p.ip.fragmentOffset, p.ip.moreFragments])).toEqual([['12.0.0.10', 0, true], ['12.0.0.10', 50, false]]);
    const atClient = s.records.find((r) => r.node === 'client' && r.explain.key === 'ip.defrag.done')!;
    expect(atClient.packet?.body).toMatchObject({ kind: 'tcp', tcp: { srcPort: 80, dstPort: conn.clientPort, seq: 1000 } });
  });
});
