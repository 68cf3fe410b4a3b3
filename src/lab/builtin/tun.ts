import { address, defaultRoute, ether, labLink, newNode } from '../build.ts';
import type { LabDocument, LabNode } from '../document.ts';
import { LAB_VERSION } from '../document.ts';
import { httpdServing, ipvsWith, tcpService } from './common.ts';
import { HAND_BUILT_TITLES } from './titles.ts';

export const VIP = '10.0.1.188';

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
  title: HAND_BUILT_TITLES.tun,
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

/** A GET whose query string fills a whole segment: its first packet is 1500 bytes with DF. */
const LONG_URL = `http://${VIP}/?q=${'x'.repeat(1500)}`;

/**
 * The TUN lab with a full-sized request: the 20 bytes of the IPIP header do not fit, and path
 * MTU discovery recovers (ip_vs_tunnel_xmit, tcp_v4_mtu_reduced).
 */
export const tunMtuLab: LabDocument = {
  ...tunLab,
  title: HAND_BUILT_TITLES['tun-mtu'],
  description: {
    en: 'The TUN lab with a request that fills a whole segment: a GET with a long query string. The client sends a 1500-byte packet with DF (1460 bytes of data). Wrapped in the 20-byte IPIP header it would be 1520 bytes, more than the director\'s eth0 carries, so the director refuses it (ip_vs_tunnel_xmit) and sends the client ICMP "fragmentation needed, mtu 1480" from the VIP. The client\'s kernel records the path MTU 1480 for the VIP (ip route get 10.0.1.188 on the client shows "cache expires … mtu 1480"), lowers its MSS from 1460 to 1440 and sends the refused data again at once as 1440 + 20 bytes; the real server keeps the part that arrived first in its out-of-order queue until the gap is filled. The second curl, a second later, starts with MSS 1440 and meets no error. If a firewall dropped that ICMP message, the connection would hang instead: LVS-TUN needs ICMP to reach the clients, or real servers that announce an MSS small enough for the tunnel (on rs1: ip route replace default via 10.0.2.1 dev eth0 advmss 1440; on rs2 via 10.0.3.1). With net.ipv4.vs.pmtu_disc=0 on the director, DF is not copied to the outer header and the director sends the IPIP packet as two fragments instead.',
    zh: '在 TUN 实验的基础上发送一个占满整个分段的请求：带长查询串的 GET。客户端发出 1500 字节、设置了 DF 的数据包（数据 1460 字节）。加上 20 字节的 IPIP 头部后将是 1520 字节，超过调度器 eth0 的承载能力，于是调度器拒绝发送（ip_vs_tunnel_xmit），并以 VIP 为源地址向客户端发送 ICMP“需要分片，mtu 1480”。客户端内核为 VIP 记下路径 MTU 1480（在客户端执行 ip route get 10.0.1.188 可见“cache expires … mtu 1480”），把 MSS 从 1460 降到 1440，并立即把被拒的数据重新发送为 1440 + 20 字节；真实服务器把先到的那部分放在乱序队列中，直到空缺被填上。一秒后的第二次 curl 一开始就使用 MSS 1440，不再出错。如果防火墙丢弃了这条 ICMP 消息，连接就会卡住：LVS-TUN 需要 ICMP 能到达客户端，或者真实服务器通告一个足够小、能容下隧道头部的 MSS（在 rs1 上执行 ip route replace default via 10.0.2.1 dev eth0 advmss 1440；rs2 上网关为 10.0.3.1）。若在调度器上设置 net.ipv4.vs.pmtu_disc=0，外层头部不复制 DF，调度器改为把 IPIP 数据包分成两个分片发送。',
  },
  scenario: [
    { atUs: 0, action: { kind: 'curl', node: 'client', url: LONG_URL } },
    { atUs: 1_000_000, action: { kind: 'curl', node: 'client', url: LONG_URL } },
  ],
};
