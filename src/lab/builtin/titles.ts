import type { LocalizedText } from '../document.ts';

/**
 * The hand-built labs' titles, in menu order, apart from their documents: the lab menu lists every
 * lab while the page holds only the document of the one it opens first (see `menu.ts`).
 */
export const HAND_BUILT_TITLES = {
  nat: { en: 'LVS-NAT: the director rewrites addresses both ways', zh: 'LVS-NAT：调度器双向改写地址' },
  dr: { en: 'LVS-DR: only the MAC addresses change at the director', zh: 'LVS-DR：调度器只改写 MAC 地址' },
  tun: { en: 'LVS-TUN: the request travels inside an IPIP tunnel', zh: 'LVS-TUN：请求在 IPIP 隧道中传输' },
  'tun-mtu': { en: 'LVS-TUN: a full-sized request and the tunnel\'s 20 bytes (path MTU)', zh: 'LVS-TUN：满长请求与隧道多出的 20 字节（路径 MTU）' },
  'dr-arp-ignore': { en: 'DR ARP problem 1: real servers answer ARP for the VIP (arp_ignore=0)', zh: 'DR 的 ARP 问题 1：真实服务器响应 VIP 的 ARP 请求（arp_ignore=0）' },
  'dr-arp-announce': { en: 'DR ARP problem 2: a real server announces the VIP (arp_announce=0)', zh: 'DR 的 ARP 问题 2：真实服务器通告了 VIP（arp_announce=0）' },
  'nat-firewall': { en: 'LVS-NAT behind a stateful firewall: the replies are INVALID (net.ipv4.vs.conntrack)', zh: 'LVS-NAT 遇上状态防火墙：响应被判为 INVALID（net.ipv4.vs.conntrack）' },
  'dr-no-vip': { en: 'DR misconfigured: a real server without the VIP', zh: 'DR 配置错误：真实服务器上没有 VIP' },
  'tun-rp-filter': { en: 'TUN misconfigured: rp_filter=1 on "all" drops the unwrapped request', zh: 'TUN 配置错误：all 上的 rp_filter=1 丢弃解封装后的请求' },
  'nat-gateway': { en: 'NAT misconfigured: a real server\'s gateway is not the director', zh: 'NAT 配置错误：真实服务器的网关不是调度器' },
  'nat-no-forward': { en: 'NAT misconfigured: ip_forward=0 on the director', zh: 'NAT 配置错误：调度器上 ip_forward=0' },
  'dr-director-gateway': { en: 'DR misconfigured: the director is the real servers\' gateway', zh: 'DR 配置错误：调度器是真实服务器的网关' },
  'tun-tunl0-down': { en: 'TUN misconfigured: tunl0 is down', zh: 'TUN 配置错误：tunl0 未启用' },
} as const satisfies Readonly<Record<string, LocalizedText>>;
