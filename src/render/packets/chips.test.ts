import { describe, expect, it } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { tunLab } from '../../lab/builtin/tun.ts';
import { macFor } from '../../lab/mac.ts';
import { roleNames } from '../../lab/roles.ts';
import { parseIpv4Address } from '../../wire/ipv4-address.ts';
import { arpFrame, ipipPacket, ipv4Frame, records, tcpPacket } from '../testing/trace.ts';
import { frameChips, macName, packetKind, type ChipText } from './chips.ts';

const text: ChipText = { whoHas: (ip) => `who-has ${ip}`, tell: (ip) => `tell ${ip}`, isAt: (ip, mac) => `${ip} is-at ${mac}` };
const mac = (node: string, iface: string) => macFor(node, iface);
const client = new Map([[1, parseIpv4Address('12.0.0.12')!]]);
const cells = (chips: ReturnType<typeof frameChips>) => chips.map((c) => `${c.fill}:${c.cells.join('|')}`);

describe('header chips', () => {
  const dr = roleNames(drLab);

  it('show the DR director hop as in the seed diagram: addresses kept, MACs rewritten', () => {
    const [r] = records([{
      timeUs: 0, node: 'director', iface: 'ens33', step: 'egress', flowId: 1, changed: ['eth.src', 'eth.dst', 'ip.ttl'],
      frame: ipv4Frame(mac('director', 'ens33'), mac('web2', 'ens33'), tcpPacket('12.0.0.12', '192.168.122.188', 63)),
    }]);
    expect(packetKind(r!, client)).toBe('request');
    expect(cells(frameChips(r!, client, true, dr, text))).toEqual(['request:CIP|VIP', 'mac:DIPmac|RIP2mac']);
    expect(cells(frameChips(r!, client, false, dr, text))).toEqual(['request:CIP|VIP']);
  });

  it('call a frame toward the flow\'s initiator a reply', () => {
    const [r] = records([{
      timeUs: 0, node: 'web2', iface: 'ens33', step: 'egress', flowId: 1,
      frame: ipv4Frame(mac('web2', 'ens33'), mac('gw', 'eth0'), tcpPacket('192.168.122.188', '12.0.0.12')),
    }]);
    expect(packetKind(r!, client)).toBe('reply');
    expect(cells(frameChips(r!, client, false, dr, text))).toEqual(['reply:VIP|CIP']);
  });

  it('put the outer header of a tunnelled frame above the inner one', () => {
    const tun = roleNames(tunLab);
    const inner = tcpPacket('12.0.0.12', '10.0.1.188', 63);
    const [r] = records([{
      timeUs: 0, node: 'director', iface: 'eth0', step: 'egress', flowId: 1, changed: ['eth.src', 'eth.dst'],
      frame: ipv4Frame(mac('director', 'eth0'), mac('r2', 'eth0'), ipipPacket('10.0.1.10', '10.0.3.100', inner)),
    }]);
    expect(packetKind(r!, client)).toBe('tunnel');
    expect(cells(frameChips(r!, client, true, tun, text))).toEqual(['tunnel:DIP|RIP2', 'request:CIP|VIP', 'mac:DIPmac|GW3mac']);
  });

  it('say what an ARP frame asks or answers', () => {
    const [req, rep] = records([
      { timeUs: 0, node: 'gw', iface: 'eth0', step: 'egress', frame: arpFrame('request', mac('gw', 'eth0'), '192.168.122.1', '00:00:00:00:00:00', '192.168.122.188') },
      { timeUs: 1, node: 'web1', iface: 'ens33', step: 'egress', frame: arpFrame('reply', mac('web1', 'ens33'), '192.168.122.188', mac('gw', 'eth0'), '192.168.122.1') },
    ]);
    expect(packetKind(req!, client)).toBe('arp');
    expect(cells(frameChips(req!, client, false, dr, text))).toEqual(['arp:who-has VIP|tell GW2']);
    expect(cells(frameChips(rep!, client, false, dr, text))).toEqual(['arp:VIP is-at RIP1mac']);
  });

  it('fall back to the address itself when it has no role', () => {
    const [r] = records([{ timeUs: 0, node: 'x', iface: 'eth0', step: 'egress', frame: ipv4Frame('02:00:00:00:00:01', '02:00:00:00:00:02', tcpPacket('10.9.9.9', '10.9.9.8')) }]);
    expect(cells(frameChips(r!, new Map(), true, dr, text))).toEqual(['request:10.9.9.9|10.9.9.8', 'mac:…00:00:01|…00:00:02']);
    expect(macName(dr, 'ff:ff:ff:ff:ff:ff')).toBe('ff:ff:ff:ff:ff:ff');
  });
});
