import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { natLab } from '../lab/builtin/nat.ts';
import { tunLab } from '../lab/builtin/tun.ts';
import type { LabDocument, LabNode } from '../lab/document.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import { routeGet } from '../sim/host/route-get.ts';
import { sendFromHost } from '../sim/testing/send.ts';
import { internetChecksum } from '../wire/checksum.ts';
import { icmpQuote, type IcmpRepr } from '../wire/icmp.ts';
import { IpProtocol } from '../wire/ipv4.ts';
import { parseIpv4Address } from '../wire/ipv4-address.ts';
import { emitIpv4Packet, type Ipv4Packet } from '../wire/packet.ts';
import { SimSession } from './session.ts';

const ip = (s: string): number => {
  const r = parseIpv4Address(s);
  if (r === null) throw new Error(s);
  return r;
};

/** The header fields of a packet quoted in an ICMP error, read from its bytes. */
function quoted(q: Uint8Array, at = 0) {
  const v = new DataView(q.buffer, q.byteOffset, q.byteLength);
  const ihl = (q[at]! & 0x0f) * 4;
  return {
    src: v.getUint32(at + 12), dst: v.getUint32(at + 16), protocol: q[at + 9],
    sport: v.getUint16(at + ihl), dport: v.getUint16(at + ihl + 2), transportChecksum: v.getUint16(at + ihl + 6),
    headerChecksumOk: internetChecksum(q, at, at + ihl) === 0,
  };
}

function icmpOf(r: TraceRecord | undefined): Extract<IcmpRepr, { original: Uint8Array }> & { nextHopMtu?: number } {
  const p = r?.packet ?? (r?.frame?.body.kind === 'ipv4' ? r.frame.body.packet : undefined);
  if (!p || p.body.kind !== 'icmp' || !('original' in p.body.icmp)) throw new Error('no ICMP error in the record');
  return p.body.icmp;
}

const packetOf = (r: TraceRecord): Ipv4Packet => r.packet ?? (r.frame!.body as { packet: Ipv4Packet }).packet;

/** A reply of the NAT lab's service, VIP:80 → the client's port, 1440 bytes with DF. */
const replyTo = (clientPort: number): Ipv4Packet => ({
  ip: { src: ip('12.0.0.10'), dst: ip('12.0.0.88'), protocol: IpProtocol.Tcp, ttl: 63, dscp: 0, ecn: 0, ident: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0 },
  body: { kind: 'tcp', tcp: { srcPort: 80, dstPort: clientPort, seq: 1, ack: 1, flags: 0x18, window: 502, urgentPointer: 0, options: [], payload: new Uint8Array(1400) } },
});

/** "Fragmentation needed, MTU 1000" from the client to the VIP about `about`, its quote cut by `cut`. */
const fragNeededAbout = (about: Ipv4Packet, cut: (quote: Uint8Array) => Uint8Array): Ipv4Packet => ({
  ip: { src: ip('12.0.0.88'), dst: ip('12.0.0.10'), protocol: IpProtocol.Icmp, ttl: 64, dscp: 48, ecn: 0, ident: 7, dontFragment: false, moreFragments: false, fragmentOffset: 0 },
  body: { kind: 'icmp', icmp: { type: 'dest-unreachable', code: 4, nextHopMtu: 1000, original: cut(icmpQuote(emitIpv4Packet(about))) } },
});

/** Sends a packet from the NAT lab's client as its own stack would, and runs 100 ms. */
function sendFromClient(s: SimSession, packet: Ipv4Packet): void {
  sendFromHost(s.network, 'client', packet);
}

const withNode = (doc: LabDocument, id: string, edit: (n: LabNode) => LabNode): LabDocument => ({
  ...doc, nodes: doc.nodes.map((n) => (n.id === id ? edit(n) : n)),
});

const withMtu = (doc: LabDocument, node: string, dev: string, mtu: number): LabDocument =>
  withNode(doc, node, (n) => ({ ...n, interfaces: n.interfaces.map((i) => (i.name === dev ? { ...i, mtu } : i)) }));

describe('IPVS and ICMP errors about its connections (ip_vs_in_icmp, ip_vs_out_icmp)', () => {
  it('NAT: a real server\'s port unreachable for a UDP datagram reaches the client from the VIP, quoting the client\'s packet to VIP:port', () => {
    const doc = withNode(natLab, 'director', (n) => ({
      ...n,
      ipvs: { ...n.ipvs, services: [...n.ipvs.services, { ...n.ipvs.services[0]!, protocol: 'udp', port: 53, realServers: n.ipvs.services[0]!.realServers.map((r) => ({ ...r, port: 53 })) }] },
    }));
    const s = new SimSession(doc);
    const net = s.network;
    net.hosts.get('client')!.udp.send(0, 40000, ip('12.0.0.10'), 53, new TextEncoder().encode('query'), undefined);
    net.engine.runUntil(net.engine.now + 100_000);

    // Nothing listens on the real server's port 53: it reports about CIP:40000 → RIP:53.
    const sent = s.records.find((r) => r.step === 'icmp' && r.explain.key === 'icmp.error.sent')!;
    expect(sent.node).toMatch(/^web[12]$/);
    const fromRs = quoted(icmpOf(sent).original);
    expect(fromRs).toMatchObject({ src: ip('12.0.0.88'), dst: ip(sent.node === 'web1' ? '192.168.2.100' : '192.168.2.101'), sport: 40000, dport: 53 });

    // The director translates it in FORWARD (ip_vs_out_hook → ip_vs_out_icmp → ip_vs_nat_icmp).
    const out = s.records.find((r) => r.node === 'director' && r.explain.key === 'ipvs.icmp.out')!;
    expect(out.explain.params).toMatchObject({ type: 'dest-unreachable', to: '12.0.0.10', about: '12.0.0.88:40000 → 12.0.0.10:53' });

    const got = s.records.find((r) => r.node === 'client' && r.explain.key === 'deliver.icmp')!;
    const p = packetOf(got);
    expect(p.ip.src).toBe(ip('12.0.0.10'));
    const icmp = icmpOf(got);
    expect(icmp).toMatchObject({ type: 'dest-unreachable', code: 3 });
    const q = quoted(icmp.original);
    expect(q).toMatchObject({ src: ip('12.0.0.88'), dst: ip('12.0.0.10'), protocol: IpProtocol.Udp, sport: 40000, dport: 53, headerChecksumOk: true });
    // The quoted UDP checksum is left as the real server quoted it (ip_vs_nat_icmp changes only the port).
    expect(q.transportChecksum).toBe(fromRs.transportChecksum);
    // The datagram made a UDP entry, which the error matched.
    const conn = s.snapshot('director')!.connections.find((c) => c.protocol === 'UDP')!;
    expect(conn).toMatchObject({ clientAddress: '12.0.0.88', clientPort: 40000, virtualPort: 53, state: 'UDP' });
  });

  it('NAT: an error from the client\'s side about a reply goes to the real server, translated to the RIP (ip_vs_icmp_xmit)', () => {
    const s = new SimSession(natLab);
    const run = s.run({ kind: 'curl', node: 'client', url: 'http://12.0.0.10/' });
    expect(run.result).toMatchObject({ ok: true });
    const conn = s.snapshot('director')!.connections[0]!;
    const rip = ip(conn.destAddress);
    // The client reports about a reply VIP:80 → CIP:cport (as a router on the way back would).
    sendFromClient(s, fragNeededAbout(replyTo(conn.clientPort), (b) => b));

    const hit = s.records.find((r) => r.node === 'director' && r.explain.key === 'ipvs.icmp.in')!;
    expect(hit.explain.params).toMatchObject({ about: `12.0.0.10:80 → 12.0.0.88:${conn.clientPort}`, rs: conn.destAddress, method: 'masq' });
    const rsNode = conn.destAddress === '192.168.2.100' ? 'web1' : 'web2';
    const got = s.records.find((r) => r.node === rsNode && r.explain.key === 'deliver.icmp')!;
    const p = packetOf(got);
    expect(p.ip).toMatchObject({ src: ip('12.0.0.88'), dst: rip, ttl: 63 });
    const icmp = icmpOf(got);
    expect(icmp).toMatchObject({ type: 'dest-unreachable', code: 4, nextHopMtu: 1000 });
    expect(quoted(icmp.original)).toMatchObject({ src: rip, dst: ip('12.0.0.88'), sport: 80, dport: conn.clientPort, headerChecksumOk: true });
  });

  it('NAT: an error whose quote stops before the ports belongs to no connection — not even a port-0 template — and goes to the director\'s own stack', () => {
    // A persistent port-0 service: its template <TCP, 12.0.0.88, 0, 12.0.0.10, 0> has the ports a quote without ports would read as.
    const s = new SimSession(withNode(natLab, 'director', (n) => ({
      ...n,
      ipvs: { ...n.ipvs, services: [{ ...n.ipvs.services[0]!, port: 0, persistentTimeout: 360, realServers: n.ipvs.services[0]!.realServers.map((r) => ({ ...r, port: 0 })) }] },
    })));
    expect(s.run({ kind: 'curl', node: 'client', url: 'http://12.0.0.10/' }).result).toMatchObject({ ok: true });
    const conn = s.snapshot('director')!.connections.find((c) => !c.template)!;
    expect(s.snapshot('director')!.connections.some((c) => c.template && c.clientPort === 0 && c.virtualPort === 0)).toBe(true);
    sendFromClient(s, fragNeededAbout(replyTo(conn.clientPort), (q) => q.slice(0, 22)));
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'ipvs.icmp.in')).toBe(false);
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'deliver.icmp')).toBe(true);
  });

  it('DR: fragmentation needed for a reply from the VIP reaches the director (VIP on its ens33:0) and goes on to the real server unchanged but for TTL', () => {
    // The gateway's link toward the client carries at most 200 bytes: the page with its headers does not fit.
    const s = new SimSession(withMtu(drLab, 'gw', 'eth1', 200));
    const net = s.network;
    net.start({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' });
    net.engine.runUntil(net.engine.now + 300_000);

    const tooBig = s.records.find((r) => r.node === 'gw' && r.explain.key === 'icmp.error.sent')!;
    expect(tooBig.explain.params).toMatchObject({ type: 'dest-unreachable', code: 4, mtu: 200 });
    const hit = s.records.find((r) => r.node === 'director' && r.explain.key === 'ipvs.icmp.in')!;
    expect(hit.explain.params).toMatchObject({ type: 'dest-unreachable', method: 'droute' });
    const rs = hit.explain.params['rs'] === '192.168.122.100' ? 'web1' : 'web2';
    const got = s.records.find((r) => r.node === rs && r.explain.key === 'deliver.icmp')!;
    const sentIcmp = icmpOf(tooBig);
    const p = packetOf(got);
    // ip_vs_dr_xmit: same addresses (to the VIP on the real server's lo:0), the same quote.
    expect(p.ip).toMatchObject({ dst: ip('192.168.122.188'), ttl: packetOf(tooBig).ip.ttl - 1 });
    expect(icmpOf(got)).toEqual(sentIcmp);
    const conn = s.snapshot('director')!.connections[0]!;
    expect(quoted(sentIcmp.original)).toMatchObject({ src: ip('192.168.122.188'), sport: 80, dst: ip('12.0.0.12'), dport: conn.clientPort });
  });

  it('TUN: fragmentation needed for the IPIP packet becomes an error to the client from the VIP; the MTU is that of the route IPVS holds, less 20', () => {
    // r2's links toward both real servers carry at most 100 bytes: the tunnelled GET does not fit.
    const s = new SimSession(withMtu(withMtu(tunLab, 'r2', 'eth1', 100), 'r2', 'eth2', 100));
    const net = s.network;
    const vip = s.doc.nodes.find((n) => n.id === 'director')!.ipvs.services[0]!.address!;
    const curl = net.start({ kind: 'curl', node: 'client', url: `http://${vip}/`, maxTimeSec: 10 });
    net.settle(curl);

    const tunnel = s.records.find((r) => r.node === 'director' && r.explain.key === 'ipvs.icmp.tunnel');
    expect(tunnel).toBeDefined();
    const sent = s.records.filter((r) => r.node === 'director' && r.explain.key === 'icmp.error.sent');
    // The first error: ipv4_update_pmtu gives the route to the real server the path MTU 552
    // (100 is below min_pmtu: raised and locked), but the route IPVS sent through (dest_dst)
    // was taken before that exception existed and still has the device's MTU, 1500 − 20. The
    // retransmitted GET goes through a new route, bound to the exception: 552 − 20.
    expect(sent.slice(0, 2).map((r) => r.explain.params)).toMatchObject([
      { type: 'dest-unreachable', code: 4, mtu: 1480 },
      { type: 'dest-unreachable', code: 4, mtu: 532 },
    ]);
    const rip = s.records.find((r) => r.node === 'director' && r.explain.key === 'ipvs.icmp.tunnel')!.explain.params['rip'] as string;
    expect(routeGet(net.hosts.get('director')!, { dst: rip })).toMatchObject({ ok: true, route: { mtu: 552, mtuLocked: true } });
    const got = s.records.find((r) => r.node === 'client' && r.explain.key === 'deliver.icmp')!;
    expect(packetOf(got).ip.src).toBe(ip(vip));
    const q = quoted(icmpOf(got).original);
    expect(q).toMatchObject({ dst: ip(vip), protocol: IpProtocol.Tcp, dport: 80, headerChecksumOk: true });
    // The client takes 532 as below min_pmtu too: its route to the VIP locks 552, and with a
    // locked MTU its segments go without DF (ip_dont_fragment). The director copies the missing
    // DF to the outer header, r2 cuts the 134-byte IPIP packet into two fragments (80 + 34
    // bytes of payload) and the real server reassembles it: the page arrives.
    expect(routeGet(net.hosts.get('client')!, { dst: vip })).toMatchObject({ ok: true, route: { mtu: 552, mtuLocked: true } });
    const resent = s.records.filter((r) => r.node === 'client' && r.step === 'egress' && r.frame?.body.kind === 'ipv4' && packetOf(r).body.kind === 'tcp').at(-1)!;
    expect(packetOf(resent).ip.dontFragment).toBe(false);
    expect(s.records.find((r) => r.node === 'r2' && r.explain.key === 'ip.fragment')!.explain.params).toMatchObject({ bytes: 134, mtu: 100, fragments: 2 });
    expect(s.records.find((r) => r.explain.key === 'ip.defrag.done')).toMatchObject({ node: expect.stringMatching(/^rs/) as unknown, explain: { params: { fragments: 2, bytes: 134 } } });
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true, status: 200 });
  });
});
