import type { LabDocument } from '../document.ts';
import { natLab } from './nat.ts';
import { HAND_BUILT_TITLES } from './titles.ts';

/**
 * The NAT lab's director behind a common stateful firewall: FORWARD keeps only RELATED and
 * ESTABLISHED packets. IPVS drops the requests' conntrack entries (ip_vs_notrack, with
 * net.ipv4.vs.conntrack=0), so the real servers' SYN/ACKs reach filter FORWARD (priority 0,
 * before ip_vs_out_hook at 100) as packets conntrack never saw open: INVALID, dropped.
 */
export const natFirewallLab: LabDocument = {
  ...natLab,
  title: HAND_BUILT_TITLES['nat-firewall'],
  description: {
    en: 'The NAT lab\'s director with a common stateful firewall: iptables -P FORWARD DROP; iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT. The requests get through, since IPVS takes them at INPUT. But IPVS removes the requests\' connection-tracking entries (net.ipv4.vs.conntrack=0), so the real server\'s SYN/ACK reaches the FORWARD chain as a packet conntrack never saw open: INVALID, and the policy drops it. filter FORWARD sees it before IPVS rewrites it (priority 0, IPVS 100). The client\'s curl times out. To fix it, set sysctl -w net.ipv4.vs.conntrack=1 on the director (IPVS keeps the entries and the replies are ESTABLISHED), or accept the replies from the real servers\' subnet.',
    zh: '本实验在 NAT 实验的调度器上加了一个常见的状态防火墙：iptables -P FORWARD DROP；iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT。请求能通过，因为 IPVS 在 INPUT 链接管了它们。但 IPVS 会删除请求的连接跟踪表项（net.ipv4.vs.conntrack=0），于是真实服务器的 SYN/ACK 到达 FORWARD 链时，连接跟踪从未见过这个连接的建立：状态为 INVALID，被默认策略丢弃。filter FORWARD 在 IPVS 改写它之前就看到了它（优先级 0，IPVS 为 100）。客户端的 curl 超时。修复方法：在调度器上执行 sysctl -w net.ipv4.vs.conntrack=1（IPVS 保留表项，响应即为 ESTABLISHED），或放行来自真实服务器网段的响应。',
  },
  nodes: natLab.nodes.map((n) => (n.id !== 'director' ? n : {
    ...n,
    iptables: {
      ...n.iptables,
      filter: {
        INPUT: [],
        FORWARD: [{ ctstate: { module: 'conntrack', states: ['RELATED', 'ESTABLISHED'] }, target: { kind: 'ACCEPT' } }],
        OUTPUT: [],
        policy: { FORWARD: 'DROP' },
      },
    },
  })),
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: 'http://12.0.0.10/', maxTimeSec: 3 } }],
};
