import { describe, expect, it } from 'vitest';
import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import { Network } from '../network.ts';
import { hostConfig, link, network, switchConfig } from '../testing/build.ts';
import type { TraceRecord } from '../model/trace.ts';

const R1 = '10.0.0.1';
const R2 = '10.0.0.2';
const SERVER = '20.0.0.5';

/**
 * A host whose default gateway r1 sends everything for 20.0.0.0/24 back out the same LAN to r2:
 * r1 forwards out the interface the packet came in on, so it sends ICMP redirects (facts §5.4,
 * send_redirects).
 */
function oneArmedLab(hostSysctls: Record<string, number> = {}, hostSharedMedia = true) {
  return network([
    switchConfig('sw'),
    hostConfig('h', {
      ifaces: { eth0: { mac: '02:00:00:00:00:05', addrs: ['10.0.0.5/24'] } },
      routes: [{ dst: 'default', via: R1 }],
      sysctls: { ...hostSysctls, ...(hostSharedMedia ? {} : { 'net.ipv4.conf.all.shared_media': 0, 'net.ipv4.conf.eth0.shared_media': 0 }) },
    }),
    hostConfig('r1', {
      kind: 'router',
      ifaces: { eth0: { mac: '02:00:00:00:00:01', addrs: [`${R1}/24`] } },
      routes: [{ dst: '20.0.0.0/24', via: R2 }],
    }),
    hostConfig('r2', {
      kind: 'router',
      ifaces: { eth0: { mac: '02:00:00:00:00:02', addrs: [`${R2}/24`] }, eth1: { mac: '02:00:00:00:01:01', addrs: ['20.0.0.1/24'] } },
    }),
    hostConfig('s', {
      ifaces: { eth0: { mac: '02:00:00:00:01:05', addrs: [`${SERVER}/24`] } },
      routes: [{ dst: 'default', via: '20.0.0.1' }],
      httpd: 'hello\n',
    }),
  ], [link('h:eth0', 'sw'), link('r1:eth0', 'sw'), link('r2:eth0', 'sw'), link('r2:eth1', 's:eth0')]);
}

const redirectOutcomes = (records: readonly TraceRecord[]): string[] =>
  records.filter((r) => r.node === 'h' && r.explain.key.startsWith('icmp.redirect.')).map((r) => r.explain.key);

/** Which router each echo request from h went to: the destination MAC of h's egress frames toward the server. */
function firstHops(records: readonly TraceRecord[]): string[] {
  return records
    .filter((r) => r.node === 'h' && r.step === 'egress' && r.frame?.body.kind === 'ipv4' && formatIpv4Address(r.frame.body.packet.ip.dst) === SERVER)
    .map((r) => (r.frame!.eth.dst === '02:00:00:00:00:01' ? 'r1' : r.frame!.eth.dst === '02:00:00:00:00:02' ? 'r2' : r.frame!.eth.dst));
}

describe('ICMP redirects taken by a host (__ip_do_redirect)', () => {
  it('ping: the first redirect only starts ARP for the new gateway, the second one changes the route', () => {
    const net = new Network(oneArmedLab(), { seed: 1, trace: true });
    net.settle(net.start({ kind: 'ping', node: 'h', destination: SERVER, count: 3 }));
    // The new gateway's neighbour is not NUD_VALID at the first redirect: neigh_event_send only.
    // r1 may redirect again 40 ms later (redirect_load << 1), which the next echo, 1 s on, gets.
    expect(redirectOutcomes(net.tracer.records)).toEqual(['icmp.redirect.resolving', 'icmp.redirect.accepted']);
    expect(firstHops(net.tracer.records)).toEqual(['r1', 'r1', 'r2']);
    expect(net.tracer.records.some((r) => r.node === 'h' && r.explain.key === 'arp.request.sent' && r.arp && formatIpv4Address(r.arp.targetIp) === R2)).toBe(true);
    const cache = net.hosts.get('h')!.router.exceptionsSnapshot();
    expect(cache.map((e) => [formatIpv4Address(e.daddr), formatIpv4Address(e.gateway!)])).toEqual([[SERVER, R2]]);
    // ip_rt_gc_timeout: the exception lasts 300 s from when it was learned.
    const learned = net.tracer.records.find((r) => r.explain.key === 'icmp.redirect.accepted')!.timeUs;
    expect(cache[0]!.expiresUs).toBe(learned + 300_000_000);
  });

  it('TCP: a connection takes a redirect about its unacknowledged SYN and sends the rest via the new gateway', () => {
    const net = new Network(oneArmedLab(), { seed: 1, trace: true });
    // h learns r2's MAC first (an ARP exchange with it), so the redirect is taken at once.
    net.settle(net.start({ kind: 'ping', node: 'h', destination: R2, count: 1 }));
    const mark = net.tracer.records.length;
    const curl = net.start({ kind: 'curl', node: 'h', url: `http://${SERVER}/` });
    net.settle(curl);
    expect(curl.result).toMatchObject({ kind: 'curl', ok: true });
    const records = net.tracer.records.slice(mark);
    expect(redirectOutcomes(records)).toEqual(['icmp.redirect.accepted']);
    // Only the SYN went through r1; the socket's route was killed, the rest goes to r2 directly.
    const hops = firstHops(records);
    expect(hops[0]).toBe('r1');
    expect(hops.slice(1).every((h) => h === 'r2')).toBe(true);
  });

  it('a host with accept_redirects 0 on all and eth0 keeps its gateway', () => {
    const net = new Network(oneArmedLab({ 'net.ipv4.conf.all.accept_redirects': 0, 'net.ipv4.conf.eth0.accept_redirects': 0 }), { seed: 1, trace: true });
    net.settle(net.start({ kind: 'ping', node: 'h', destination: SERVER, count: 3 }));
    // r1 redirects every echo (1 s apart is beyond its backoff); each is ignored.
    expect(redirectOutcomes(net.tracer.records)).toEqual(['icmp.redirect.ignored', 'icmp.redirect.ignored', 'icmp.redirect.ignored']);
    expect(firstHops(net.tracer.records)).toEqual(['r1', 'r1', 'r1']);
  });

  it('accept_redirects is an OR on a host: 0 on eth0 alone still takes them', () => {
    const net = new Network(oneArmedLab({ 'net.ipv4.conf.eth0.accept_redirects': 0 }), { seed: 1, trace: true });
    net.settle(net.start({ kind: 'ping', node: 'h', destination: SERVER, count: 3 }));
    expect(firstHops(net.tracer.records)).toEqual(['r1', 'r1', 'r2']);
  });

  it('turning ip_forward on sets all/accept_redirects to 0 (inet_forward_change): a forwarding host ignores redirects', () => {
    const net = new Network(oneArmedLab({ 'net.ipv4.ip_forward': 1 }), { seed: 1, trace: true });
    expect(net.hosts.get('h')!.sysctl.rawConf('all', 'accept_redirects')).toBe(0);
    net.settle(net.start({ kind: 'ping', node: 'h', destination: SERVER, count: 3 }));
    expect(firstHops(net.tracer.records)).toEqual(['r1', 'r1', 'r1']);
    const ignored = net.tracer.records.find((r) => r.node === 'h' && r.explain.key === 'icmp.redirect.ignored');
    expect(ignored?.explain.params?.['reason']).toContain('accept_redirects must be 1 on both all and eth0');
  });

  it('with shared_media 0 and secure_redirects 1 the new gateway must be a gateway in the routing table (ip_fib_check_default)', () => {
    const net = new Network(oneArmedLab({}, false), { seed: 1, trace: true });
    net.settle(net.start({ kind: 'ping', node: 'h', destination: SERVER, count: 3 }));
    expect(firstHops(net.tracer.records)).toEqual(['r1', 'r1', 'r1']);
    const lenient = new Network(oneArmedLab({ 'net.ipv4.conf.all.secure_redirects': 0, 'net.ipv4.conf.eth0.secure_redirects': 0 }, false), { seed: 1, trace: true });
    lenient.settle(lenient.start({ kind: 'ping', node: 'h', destination: SERVER, count: 3 }));
    expect(firstHops(lenient.tracer.records)).toEqual(['r1', 'r1', 'r2']);
  });

});
