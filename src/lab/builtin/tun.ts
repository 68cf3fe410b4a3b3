import { address, defaultRoute, ether, labLink, newNode } from '../build.ts';
import type { LabDocument, LabNode } from '../document.ts';
import { LAB_VERSION } from '../document.ts';
import { httpdServing, ipvsWith, tcpService } from './common.ts';

const VIP = '10.0.1.188';

function tunRealServer(id: string, net: number, page: string, x: number, y: number): LabNode {
  const base = newNode(id, 'realserver', { x, y });
  return {
    ...base,
    // `modprobe ipip` creates tunl0; the VIP goes on it, and it must be up.
    interfaces: [...base.interfaces, ether(id, 'eth0'), { name: 'tunl0', kind: 'ipip', mtu: 1480, up: true }],
    addresses: [address('eth0', `10.0.${net}.100/24`), address('tunl0', `${VIP}/32`)],
    routes: [defaultRoute(`10.0.${net}.1`)],
    // Decapsulated packets arrive on tunl0 from the client, whose route leaves via eth0: strict
    // rp_filter would drop them (facts §2.3, §5.4).
    sysctls: {
      'net.ipv4.conf.all.rp_filter': 0, 'net.ipv4.conf.tunl0.rp_filter': 0,
      'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2,
    },
    ...httpdServing(page),
  };
}

/** LVS-TUN: real servers in other networks, reached through IP-in-IP. */
export const tunLab: LabDocument = {
  version: LAB_VERSION,
  title: { en: 'LVS-TUN: the request travels inside an IPIP tunnel', zh: 'LVS-TUN：请求在 IPIP 隧道中传输' },
  description: {
    en: 'The director 10.0.1.10 holds the VIP 10.0.1.188; the real servers sit in 10.0.2.0/24 and 10.0.3.0/24 behind router r2. The director wraps the untouched request (TTL − 1) in a new IPv4 header from its own address to the real server (protocol 4); routers forward the outer packet; the real server unwraps it on tunl0, where it holds the VIP, and answers the client directly from the VIP.',
    zh: '调度器 10.0.1.10 持有 VIP 10.0.1.188；真实服务器位于路由器 r2 之后的 10.0.2.0/24 和 10.0.3.0/24。调度器把原封不动的请求（TTL 减 1）封装进一个新的 IPv4 头部，源地址是调度器自己的地址，目标是真实服务器（协议号 4）；路由器转发外层数据包；真实服务器在配置了 VIP 的 tunl0 上解封装，并以 VIP 为源地址直接回复客户端。',
  },
  seed: 1,
  nodes: [
    { ...newNode('client', 'client', { x: 60, y: 260 }), interfaces: [...newNode('client', 'client', { x: 0, y: 0 }).interfaces, ether('client', 'eth0')], addresses: [address('eth0', '12.0.0.12/24')], routes: [defaultRoute('12.0.0.1')] },
    {
      ...newNode('r1', 'router', { x: 230, y: 260 }),
      interfaces: [...newNode('r1', 'router', { x: 0, y: 0 }).interfaces, ether('r1', 'eth0'), ether('r1', 'eth1')],
      addresses: [address('eth0', '12.0.0.1/24'), address('eth1', '10.0.1.1/24')],
      routes: [{ dst: '10.0.2.0/23', via: '10.0.1.2' }],
    },
    newNode('dmz', 'switch', { x: 400, y: 260 }),
    {
      ...newNode('director', 'director', { x: 400, y: 90 }),
      interfaces: [...newNode('director', 'director', { x: 0, y: 0 }).interfaces, ether('director', 'eth0')],
      addresses: [address('eth0', '10.0.1.10/24'), address('eth0', `${VIP}/32`, 'eth0:0')],
      routes: [defaultRoute('10.0.1.1'), { dst: '10.0.2.0/23', via: '10.0.1.2' }],
      ipvs: ipvsWith(tcpService(VIP, 'rr', ['10.0.2.100', '10.0.3.100'], 'tunnel')),
    },
    {
      ...newNode('r2', 'router', { x: 580, y: 260 }),
      interfaces: [...newNode('r2', 'router', { x: 0, y: 0 }).interfaces, ether('r2', 'eth0'), ether('r2', 'eth1'), ether('r2', 'eth2')],
      addresses: [address('eth0', '10.0.1.2/24'), address('eth1', '10.0.2.1/24'), address('eth2', '10.0.3.1/24')],
      routes: [defaultRoute('10.0.1.1')],
    },
    tunRealServer('rs1', 2, 'This is rs1 (tunnel)\n', 780, 150),
    tunRealServer('rs2', 3, 'This is rs2 (tunnel)\n', 780, 380),
  ],
  links: [
    labLink('client:eth0', 'r1:eth0'), labLink('r1:eth1', 'dmz'), labLink('director:eth0', 'dmz'), labLink('r2:eth0', 'dmz'),
    labLink('rs1:eth0', 'r2:eth1'), labLink('rs2:eth0', 'r2:eth2'),
  ],
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: `http://${VIP}/` } }],
};
