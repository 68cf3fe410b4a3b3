import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { natLab } from '../lab/builtin/nat.ts';
import { builtinLab } from '../lab/builtin/index.ts';
import { tunLab } from '../lab/builtin/tun.ts';
import type { LabDocument, LabNode } from '../lab/document.ts';
import { cachedRouteLines } from '../lab/shell/iproute2/route.ts';
import { routeCache, routeGet } from '../sim/host/route-get.ts';
import { forwardMtu, routeMtu } from '../sim/host/route.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import { parseIpv4Address } from '../wire/ipv4-address.ts';
import type { Ipv4Packet } from '../wire/packet.ts';
import { SimSession } from './session.ts';

const ip = (s: string): number => {
  const r = parseIpv4Address(s);
  if (r === null) throw new Error(s);
  return r;
};

const VIP = '10.0.1.188';
/** A GET whose request line is longer than one full-sized segment. */
const LONG_URL = `http://${VIP}/${'a'.repeat(1600)}`;

const packetOf = (r: TraceRecord): Ipv4Packet | undefined =>
  r.packet ?? (r.frame?.body.kind === 'ipv4' ? r.frame.body.packet : undefined);

const withNode = (doc: LabDocument, id: string, edit: (n: LabNode) => LabNode): LabDocument => ({
  ...doc, nodes: doc.nodes.map((n) => (n.id === id ? edit(n) : n)),
});

/** Both web servers serve a 3000-byte page, and `node`'s `dev` carries at most 1400 bytes. */
function bigPagesThrough(doc: LabDocument, node: string, dev: string): LabDocument {
  let d = withNode(doc, node, (n) => ({ ...n, interfaces: n.interfaces.map((i) => (i.name === dev ? { ...i, mtu: 1400 } : i)) }));
  for (const web of ['web1', 'web2']) d = withNode(d, web, (n) => ({ ...n, files: { ...n.files, '/var/www/html/index.html': 'x'.repeat(3000) } }));
  return d;
}

/** The page comes whole, the server that sent it learned the path MTU 1400 and cut its segments to 1360. */
function expectReplyPathLearned(s: SimSession, client: string): void {
  const reduced = s.records.filter((r) => r.explain.key === 'tcp.mtu_reduced');
  expect(reduced).toHaveLength(1);
  // Two full segments of 1460 in flight, each sent again as 1360 + 100.
  expect(reduced[0]!.explain.params).toMatchObject({ mtu: 1400, mss: 1360, before: 1460, resent: 4, port: 80 });
  const server = s.network.hosts.get(reduced[0]!.node)!;
  expect(routeGet(server, { dst: client })).toMatchObject({ ok: true, route: { mtu: 1400, expiresSec: 599 } });
  expect(s.records.some((r) => r.explain.key === 'tcp.retransmit')).toBe(false);
}

describe('path MTU discovery (ipv4_update_pmtu, tcp_v4_mtu_reduced)', () => {
  it('TUN: a full-sized request does not fit the tunnel; the client learns the path MTU 1480, cuts its segment to the new MSS and the GET gets through at once', () => {
    const s = new SimSession(tunLab);
    const net = s.network;
    const curl = net.start({ kind: 'curl', node: 'client', url: LONG_URL, maxTimeSec: 10 });
    net.settle(curl);
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true, status: 404 });
    const keyed = (node: string, key: string): TraceRecord[] => s.records.filter((r) => r.node === node && r.explain.key === key);

    // ip_vs_tunnel_xmit: 1500 bytes with DF do not fit 1500 − 20.
    expect(keyed('director', 'ipvs.frag_needed').map((r) => r.explain.params)).toEqual([{ mtu: 1480, bytes: 1500 }]);
    // tcp_v4_mtu_reduced: MSS 1460 → 1440; the first segment in flight, 1460 bytes, no longer
    // fits and is sent again at once as 1440 + 20; the request's tail fits and stays. No
    // retransmission timer fires.
    expect(keyed('client', 'tcp.mtu_reduced').map((r) => r.explain.params)).toMatchObject([{ mtu: 1480, mss: 1440, before: 1460, resent: 2 }]);
    expect(keyed('client', 'tcp.retransmit')).toEqual([]);
    const tunnelled = s.records.filter((r) => r.node === 'director' && r.step === 'egress' && packetOf(r)?.body.kind === 'ipip')
      .map((r) => packetOf(r)!);
    const sizes = tunnelled.map((p) => (p.body.kind === 'ipip' && p.body.inner.body.kind === 'tcp' ? p.body.inner.body.tcp.payload.length : -1));
    expect(Math.max(...sizes)).toBe(1440);
    expect(sizes).toContain(20);
    // The request's tail reached the real server ahead of the resent pieces: it waited in the
    // out-of-order queue (tcp_data_queue_ofo) instead of being thrown away.
    const rs = s.records.find((r) => r.explain.key === 'tcp.ofo')!;
    expect(rs.node).toMatch(/^rs/);

    // ip route get on the client: the exception lasts ip_rt_mtu_expires (600 s).
    const client = net.hosts.get('client')!;
    const got = routeGet(client, { dst: VIP });
    expect(got).toMatchObject({ ok: true, route: { mtu: 1480, expiresSec: 599 } });
    expect(got.ok && cachedRouteLines(got.route)).toBe(`${VIP} via 12.0.0.1 dev eth0 src 12.0.0.12 uid 0 \n    cache expires 599sec mtu 1480 \n`);
    expect(routeCache(client).map((r) => cachedRouteLines(r))).toEqual([`${VIP} via 12.0.0.1 dev eth0 \n    cache expires 599sec mtu 1480 \n`]);

    // After 600 s the path MTU is forgotten and full-sized segments are tried again.
    net.engine.runUntil(net.engine.now + 600_000_000);
    const later = routeGet(client, { dst: VIP });
    expect(later.ok && [later.route.mtu, later.route.expiresSec]).toEqual([undefined, undefined]);
    expect(routeCache(client)).toEqual([]);
    const again = net.start({ kind: 'curl', node: 'client', url: LONG_URL, maxTimeSec: 10 });
    net.settle(again);
    expect(again.result).toMatchObject({ kind: 'curl', ok: true });
    expect(keyed('director', 'ipvs.frag_needed')).toHaveLength(2);
  });

  it('__ip_rt_update_pmtu: a larger MTU is ignored, one below min_pmtu becomes min_pmtu locked, the same MTU is not learned again before half of mtu_expires', () => {
    const doc = withNode(tunLab, 'client', (n) => ({ ...n, sysctls: { ...n.sysctls, 'net.ipv4.route.min_pmtu': 600 } }));
    const s = new SimSession(doc);
    const client = s.network.hosts.get('client')!;
    const router = client.router;
    const vip = ip(VIP);
    const src = ip('12.0.0.12');
    const now = (): number => s.network.engine.now;
    const mtuNow = () => {
      const r = routeGet(client, { dst: VIP });
      return r.ok ? { mtu: r.route.mtu, locked: r.route.mtuLocked ?? false } : undefined;
    };

    expect(router.updatePmtu(vip, src, 1600)).toBeUndefined();
    expect(mtuNow()).toEqual({ mtu: undefined, locked: false });
    const first = router.updatePmtu(vip, src, 1400)!;
    expect(first).toMatchObject({ pmtu: 1400, mtuLocked: false, expiresUs: now() + 600_000_000 });
    expect(mtuNow()).toEqual({ mtu: 1400, locked: false });

    // Same MTU within the first half of its life: nothing changes, not even the expiry.
    s.network.engine.runUntil(now() + 200_000_000);
    expect(router.updatePmtu(vip, src, 1400)).toBeUndefined();
    expect(first.expiresUs).toBe(now() + 400_000_000);
    // Past half of it: learned again, the expiry renewed.
    s.network.engine.runUntil(now() + 200_000_000);
    expect(router.updatePmtu(vip, src, 1400)).toBe(first);
    expect(first.expiresUs).toBe(now() + 600_000_000);

    // Below min_pmtu (set to 600 here): min_pmtu, locked; a locked MTU takes no more updates.
    expect(router.updatePmtu(vip, src, 500)).toMatchObject({ pmtu: 600, mtuLocked: true });
    expect(mtuNow()).toEqual({ mtu: 600, locked: true });
    expect(router.updatePmtu(vip, src, 576)).toBeUndefined();
    const lines = routeGet(client, { dst: VIP });
    expect(lines.ok && cachedRouteLines(lines.route)).toBe(`${VIP} via 12.0.0.1 dev eth0 src 12.0.0.12 uid 0 \n    cache expires 600sec mtu lock 600 \n`);
  });

  it('NAT: a reply too big for the director\'s client-side link gets fragmentation needed from ip_forward, about the untranslated reply, and the real server resends smaller', () => {
    const s = new SimSession(bigPagesThrough(natLab, 'director', 'ens36'));
    const curl = s.network.start({ kind: 'curl', node: 'client', url: 'http://12.0.0.10/', maxTimeSec: 10 });
    s.network.settle(curl);
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true, status: 200 });
    // ip_forward checks the MTU before the FORWARD hook, so the quote is RIP:80 → CIP.
    const error = s.records.find((r) => r.node === 'director' && r.explain.key === 'icmp.error.sent')!;
    expect(error.explain.params).toMatchObject({ code: 4, mtu: 1400, about: expect.stringMatching(/^192\.168\.2\.10[01] → 12\.0\.0\.88$/) as unknown });
    expectReplyPathLearned(s, '12.0.0.88');
  });

  it('DR: the gateway\'s fragmentation needed goes to the VIP, IPVS passes it to the real server, which resends smaller', () => {
    const s = new SimSession(bigPagesThrough(drLab, 'gw', 'eth1'));
    const curl = s.network.start({ kind: 'curl', node: 'client', url: 'http://192.168.122.188/', maxTimeSec: 10 });
    s.network.settle(curl);
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true, status: 200 });
    expect(s.records.some((r) => r.node === 'director' && r.explain.key === 'ipvs.icmp.in')).toBe(true);
    expectReplyPathLearned(s, '12.0.0.12');
  });

  it('ip_no_pmtu_disc: 1 hands the socket MTU 0 (the route falls to min_pmtu, locked, and DF goes); 2 ignores the message; a socket made with it set sends without DF', () => {
    const run = (mode: number, setBeforeConnect: boolean) => {
      const withMode = withNode(tunLab, 'client', (n) => ({ ...n, sysctls: { ...n.sysctls, 'net.ipv4.ip_no_pmtu_disc': mode } }));
      const s = new SimSession(setBeforeConnect ? withMode : tunLab);
      const net = s.network;
      const curl = net.start({ kind: 'curl', node: 'client', url: LONG_URL, maxTimeSec: 3 });
      // The connection is made with the default; the setting changes before the error arrives.
      if (!setBeforeConnect) {
        net.engine.runWhile(() => s.records.some((r) => r.explain.key === 'app.curl.connect'), 1_000_000);
        s.reconfigure(withMode);
      }
      net.settle(curl);
      const client = net.hosts.get('client')!;
      const sent = s.records.filter((r) => r.node === 'client' && r.step === 'egress' && packetOf(r)?.body.kind === 'tcp').map((r) => packetOf(r)!);
      return { s, curl, route: routeGet(client, { dst: VIP }), sent };
    };

    const one = run(1, false);
    expect(one.s.records.filter((r) => r.explain.key === 'tcp.mtu_reduced').map((r) => r.explain.params)).toMatchObject([{ mtu: 552, mss: 512, before: 1460 }]);
    expect(one.route).toMatchObject({ ok: true, route: { mtu: 552, mtuLocked: true } });
    expect(one.sent.at(-1)!.ip.dontFragment).toBe(false);
    expect(one.curl.result).toMatchObject({ kind: 'curl', ok: true });

    const two = run(2, false);
    expect(two.s.records.some((r) => r.explain.key === 'tcp.mtu_reduced')).toBe(false);
    expect(two.route.ok && two.route.route.mtu).toBeUndefined();
    expect(two.curl.result).toMatchObject({ kind: 'curl', ok: false, error: 'timeout' });

    // IP_PMTUDISC_DONT from the start: no DF, so the director has nothing to refuse; it sends
    // the 1520-byte IPIP packet as two fragments, which the real server reassembles.
    const dont = run(1, true);
    expect(dont.sent.every((p) => !p.ip.dontFragment)).toBe(true);
    expect(dont.s.records.find((r) => r.node === 'director' && r.explain.key === 'ip.fragment')!.explain.params).toMatchObject({ bytes: 1520, mtu: 1500, fragments: 2 });
    expect(dont.curl.result).toMatchObject({ kind: 'curl', ok: true, status: 404 });
  });

  it('the built-in lab "tun-mtu": the first curl meets the tunnel\'s MTU and recovers at once, the second starts with MSS 1440', () => {
    const s = new SimSession(builtinLab('tun-mtu')!);
    const [first, second] = s.runScenario();
    expect(first!.result).toMatchObject({ kind: 'curl', ok: true, status: 200 });
    expect(second!.result).toMatchObject({ kind: 'curl', ok: true, status: 200 });
    expect(s.records.filter((r) => r.explain.key === 'ipvs.frag_needed')).toHaveLength(1);
    expect(s.records.filter((r) => r.explain.key === 'tcp.mtu_reduced')).toHaveLength(1);
    expect(s.records.some((r) => r.explain.key === 'tcp.retransmit')).toBe(false);
    // The second connection's largest segment from the client carries 1440 bytes.
    const secondFlow = s.records.find((r) => r.explain.key === 'app.curl.connect' && r.timeUs >= 1_000_000)!.flowId;
    const sizes = s.records.filter((r) => r.node === 'client' && r.step === 'egress' && r.flowId === secondFlow)
      .map((r) => packetOf(r)).map((p) => (p?.body.kind === 'tcp' ? p.body.tcp.payload.length : 0));
    expect(Math.max(...sizes)).toBe(1440);
    // ipv4_default_advmss: its SYN announces the route's MTU, the learned 1480, less 40.
    const syn = s.records.find((r) => r.node === 'client' && r.step === 'egress' && r.flowId === secondFlow)!;
    expect(packetOf(syn)?.body).toMatchObject({ kind: 'tcp', tcp: { flags: 0x02, options: [{ kind: 'mss', value: 1440 }] } });
  });

  it('route metrics: the real servers\' advmss 1440 keeps the client\'s segments inside the tunnel; a client route\'s mtu sets its MSS', () => {
    // The fix for the tun-mtu lesson when ICMP cannot reach the clients: the real servers
    // announce a smaller MSS (dst_metric_advmss) in their SYN-ACK.
    const withAdvmss = (doc: LabDocument): LabDocument => ({
      ...doc,
      nodes: doc.nodes.map((n) => (n.role === 'realserver' ? { ...n, routes: n.routes.map((r) => (r.dst === 'default' ? { ...r, advmss: 1440 } : r)) } : n)),
    });
    const s = new SimSession(withAdvmss(builtinLab('tun-mtu')!));
    const [first] = s.runScenario();
    expect(first!.result).toMatchObject({ kind: 'curl', ok: true, status: 200 });
    expect(s.records.filter((r) => r.explain.key === 'ipvs.frag_needed')).toEqual([]);
    const synAck = s.records.find((r) => r.node.startsWith('rs') && r.step === 'egress' && packetOf(r)?.body.kind === 'tcp' && (packetOf(r)!.body as { tcp: { flags: number } }).tcp.flags === 0x12)!;
    expect(packetOf(synAck)?.body).toMatchObject({ tcp: { options: [{ kind: 'mss', value: 1440 }] } });

    // The client's own route with mtu 1400: tcp_sync_mss(1400) and an SYN announcing 1360.
    const small = withNode(tunLab, 'client', (n) => ({ ...n, routes: n.routes.map((r) => (r.dst === 'default' ? { ...r, mtu: 1400 } : r)) }));
    const t = new SimSession(small);
    const curl = t.run({ kind: 'curl', node: 'client', url: LONG_URL, maxTimeSec: 10 });
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true });
    const sent = t.records.filter((r) => r.node === 'client' && r.step === 'egress').map(packetOf).filter((p) => p?.body.kind === 'tcp').map((p) => p!);
    expect(sent[0]!.body).toMatchObject({ tcp: { options: [{ kind: 'mss', value: 1360 }] } });
    expect(Math.max(...sent.map((p) => (p.body.kind === 'tcp' ? p.body.tcp.payload.length : 0)))).toBe(1360);
    expect(t.records.some((r) => r.explain.key === 'ipvs.frag_needed')).toBe(false);
    expect(sent.every((p) => p.ip.dontFragment)).toBe(true);

    // `mtu lock 1400`: ip_dont_fragment is false for a locked MTU, so the segments go without DF.
    const locked = new SimSession(withNode(tunLab, 'client', (n) => ({ ...n, routes: n.routes.map((r) => (r.dst === 'default' ? { ...r, mtu: 1400, mtuLock: true } : r)) })));
    locked.run({ kind: 'curl', node: 'client', url: LONG_URL, maxTimeSec: 10 });
    const lockedSent = locked.records.filter((r) => r.node === 'client' && r.step === 'egress').map(packetOf).filter((p) => p?.body.kind === 'tcp');
    expect(lockedSent.length).toBeGreaterThan(0);
    expect(lockedSent.every((p) => !p!.ip.dontFragment)).toBe(true);
  });

  it('fib_sync_mtu: a learned path MTU follows its device\'s MTU down, and back up when it equalled the old one', () => {
    const s = new SimSession(tunLab);
    const client = s.network.hosts.get('client')!;
    const setMtu = (doc: LabDocument, mtu: number): LabDocument => withNode(doc, 'client', (n) => ({ ...n, interfaces: n.interfaces.map((i) => (i.name === 'eth0' ? { ...i, mtu } : i)) }));
    const mtuNow = () => {
      const r = routeGet(client, { dst: VIP });
      return r.ok ? [r.route.mtu, r.route.mtuLocked ?? false] : undefined;
    };
    client.router.updatePmtu(ip(VIP), ip('12.0.0.12'), 1400);
    expect(mtuNow()).toEqual([1400, false]);
    s.reconfigure(setMtu(tunLab, 1300));
    expect(mtuNow()).toEqual([1300, false]);
    // The learned MTU equalled the old device MTU: it rises with the device.
    s.reconfigure(setMtu(tunLab, 1500));
    expect(mtuNow()).toEqual([1500, false]);
    // A locked one (below min_pmtu) drops to a smaller device MTU and is unlocked.
    client.router.updatePmtu(ip(VIP), ip('12.0.0.12'), 500);
    expect(mtuNow()).toEqual([552, true]);
    s.reconfigure(setMtu(tunLab, 540));
    expect(mtuNow()).toEqual([540, false]);
  });

  it('ip_forward honours the route\'s mtu metric: r2 with "default via 10.0.1.1 mtu 1400" refuses the real server\'s 1500-byte replies', () => {
    let doc = withNode(tunLab, 'r2', (n) => ({ ...n, routes: n.routes.map((r) => (r.dst === 'default' ? { ...r, mtu: 1400 } : r)) }));
    for (const rs of ['rs1', 'rs2']) doc = withNode(doc, rs, (n) => ({ ...n, files: { ...n.files, '/var/www/html/index.html': 'x'.repeat(3000) } }));
    const s = new SimSession(doc);
    const curl = s.run({ kind: 'curl', node: 'client', url: `http://${VIP}/`, maxTimeSec: 10 });
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true, status: 200 });
    const error = s.records.find((r) => r.node === 'r2' && r.explain.key === 'icmp.error.sent')!;
    expect(error.explain.params).toMatchObject({ code: 4, mtu: 1400 });
    expect(s.records.filter((r) => r.explain.key === 'tcp.mtu_reduced').map((r) => r.explain.params)).toMatchObject([{ mtu: 1400, mss: 1360 }]);
  });

  it('ip_dst_mtu_maybe_forward: a learned path MTU counts for forwarding only with ip_forward_use_pmtu or when locked', () => {
    const s = new SimSession(tunLab);
    const r2 = s.network.hosts.get('r2')!;
    r2.router.updatePmtu(ip('12.0.0.12'), ip('10.0.1.2'), 1300);
    const rt = r2.router.output(ip('12.0.0.12'), 0, undefined);
    if ('error' in rt) throw new Error('no route');
    const now = s.network.engine.now;
    expect([routeMtu(rt, now), forwardMtu(rt, now, false), forwardMtu(rt, now, true)]).toEqual([1300, 1500, 1300]);
    r2.router.updatePmtu(ip('12.0.0.12'), ip('10.0.1.2'), 300);
    const locked = r2.router.output(ip('12.0.0.12'), 0, undefined);
    if ('error' in locked) throw new Error('no route');
    expect(forwardMtu(locked, now, false)).toBe(552);
  });
});
