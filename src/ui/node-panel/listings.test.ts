import { describe, expect, it } from 'vitest';
import { runLab } from '../inspector/testing/run-lab.ts';
import { connColumns, expireText, ipvsadmList } from './ipvsadm-lines.ts';
import { ipRouteLine, tableLines } from './route-lines.ts';

describe('the listings of the node panel', () => {
  it('prints ipvsadm -Ln exactly as ipvsadm 1.31 does, sorted, with the run\'s counters', async () => {
    const { doc, delta } = await runLab('dr');
    const director = doc.nodes.find((n) => n.id === 'director')!;
    expect(ipvsadmList(director, delta.snapshots.director).join('\n')).toBe([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  192.168.122.188:80 rr',
      '  -> 192.168.122.100:80           Route   1      0          0         ',
      '  -> 192.168.122.101:80           Route   1      0          1         ',
    ].join('\n'));
    const rs = (address: string, port: number, forwardingMethod: 'masq' | 'droute' | 'tunnel', weight: number) =>
      ({ address, port, forwardingMethod, weight, upperThreshold: 0, lowerThreshold: 0 });
    const many = {
      ...director,
      ipvs: {
        ...director.ipvs,
        services: [
          { protocol: 'fwmark' as const, fwmark: 1, scheduler: 'rr', realServers: [rs('192.168.0.21', 0, 'droute', 1)] },
          { protocol: 'udp' as const, address: '192.168.0.100', port: 53, scheduler: 'rr', realServers: [rs('192.168.0.21', 53, 'droute', 1)] },
          { protocol: 'tcp' as const, address: '192.168.0.100', port: 443, scheduler: 'wlc', persistentTimeout: 360, persistentNetmask: '255.255.255.0', realServers: [rs('192.168.0.22', 443, 'tunnel', 0), rs('192.168.0.21', 443, 'droute', 1)] },
          { protocol: 'tcp' as const, address: '192.168.0.100', port: 80, scheduler: 'wrr', realServers: [rs('10.0.0.12', 8080, 'masq', 3), rs('10.0.0.11', 80, 'masq', 4)] },
        ],
      },
    };
    expect(ipvsadmList(many, undefined).slice(3)).toEqual([
      'TCP  192.168.0.100:80 wrr',
      '  -> 10.0.0.11:80                 Masq    4      0          0         ',
      '  -> 10.0.0.12:8080               Masq    3      0          0         ',
      'TCP  192.168.0.100:443 wlc persistent 360 mask 255.255.255.0',
      '  -> 192.168.0.21:443             Route   1      0          0         ',
      '  -> 192.168.0.22:443             Tunnel  0      0          0         ',
      'UDP  192.168.0.100:53 rr',
      '  -> 192.168.0.21:53              Route   1      0          0         ',
      'FWM  1 rr',
      '  -> 192.168.0.21:0               Route   1      0          0         ',
    ]);
  });

  it('prints the connection table and the routes of a real run', async () => {
    const { delta } = await runLab('dr');
    const director = delta.snapshots.director!;
    expect(connColumns(director.connections[0]!)).toMatchObject({ pro: 'TCP', state: 'FIN_WAIT', virtual: '192.168.122.188:80', destination: '192.168.122.101:80' });
    expect(expireText(119_999_697)).toBe('01:59');
    expect(tableLines(director.routes, 'main')).toEqual([
      'default via 192.168.122.1 dev ens33',
      '192.168.122.0/24 dev ens33 proto kernel scope link src 192.168.122.10',
    ]);
    expect(tableLines(director.routes, 'local')).toContain('local 192.168.122.188 dev ens33 proto kernel scope host src 192.168.122.188');
    expect(ipRouteLine({ table: 'main', type: 'blackhole', dst: '10.0.0.0', prefixLength: 8, metric: 5, scope: 'global', proto: 'boot' })).toBe('blackhole 10.0.0.0/8 metric 5');
    expect(ipRouteLine({ table: 'main', type: 'unicast', dst: '0.0.0.0', prefixLength: 0, via: '10.0.2.1', dev: 'eth0', metric: 0, scope: 'global', proto: 'boot', mtu: 1400, mtuLocked: true, advmss: 1300 }))
      .toBe('default via 10.0.2.1 dev eth0 mtu lock 1400 advmss 1300');
  });
});
