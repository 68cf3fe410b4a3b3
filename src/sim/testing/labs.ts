import { hostConfig, link, network, switchConfig } from './build.ts';
import type { NetworkConfig, NodeConfig } from '../model/config.ts';

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


/** c (10.0.0.1) and s (10.0.0.2, httpd serving "hello"), one switch between them; `serverUp` false takes s's interface down. */
export function pairLab(serverUp = true): NetworkConfig {
  return network([
    switchConfig('sw'),
    hostConfig('c', { ifaces: { eth0: { mac: '02:00:00:00:00:01', addrs: ['10.0.0.1/24'] } } }),
    hostConfig('s', { ifaces: { eth0: { mac: '02:00:00:00:00:02', addrs: ['10.0.0.2/24'], up: serverUp } }, httpd: 'hello\n' }),
  ], [link('c:eth0', 'sw'), link('s:eth0', 'sw')]);
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

const IPVS_SERVICE = (address: string, scheduler: string, servers: [string, 'masq' | 'droute' | 'tunnel', number][]) => ({
  loaded: true,
  services: [{ protocol: 'tcp' as const, address, port: 80, scheduler, realServers: servers.map(([a, m, w]) => ({ address: a, port: 80, forwardingMethod: m, weight: w, upperThreshold: 0, lowerThreshold: 0 })) }],
  timeouts: { tcp: 900, tcpfin: 120, udp: 300 },
});

/** Seed 000 §4.5 DR: gateway r between the client and the LAN, director, two real servers. */
export function drLab(scheduler = 'rr', rsSysctls: Readonly<Record<string, number>> = { 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2 }): NetworkConfig {
  const rs = (id: string, ip: string, mac: string, page: string) => hostConfig(id, {
    ifaces: { lo: { addrs: ['lo:0 192.168.122.188/32'] }, ens33: { mac, addrs: [`${ip}/24`] } },
    routes: [{ dst: 'default', via: '192.168.122.1' }, { dst: '192.168.122.188/32', dev: 'lo:0' }],
    sysctls: rsSysctls,
    httpd: page,
  });
  return network([
    hostConfig('client', { ifaces: { eth0: { mac: '02:00:00:00:00:88', addrs: ['12.0.0.12/24'] } }, routes: [{ dst: 'default', via: '12.0.0.1' }] }),
    hostConfig('gw', { kind: 'router', ifaces: { eth1: { mac: '02:00:00:00:01:01', addrs: ['12.0.0.1/24'] }, eth0: { mac: '02:00:00:00:01:00', addrs: ['192.168.122.1/24'] } } }),
    switchConfig('sw'),
    hostConfig('director', {
      ifaces: { ens33: { mac: '00:0c:29:59:be:be', addrs: ['192.168.122.10/24', 'ens33:0 192.168.122.188/32'] } },
      routes: [{ dst: 'default', via: '192.168.122.1' }],
      sysctls: { 'net.ipv4.conf.all.send_redirects': 0, 'net.ipv4.conf.default.send_redirects': 0, 'net.ipv4.conf.ens33.send_redirects': 0 },
      extra: { ipvs: IPVS_SERVICE('192.168.122.188', scheduler, [['192.168.122.100', 'droute', 1], ['192.168.122.101', 'droute', 1]]) },
    }),
    rs('web1', '192.168.122.100', '00:0c:29:00:01:00', 'This is test1 web\n'),
    rs('web2', '192.168.122.101', '00:0c:29:00:01:01', 'This is test2 web\n'),
  ], [link('client:eth0', 'gw:eth1'), link('gw:eth0', 'sw'), link('director:ens33', 'sw'), link('web1:ens33', 'sw'), link('web2:ens33', 'sw')]);
}

/** Seed 000 §3.2 NAT: client 12.0.0.88 — director ens36 12.0.0.10 / ens33 192.168.2.10 — web1/web2. */
export function natLab(scheduler = 'rr'): NetworkConfig {
  const web = (id: string, ip: string, mac: string, page: string) => hostConfig(id, {
    ifaces: { ens33: { mac, addrs: [`${ip}/24`] } }, routes: [{ dst: 'default', via: '192.168.2.10' }], httpd: page,
  });
  const director = hostConfig('director', {
    ifaces: { ens33: { mac: '00:0c:29:0a:00:33', addrs: ['192.168.2.10/24'] }, ens36: { mac: '00:0c:29:0a:00:36', addrs: ['12.0.0.10/24'] } },
    sysctls: { 'net.ipv4.ip_forward': 1 },
    extra: { ipvs: IPVS_SERVICE('12.0.0.10', scheduler, [['192.168.2.100', 'masq', 1], ['192.168.2.101', 'masq', 1]]) },
  });
  return network([
    hostConfig('client', { ifaces: { eth0: { mac: '02:00:00:00:00:88', addrs: ['12.0.0.88/24'] } }, routes: [{ dst: 'default', via: '12.0.0.10' }] }),
    switchConfig('sw-out'),
    { ...director, iptables: { ...director.iptables, nat: { ...director.iptables.nat, POSTROUTING: [{ source: '192.168.2.0/24', outInterface: 'ens36', target: { kind: 'SNAT', toSource: '12.0.0.10' } }] } } },
    switchConfig('sw-in'),
    web('web1', '192.168.2.100', '00:0c:29:02:00:64', 'This is test1 web\n'),
    web('web2', '192.168.2.101', '00:0c:29:02:00:65', 'This is test2 web\n'),
  ], [link('client:eth0', 'sw-out'), link('director:ens36', 'sw-out'), link('director:ens33', 'sw-in'), link('web1:ens33', 'sw-in'), link('web2:ens33', 'sw-in')]);
}

/** TUN: the director and two real servers in three networks behind one router; tunl0 holds the VIP. */
export function tunLab(scheduler = 'rr'): NetworkConfig {
  const rs = (id: string, net: number, mac: string, page: string) => hostConfig(id, {
    ifaces: { eth0: { mac, addrs: [`10.0.${net}.100/24`] }, tunl0: { addrs: ['10.0.1.188/32'] } },
    routes: [{ dst: 'default', via: `10.0.${net}.1` }],
    sysctls: { 'net.ipv4.conf.all.rp_filter': 0, 'net.ipv4.conf.tunl0.rp_filter': 0, 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2 },
    httpd: page,
  });
  return network([
    hostConfig('client', { ifaces: { eth0: { mac: '02:00:00:00:00:88', addrs: ['12.0.0.12/24'] } }, routes: [{ dst: 'default', via: '12.0.0.1' }] }),
    hostConfig('r1', { kind: 'router', ifaces: {
      eth0: { mac: '02:00:00:00:01:00', addrs: ['12.0.0.1/24'] }, eth1: { mac: '02:00:00:00:01:01', addrs: ['10.0.1.1/24'] },
      eth2: { mac: '02:00:00:00:01:02', addrs: ['10.0.2.1/24'] }, eth3: { mac: '02:00:00:00:01:03', addrs: ['10.0.3.1/24'] },
    } }),
    hostConfig('director', {
      ifaces: { eth0: { mac: '00:0c:29:01:00:0a', addrs: ['10.0.1.10/24', 'eth0:0 10.0.1.188/32'] } },
      routes: [{ dst: 'default', via: '10.0.1.1' }],
      extra: { ipvs: IPVS_SERVICE('10.0.1.188', scheduler, [['10.0.2.100', 'tunnel', 1], ['10.0.3.100', 'tunnel', 1]]) },
    }),
    rs('rs1', 2, '00:0c:29:02:00:64', 'This is rs1 (tunnel)\n'),
    rs('rs2', 3, '00:0c:29:03:00:64', 'This is rs2 (tunnel)\n'),
  ], [link('client:eth0', 'r1:eth0'), link('director:eth0', 'r1:eth1'), link('rs1:eth0', 'r1:eth2'), link('rs2:eth0', 'r1:eth3')]);
}

/** `lab` with its director (the node `director`) edited by `edit`. */
export function editDirector(lab: NetworkConfig, edit: (n: NodeConfig) => NodeConfig): NetworkConfig {
  return { ...lab, nodes: lab.nodes.map((n) => (n.id === 'director' ? edit(n) : n)) };
}
