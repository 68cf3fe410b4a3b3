import { describe, expect, it } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { macFor } from '../../lab/mac.ts';
import { parseIpv4Address } from '../../wire/ipv4-address.ts';
import { arpFrame, ipv4Frame, records, tcpPacket } from '../testing/trace.ts';
import { buildTraceIndex, forEachInFlight, linkMatcher } from './trace-index.ts';

const mac = (node: string, iface: string) => macFor(node, iface);
const syn = tcpPacket('12.0.0.12', '192.168.122.188');

// DR's links: 0 client:eth0–gw:eth1, 1 gw:eth0–sw, 2 director:ens33–sw, 3 web1:ens33–sw, 4 web2:ens33–sw.
const trace = records([
  { timeUs: 0, node: 'client', step: 'route', packetId: 1, flowId: 1, packet: syn },
  { timeUs: 0, node: 'client', iface: 'eth0', step: 'egress', packetId: 1, flowId: 1, frame: ipv4Frame(mac('client', 'eth0'), mac('gw', 'eth1'), syn), link: { toNode: 'gw', toIface: 'eth1', arrivalUs: 101 } },
  { timeUs: 101, node: 'gw', iface: 'eth0', step: 'egress', packetId: 1, flowId: 1, changed: ['eth.src', 'eth.dst', 'ip.ttl'], frame: ipv4Frame(mac('gw', 'eth0'), mac('director', 'ens33'), syn), link: { toNode: 'sw', toIface: 'port1', arrivalUs: 202 } },
  { timeUs: 202, node: 'sw', iface: 'port2', step: 'egress', packetId: 1, flowId: 1, frame: ipv4Frame(mac('gw', 'eth0'), mac('director', 'ens33'), syn), link: { toNode: 'director', toIface: 'ens33', arrivalUs: 303 } },
  { timeUs: 250, node: 'nowhere', iface: 'eth9', step: 'egress', packetId: 2, frame: arpFrame('request', mac('gw', 'eth0'), '192.168.122.1', '00:00:00:00:00:00', '192.168.122.188'), link: { toNode: 'sw', toIface: 'port9', arrivalUs: 351 } },
  { timeUs: 303, node: 'director', step: 'drop', packetId: 1, flowId: 1, drop: { reason: 'NO_SOCKET' } },
]);

describe('the trace index', () => {
  const ix = buildTraceIndex(trace, drLab);

  it('puts every egress on the document link it travels, with its direction', () => {
    expect([...ix.seq]).toEqual([1, 2, 3]);
    expect([...ix.link]).toEqual([0, 1, 2]);
    // The switch sends toward director, the link's `a` end: backwards.
    expect([...ix.forward]).toEqual([1, 1, 0]);
    expect([...ix.start]).toEqual([0, 101, 202]);
    expect([...ix.end]).toEqual([101, 202, 303]);
    expect(ix.maxSpan).toBe(101);
  });

  it('marks the MAC rewrite of a hop on every segment of it, through the switch', () => {
    expect([...ix.macChanged]).toEqual([0, 1, 1]);
  });

  it('finds the frames in flight at a time: from egress up to, not including, arrival', () => {
    const at = (t: number) => {
      const out: number[] = [];
      forEachInFlight(ix, t, (f) => out.push(ix.seq[f]!));
      return out;
    };
    expect(at(0)).toEqual([1]);
    expect(at(100)).toEqual([1]);
    expect(at(101)).toEqual([2]);
    expect(at(250)).toEqual([3]);
    expect(at(303)).toEqual([]);
  });

  it('indexes drops and the address that started each flow', () => {
    expect([...ix.dropSeq]).toEqual([5]);
    expect(ix.initiator.get(1)).toBe(parseIpv4Address('12.0.0.12'));
  });

  it('matches a record to its link only on egress', () => {
    const match = linkMatcher(drLab);
    expect(match(trace[3]!)).toEqual({ index: 2, forward: false });
    expect(match(trace[0]!)).toBeUndefined();
    expect(match(trace[4]!)).toBeUndefined();
  });
});
