import { address, defaultRoute, ether, labLink, newNode } from '../build.ts';
import type { LabDocument, LabNode } from '../document.ts';
import { LAB_VERSION } from '../document.ts';
import { httpdServing } from './common.ts';

const server = (i: number, x: number, y: number): LabNode => {
  const base = newNode(`web${i}`, 'host', { x, y });
  return {
    ...base,
    interfaces: [...base.interfaces, ether(`web${i}`, 'eth0')],
    addresses: [address('eth0', `192.168.1.${100 + i}/24`)],
    routes: [defaultRoute('192.168.1.1')],
    ...httpdServing(`This is web${i}\n`),
  };
};

/** Plain routing, no IPVS: how ARP and a router move a request across two networks. */
export const routedLab: LabDocument = {
  version: LAB_VERSION,
  title: { en: 'Routing basics: a client, a router and three web servers', zh: '路由基础：一台客户端、一台路由器和三台 Web 服务器' },
  description: {
    en: 'No load balancing yet: the client 12.0.0.88 fetches the page of web2 (192.168.1.102) across the router r1. Watch ARP resolve the gateway, then the router resolve web2, and the MAC addresses change at every hop while the IP addresses stay the same (TTL − 1 at the router).',
    zh: '这里还没有负载均衡：客户端 12.0.0.88 经路由器 r1 访问 web2（192.168.1.102）的网页。观察 ARP 先解析网关、再由路由器解析 web2，以及 MAC 地址在每一跳都改变而 IP 地址保持不变（路由器处 TTL 减 1）。',
  },
  seed: 1,
  nodes: [
    { ...newNode('client', 'client', { x: 60, y: 260 }), interfaces: [...newNode('client', 'client', { x: 0, y: 0 }).interfaces, ether('client', 'eth0')], addresses: [address('eth0', '12.0.0.88/24')], routes: [defaultRoute('12.0.0.1')] },
    {
      ...newNode('r1', 'router', { x: 260, y: 260 }),
      interfaces: [...newNode('r1', 'router', { x: 0, y: 0 }).interfaces, ether('r1', 'eth1'), ether('r1', 'eth0')],
      addresses: [address('eth1', '12.0.0.1/24'), address('eth0', '192.168.1.1/24')],
    },
    newNode('sw', 'switch', { x: 460, y: 260 }),
    server(1, 680, 120), server(2, 680, 260), server(3, 680, 400),
  ],
  links: [labLink('client:eth0', 'r1:eth1'), labLink('r1:eth0', 'sw'), labLink('web1:eth0', 'sw'), labLink('web2:eth0', 'sw'), labLink('web3:eth0', 'sw')],
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: 'http://192.168.1.102/' } }],
};
