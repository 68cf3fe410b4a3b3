import { address, defaultRoute, ether, labLink, newNode } from '../build.ts';
import type { LabDocument, LabNode, LocalizedText } from '../document.ts';
import { LAB_VERSION } from '../document.ts';
import { httpdServing, ipvsWith, tcpService } from './common.ts';
import { HAND_BUILT_TITLES } from './titles.ts';

export const VIP = '192.168.122.188';

/** A DR real server as seed 000 §4.5 sets it up: VIP on lo:0, a host route, ARP sysctls. */
export function drRealServer(id: string, ip: string, page: string, sysctls: Readonly<Record<string, number>>, x: number, y: number): LabNode {
  const base = newNode(id, 'realserver', { x, y });
  return {
    ...base,
    interfaces: [...base.interfaces, ether(id, 'ens33')],
    addresses: [address('lo', `${VIP}/32`, 'lo:0'), address('ens33', `${ip}/24`)],
    routes: [defaultRoute('192.168.122.1'), { dst: `${VIP}/32`, dev: 'lo:0' }],
    sysctls,
    ...httpdServing(page),
  };
}

/** The seed's `/etc/sysctl.conf` lines for the real servers. */
export const RS_ARP_SYSCTLS = {
  'net.ipv4.conf.lo.arp_ignore': 1, 'net.ipv4.conf.lo.arp_announce': 2,
  'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2,
};

/** The DR topology: outside client, gateway router, director and two real servers on one LAN. */
export function drTopology(title: LocalizedText, description: LocalizedText, rsSysctls: Readonly<Record<string, number>>, seed: number, requests: number): LabDocument {
  const gw = newNode('gw', 'router', { x: 230, y: 260 });
  const director = newNode('director', 'director', { x: 600, y: 110 });
  const client = newNode('client', 'client', { x: 60, y: 260 });
  return {
    version: LAB_VERSION, title, description, seed,
    nodes: [
      { ...client, interfaces: [...client.interfaces, ether('client', 'eth0')], addresses: [address('eth0', '12.0.0.12/24')], routes: [defaultRoute('12.0.0.1')] },
      { ...gw, interfaces: [...gw.interfaces, ether('gw', 'eth1'), ether('gw', 'eth0')], addresses: [address('eth1', '12.0.0.1/24'), address('eth0', '192.168.122.1/24')] },
      newNode('sw', 'switch', { x: 410, y: 260 }),
      {
        ...director,
        interfaces: [...director.interfaces, ether('director', 'ens33')],
        addresses: [address('ens33', '192.168.122.10/24'), address('ens33', `${VIP}/32`, 'ens33:0')],
        routes: [defaultRoute('192.168.122.1')],
        // Seed 000 §4.5: no forwarding, no redirects.
        sysctls: { 'net.ipv4.ip_forward': 0, 'net.ipv4.conf.all.send_redirects': 0, 'net.ipv4.conf.default.send_redirects': 0, 'net.ipv4.conf.ens33.send_redirects': 0 },
        ipvs: ipvsWith(tcpService(VIP, 'rr', ['192.168.122.100', '192.168.122.101'], 'droute')),
      },
      drRealServer('web1', '192.168.122.100', 'This is test1 web\n', rsSysctls, 600, 300),
      drRealServer('web2', '192.168.122.101', 'This is test2 web\n', rsSysctls, 600, 450),
    ],
    links: [labLink('client:eth0', 'gw:eth1'), labLink('gw:eth0', 'sw'), labLink('director:ens33', 'sw'), labLink('web1:ens33', 'sw'), labLink('web2:ens33', 'sw')],
    scenario: Array.from({ length: requests }, (_, i) => ({ atUs: i * 1_000_000, action: { kind: 'curl' as const, node: 'client', url: `http://${VIP}/` } })),
  };
}

/** LVS-DR as deployed in seed 000 §4.5, with the ARP problem solved. */
export const drLab: LabDocument = drTopology(
  HAND_BUILT_TITLES.dr,
  {
    en: 'Seed 000 §4.5. The director 192.168.122.10 holds the VIP 192.168.122.188 on ens33:0; web1 and web2 hold it on lo:0 with arp_ignore=1 and arp_announce=2. The director forwards the request to a real server by changing only the destination MAC (and TTL); the real server answers the client directly through the gateway, with the VIP as source. The reply never passes the director.',
    zh: '种子文章 000 §4.5。调度器 192.168.122.10 在 ens33:0 上配置 VIP 192.168.122.188；web1、web2 在 lo:0 上配置 VIP，并设置 arp_ignore=1、arp_announce=2。调度器只改写目标 MAC（以及 TTL）就把请求交给真实服务器；真实服务器以 VIP 为源地址，经网关直接回复客户端，响应不经过调度器。',
  },
  RS_ARP_SYSCTLS, 1, 1,
);
