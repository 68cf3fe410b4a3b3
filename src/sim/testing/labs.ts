import { hostConfig, link, network, switchConfig } from './build.ts';
import type { NetworkConfig } from '../model/config.ts';

/** client — r1 — sw — web1, web2, web3 */
export function routedLab(): NetworkConfig {
  return network([
    hostConfig('client', { ifaces: { eth0: { mac: '02:00:00:00:00:01', addrs: ['12.0.0.88/24'] } }, routes: [{ dst: 'default', via: '12.0.0.1' }] }),
    hostConfig('r1', { kind: 'router', ifaces: { eth1: { mac: '02:00:00:00:01:01', addrs: ['12.0.0.1/24'] }, eth0: { mac: '02:00:00:00:01:00', addrs: ['192.168.1.1/24'] } } }),
    switchConfig('sw'),
    ...[1, 2, 3].map((i) => hostConfig(`web${i}`, {
      ifaces: { eth0: { mac: `02:00:00:00:02:0${i}`, addrs: [`192.168.1.${100 + i}/24`] } },
      routes: [{ dst: 'default', via: '192.168.1.1' }],
      httpd: `This is web${i}\n`,
    })),
  ], [link('client:eth0', 'r1:eth1'), link('r1:eth0', 'sw'), link('web1:eth0', 'sw'), link('web2:eth0', 'sw'), link('web3:eth0', 'sw')]);
}


/**
 * A DR-style LAN: router r (192.168.122.1, eth1 toward an outside client 12.0.0.88), director d
 * (192.168.122.10, VIP 192.168.122.188 as eth0:0) and real server rs (192.168.122.100, VIP on
 * lo:0). The real server's link is shorter, so when it answers an ARP request it answers first.
 */
export function arpLab(rsSysctls: Readonly<Record<string, number>>): NetworkConfig {
  return network([
    hostConfig('client', { ifaces: { eth0: { mac: '02:00:00:00:00:88', addrs: ['12.0.0.88/24'] } }, routes: [{ dst: 'default', via: '12.0.0.1' }] }),
    hostConfig('r', { kind: 'router', ifaces: { eth0: { mac: '02:00:00:00:01:00', addrs: ['192.168.122.1/24'] }, eth1: { mac: '02:00:00:00:01:01', addrs: ['12.0.0.1/24'] } } }),
    switchConfig('sw'),
    hostConfig('d', { ifaces: { eth0: { mac: '02:00:00:00:00:10', addrs: ['192.168.122.10/24', 'eth0:0 192.168.122.188/32'] } }, routes: [{ dst: 'default', via: '192.168.122.1' }] }),
    hostConfig('rs', {
      ifaces: { lo: { addrs: ['lo:0 192.168.122.188/32'] }, eth0: { mac: '02:00:00:00:01:64', addrs: ['192.168.122.100/24'] } },
      routes: [{ dst: 'default', via: '192.168.122.1' }],
      sysctls: rsSysctls,
    }),
  ], [link('client:eth0', 'r:eth1'), link('r:eth0', 'sw', 50), link('rs:eth0', 'sw', 50), link('d:eth0', 'sw', 200)]);
}
