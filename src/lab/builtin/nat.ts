import { address, defaultRoute, ether, labLink, newNode, EMPTY_IPTABLES } from '../build.ts';
import type { LabDocument, LabNode } from '../document.ts';
import { LAB_VERSION } from '../document.ts';
import { httpdServing, ipvsWith, tcpService } from './common.ts';
import { HAND_BUILT_TITLES } from './titles.ts';

const web = (id: string, ip: string, page: string, x: number, y: number): LabNode => ({
  ...newNode(id, 'realserver', { x, y }),
  interfaces: [...newNode(id, 'realserver', { x, y }).interfaces, ether(id, 'ens33')],
  addresses: [address('ens33', `${ip}/24`)],
  routes: [defaultRoute('192.168.2.10')],
  ...httpdServing(page),
});

/** LVS-NAT as deployed in seed 000 §3.2. */
export const natLab: LabDocument = {
  version: LAB_VERSION,
  title: HAND_BUILT_TITLES.nat,
  description: {
    en: 'Seed 000 §3.2. The client 12.0.0.88 asks the VIP 12.0.0.10:80. The director (ip_forward=1) changes the destination to a real server on the way in (at INPUT, where IPVS sits) and the source back to the VIP on the way out (at FORWARD): both directions pass through it. The web servers use the director as their default gateway. Scheduler rr.',
    zh: '种子文章 000 §3.2。客户端 12.0.0.88 访问 VIP 12.0.0.10:80。调度器（ip_forward=1）在请求进入时（在 IPVS 所在的 INPUT 链）把目标地址改成真实服务器，在响应返回时（在 FORWARD 链）把源地址改回 VIP：两个方向都经过调度器。Web 服务器的默认网关指向调度器。调度算法 rr。',
  },
  seed: 1,
  nodes: [
    { ...newNode('client', 'client', { x: 80, y: 260 }), interfaces: [...newNode('client', 'client', { x: 0, y: 0 }).interfaces, ether('client', 'eth0')], addresses: [address('eth0', '12.0.0.88/24')], routes: [defaultRoute('12.0.0.10')] },
    newNode('sw-out', 'switch', { x: 250, y: 260 }),
    {
      ...newNode('director', 'director', { x: 430, y: 260 }),
      interfaces: [...newNode('director', 'director', { x: 0, y: 0 }).interfaces, ether('director', 'ens33'), ether('director', 'ens36')],
      addresses: [address('ens33', '192.168.2.10/24'), address('ens36', '12.0.0.10/24')],
      sysctls: { 'net.ipv4.ip_forward': 1 },
      iptables: { ...EMPTY_IPTABLES, nat: { ...EMPTY_IPTABLES.nat, POSTROUTING: [{ source: '192.168.2.0/24', outInterface: 'ens36', target: { kind: 'SNAT', toSource: '12.0.0.10' } }] } },
      ipvs: ipvsWith(tcpService('12.0.0.10', 'rr', ['192.168.2.100', '192.168.2.101'], 'masq')),
    },
    newNode('sw-in', 'switch', { x: 610, y: 260 }),
    web('web1', '192.168.2.100', 'This is test1 web\n', 790, 160),
    web('web2', '192.168.2.101', 'This is test2 web\n', 790, 360),
  ],
  links: [
    labLink('client:eth0', 'sw-out'), labLink('director:ens36', 'sw-out'),
    labLink('director:ens33', 'sw-in'), labLink('web1:ens33', 'sw-in'), labLink('web2:ens33', 'sw-in'),
  ],
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: 'http://12.0.0.10/' } }],
};
