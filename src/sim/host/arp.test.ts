import { describe, expect, it } from 'vitest';
import { formatIpv4Address } from '../../wire/ipv4-address.ts';
import { Network } from '../network.ts';
import { arpLab } from '../testing/labs.ts';

const VIP = '192.168.122.188';
const RS_MAC = '02:00:00:00:01:64';
const D_MAC = '02:00:00:00:00:10';

function routerEntry(net: Network, ip: string): string | null {
  return net.hosts.get('r')!.neigh.snapshot().find((n) => n.ip === ip)?.mac ?? null;
}

/**
 * Runs the two lessons of the DR ARP problem with `arp_ignore`/`arp_announce` set on the real
 * server's `all`: (1) the router resolves the VIP (ping VIP); (2) after `ip neigh flush` the real
 * server sends a packet from the VIP to the outside (ping -I VIP), which makes it ARP for its
 * gateway.
 */
function runMatrixCase(arpIgnore: number, arpAnnounce: number) {
  const net = new Network(arpLab({ 'net.ipv4.conf.all.arp_ignore': arpIgnore, 'net.ipv4.conf.all.arp_announce': arpAnnounce }), { seed: 7, trace: true });
  const first = net.start({ kind: 'ping', node: 'r', destination: VIP, count: 1 });
  net.settle(first);
  const answered = net.tracer.records
    .filter((r) => r.step === 'arp' && r.explain.key === 'arp.reply.sent' && r.arp && formatIpv4Address(r.arp.senderIp) === VIP)
    .map((r) => r.node);
  const kept = routerEntry(net, VIP);
  net.hosts.get('rs')!.neigh.flush();
  const mark = net.tracer.records.length;
  const second = net.start({ kind: 'ping', node: 'rs', destination: '12.0.0.88', count: 1, source: VIP });
  net.settle(second);
  const request = net.tracer.records.slice(mark).find((r) => r.node === 'rs' && r.explain.key === 'arp.request.sent');
  return { answered, kept, senderIp: request?.arp ? formatIpv4Address(request.arp.senderIp) : null, after: routerEntry(net, VIP) };
}

describe('the DR ARP problem: arp_ignore × arp_announce on the real server\'s `all`', () => {
  for (const arpIgnore of [0, 1, 2, 3, 8]) {
    for (const arpAnnounce of [0, 1, 2]) {
      it(`arp_ignore=${arpIgnore} arp_announce=${arpAnnounce}`, () => {
        const got = runMatrixCase(arpIgnore, arpAnnounce);
        // facts §5.2 (arp_ignore): 0 replies for any local address, incl. the VIP on lo, with
        // eth0's MAC; 1 and 2 need the address on the incoming device (eth0); 3 hides only scope
        // host addresses, and `ip addr add VIP/32 dev lo` is scope global; 8 never replies.
        const rsAnswers = arpIgnore === 0 || arpIgnore === 3;
        expect(got.answered.sort()).toEqual(rsAnswers ? ['d', 'rs'] : ['d']);
        // facts §5.2 step 5 / §8.13: the first reply wins; the later one, within locktime (1 s),
        // does not override. The real server's link is shorter, so it is first when it answers.
        expect(got.kept).toBe(rsAnswers ? RS_MAC : D_MAC);
        // facts §5.3 (arp_solicit): 0 uses the packet's source if local (the VIP); 1 only if it
        // shares a subnet of eth0 with the target — the VIP lies in 192.168.122.0/24 with the
        // gateway, so it is still used; 2 uses eth0's primary address.
        expect(got.senderIp).toBe(arpAnnounce === 2 ? '192.168.122.100' : VIP);
        // facts §5.2 step 3 / §5.3: the gateway answers a request for its own address and
        // learns the sender with override (neigh_event_ns): `who-has GW tell VIP` moves the
        // router's VIP entry to the real server.
        expect(got.after).toBe(arpAnnounce === 2 ? got.kept : RS_MAC);
      });
    }
  }

  it('values on lo change nothing (facts §5.1: max(all, the device the ARP uses))', () => {
    const net = new Network(arpLab({ 'net.ipv4.conf.lo.arp_ignore': 1, 'net.ipv4.conf.lo.arp_announce': 2 }), { seed: 7, trace: true });
    net.settle(net.start({ kind: 'ping', node: 'r', destination: VIP, count: 1 }));
    expect(routerEntry(net, VIP)).toBe(RS_MAC);
  });

  it('a suppressed reply does not teach the real server the requester (facts §5.2 step 3)', () => {
    const net = new Network(arpLab({ 'net.ipv4.conf.all.arp_ignore': 1 }), { seed: 7, trace: true });
    net.settle(net.start({ kind: 'ping', node: 'r', destination: VIP, count: 1 }));
    expect(net.hosts.get('rs')!.neigh.snapshot().find((n) => n.ip === '192.168.122.1')).toBeUndefined();
  });

  it('who answers first follows the seed when links are equally long', () => {
    const winners = new Set<string | null>();
    for (let seed = 1; seed <= 12; seed++) {
      const cfg = arpLab({});
      const equal = { ...cfg, links: cfg.links.map((l) => ({ ...l, latencyUs: 100 })) };
      const net = new Network(equal, { seed, trace: true });
      net.settle(net.start({ kind: 'ping', node: 'r', destination: VIP, count: 1 }));
      winners.add(routerEntry(net, VIP));
    }
    expect([...winners].sort()).toEqual([D_MAC, RS_MAC].sort());
  });
});
