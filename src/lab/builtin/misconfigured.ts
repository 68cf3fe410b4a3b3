// Three classic misconfigurations of an LVS cluster, each one setting away from a working lab
// (the labs in nat.ts, dr.ts and tun.ts), so the difference is the lesson.
import { address, defaultRoute, ether, labLink, newNode } from '../build.ts';
import type { LabDocument } from '../document.ts';
import { drLab, VIP as DR_VIP } from './dr.ts';
import { natLab } from './nat.ts';
import { HAND_BUILT_TITLES } from './titles.ts';
import { tunLab, VIP as TUN_VIP } from './tun.ts';

/**
 * TUN with strict rp_filter left on `all`: rp_filter is max(all, iface) (IN_DEV_MAXCONF), so
 * tunl0's 0 does not help; the unwrapped request arrives on tunl0 from the client, whose route
 * leaves by eth0, and fib_validate_source drops it (facts §2.3, §5.4).
 */
export const tunRpFilterLab: LabDocument = {
  ...tunLab,
  title: HAND_BUILT_TITLES['tun-rp-filter'],
  description: {
    en: `The TUN lab with the real servers' net.ipv4.conf.all.rp_filter=1 (strict reverse-path filtering, as hardening guides and some distributions set it); tunl0's rp_filter is 0, as many tutorials say to set it. The director wraps the request as before and the real server unwraps it on tunl0. But the unwrapped packet comes from the client 12.0.0.12, and the route back to the client leaves by eth0, not tunl0: strict rp_filter drops it (the drop says rp_filter). Linux uses the larger of "all" and the interface's value, so tunl0=0 does not help while all=1. Nothing answers; the client sends its SYN again after 1 and 3 seconds and curl gives up after 5. To fix it, set rp_filter to 0 or 2 on the real servers' "all" as well (sysctl -w net.ipv4.conf.all.rp_filter=0) and replay.`,
    zh: `本实验在 TUN 实验的基础上，把真实服务器的 net.ipv4.conf.all.rp_filter 设为 1（严格反向路径过滤，一些加固指南和发行版会这样设置）；tunl0 的 rp_filter 为 0，正如许多教程所说。调度器照常封装请求，真实服务器在 tunl0 上解封装。但解封装后的数据包来自客户端 12.0.0.12，而回到客户端的路由经 eth0 而不是 tunl0 出去：严格模式的 rp_filter 把它丢弃（丢弃原因写着 rp_filter）。Linux 取 all 与网卡自身取值中较大的那个，所以只要 all=1，tunl0=0 就无济于事。没有任何回应；客户端在 1 秒和 3 秒后重发 SYN，curl 在 5 秒后放弃。修复方法：把真实服务器 all 上的 rp_filter 也设为 0 或 2（sysctl -w net.ipv4.conf.all.rp_filter=0），然后重放。`,
  },
  nodes: tunLab.nodes.map((n) => (n.role !== 'realserver' ? n : {
    ...n,
    sysctls: { ...n.sysctls, 'net.ipv4.conf.all.rp_filter': 1, 'net.ipv4.conf.tunl0.rp_filter': 0 },
  })),
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: `http://${TUN_VIP}/`, maxTimeSec: 5 } }],
};

/**
 * DR with one real server that does not hold the VIP: the frame reaches its MAC, but the
 * destination is not a local address and ip_forward is 0, so ip_route_input_slow gives
 * EHOSTUNREACH and ip_error drops it without an ICMP message (IP_INADDRERRORS).
 */
export const drNoVipLab: LabDocument = {
  ...drLab,
  title: HAND_BUILT_TITLES['dr-no-vip'],
  description: {
    en: `The DR lab, but web2 was never given the VIP: the lines that put ${DR_VIP} on lo:0 were forgotten there. The director does not know: it schedules round-robin and forwards every second request to web2's MAC, with the destination ${DR_VIP} untouched, as DR does. web2 accepts the frame, which is addressed to its MAC, but ${DR_VIP} is not one of its addresses and it does not forward (ip_forward=0): it drops the packet, without an ICMP message. web1 answers; the requests sent to web2 time out (curl -m 3). ipvsadm -Ln on the director still lists web2 as a real server: IPVS has no way to tell. To fix it, on web2: ifconfig lo:0 ${DR_VIP} netmask 255.255.255.255 up (or ip addr add ${DR_VIP}/32 dev lo label lo:0), then replay.`,
    zh: `本实验是 DR 实验，但 web2 上从未配置 VIP：把 ${DR_VIP} 配到 lo:0 上的那几行命令在它上面漏掉了。调度器并不知情：它按轮询调度，每隔一个请求就转发到 web2 的 MAC，目标地址仍是 ${DR_VIP}，DR 模式就是这样。web2 收下了这个发给自己 MAC 的帧，但 ${DR_VIP} 不是它的地址，而它又不转发（ip_forward=0）：它丢弃该数据包，不发 ICMP 消息。web1 正常回应；发往 web2 的请求超时（curl -m 3）。调度器上的 ipvsadm -Ln 仍把 web2 列为真实服务器：IPVS 无从知晓。修复方法：在 web2 上执行 ifconfig lo:0 ${DR_VIP} netmask 255.255.255.255 up（或 ip addr add ${DR_VIP}/32 dev lo label lo:0），然后重放。`,
  },
  nodes: drLab.nodes.map((n) => (n.id !== 'web2' ? n : {
    ...n,
    addresses: n.addresses.filter((a) => a.address !== DR_VIP),
    routes: n.routes.filter((r) => r.dst !== `${DR_VIP}/32`),
  })),
  scenario: [0, 1, 2, 3].map((i) => ({ atUs: i * 4_000_000, action: { kind: 'curl' as const, node: 'client', url: `http://${DR_VIP}/`, maxTimeSec: 3 } })),
};

/**
 * NAT with a real server whose default gateway is the LAN's router instead of the director: its
 * reply leaves with source RIP (nothing rewrites it) and reaches the client by another path; the
 * client has no socket for RIP:80 and answers with a reset (tcp_v4_send_reset).
 */
export const natGatewayLab: LabDocument = {
  ...natLab,
  title: HAND_BUILT_TITLES['nat-gateway'],
  description: {
    en: 'The NAT lab with a router, gw (192.168.2.1 and 12.0.0.1), between the servers\' LAN and the client\'s network, and web2\'s default gateway set to gw instead of the director. The director schedules round-robin and rewrites the destination of every second request to web2, as before. But web2 sends its SYN/ACK to its own gateway, gw, which delivers it straight to the client: it never passes the director, so nothing changes its source back from 192.168.2.101 to the VIP 12.0.0.10. The client never asked 192.168.2.101 for anything: it has no connection from that address and answers with a reset. The requests sent to web2 time out (curl -m 3). In LVS-NAT the replies must go back through the director: the real servers\' default gateway must be the director (ip route replace default via 192.168.2.10 on web2, then replay).',
    zh: '本实验在 NAT 实验中加了一台路由器 gw（192.168.2.1 与 12.0.0.1），连接服务器所在的局域网和客户端所在的网络，并把 web2 的默认网关设成了 gw 而不是调度器。调度器照常轮询，每隔一个请求就把目标地址改写为 web2。但 web2 把 SYN/ACK 发给自己的网关 gw，gw 直接把它交给客户端：它不经过调度器，于是没有谁把源地址从 192.168.2.101 改回 VIP 12.0.0.10。客户端从未向 192.168.2.101 发起过连接：它没有来自该地址的连接，于是回以重置（RST）。发往 web2 的请求超时（curl -m 3）。在 LVS-NAT 中，响应必须经调度器返回：真实服务器的默认网关必须是调度器（在 web2 上执行 ip route replace default via 192.168.2.10 后重放）。',
  },
  nodes: [
    ...natLab.nodes.map((n) => (n.id !== 'web2' ? n : { ...n, routes: [defaultRoute('192.168.2.1')] })),
    {
      ...newNode('gw', 'router', { x: 430, y: 440 }),
      interfaces: [...newNode('gw', 'router', { x: 0, y: 0 }).interfaces, ether('gw', 'eth0'), ether('gw', 'eth1')],
      addresses: [address('eth0', '192.168.2.1/24'), address('eth1', '12.0.0.1/24')],
    },
  ],
  links: [...natLab.links, labLink('gw:eth0', 'sw-in'), labLink('gw:eth1', 'sw-out')],
  scenario: [0, 1, 2, 3].map((i) => ({ atUs: i * 4_000_000, action: { kind: 'curl' as const, node: 'client', url: 'http://12.0.0.10/', maxTimeSec: 3 } })),
};

/**
 * DR with the director as the real servers' default gateway (and forwarding, as a gateway does):
 * the replies come back to the director with source VIP, one of its own addresses, and
 * fib_validate_source rejects a local source from outside (accept_local=0): facts §5.4.
 */
export const drDirectorGatewayLab: LabDocument = {
  ...drLab,
  title: HAND_BUILT_TITLES['dr-director-gateway'],
  description: {
    en: `The DR lab with the director as the real servers' default gateway, as in LVS-NAT, and forwarding turned on there as a gateway needs. The request reaches a real server as before; its reply has the source ${DR_VIP} and goes to its gateway, the director. But ${DR_VIP} is one of the director's own addresses: Linux takes a packet arriving from outside with a local source address for a forgery (a "martian") and drops it unless accept_local=1. The reply never reaches the client, and curl times out. In LVS-DR the replies must not go through the director: the real servers' gateway is the router (ip route replace default via 192.168.122.1 on web1 and web2, then replay), and the director needs no forwarding.`,
    zh: `本实验在 DR 实验中像 LVS-NAT 那样把调度器设为真实服务器的默认网关，并按网关的需要在调度器上开启了转发。请求照常到达真实服务器；它的响应以 ${DR_VIP} 为源地址，发往自己的网关，也就是调度器。但 ${DR_VIP} 是调度器自己的地址之一：Linux 把从外部到达、源地址却是本机地址的数据包视为伪造（“火星包”），除非 accept_local=1，否则丢弃。响应到不了客户端，curl 超时。在 LVS-DR 中响应不能经过调度器：真实服务器的网关应是路由器（在 web1 和 web2 上执行 ip route replace default via 192.168.122.1 后重放），调度器也无需转发。`,
  },
  nodes: drLab.nodes.map((n) => {
    if (n.role === 'realserver') return { ...n, routes: n.routes.map((r) => (r.dst === 'default' ? defaultRoute('192.168.122.10') : r)) };
    if (n.id === 'director') return { ...n, sysctls: { ...n.sysctls, 'net.ipv4.ip_forward': 1 } };
    return n;
  }),
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: `http://${DR_VIP}/`, maxTimeSec: 3 } }],
};

/**
 * NAT with forwarding off on the director: IPVS takes the request at LOCAL_IN, which needs none,
 * but the reply to the client is not for the director, so ip_route_input_slow refuses it
 * (EHOSTUNREACH, IP_INADDRERRORS) before FORWARD, where ip_vs_out_hook would rewrite it.
 */
export const natNoForwardLab: LabDocument = {
  ...natLab,
  title: HAND_BUILT_TITLES['nat-no-forward'],
  description: {
    en: 'The NAT lab with net.ipv4.ip_forward=0 on the director, the default of a freshly installed Linux. The request still gets through: IPVS takes it at INPUT, as a packet for the director\'s own address 12.0.0.10, and sends it on to a real server. But the real server\'s reply is addressed to the client 12.0.0.88, not to the director; a host that does not forward drops such a packet at routing, before the FORWARD chain where IPVS would have changed its source back to the VIP. The client sends its SYN again after 1 second and again at 3, when curl gives up (-m 3). To fix it: sysctl -w net.ipv4.ip_forward=1 on the director (and net.ipv4.ip_forward = 1 in /etc/sysctl.conf, sysctl -p, to keep it), then replay.',
    zh: '本实验在 NAT 实验中把调度器的 net.ipv4.ip_forward 设为 0，这是新装 Linux 的默认值。请求照样能通过：IPVS 在 INPUT 链把它当作发给调度器自身地址 12.0.0.10 的数据包接管，再转给真实服务器。但真实服务器的响应的目标是客户端 12.0.0.88，而不是调度器；不转发的主机会在路由阶段就丢弃这样的数据包，它到不了 FORWARD 链，而 IPVS 正是在那里把源地址改回 VIP 的。客户端在 1 秒后重发 SYN，3 秒时再发一次，此时 curl 放弃（-m 3）。修复方法：在调度器上执行 sysctl -w net.ipv4.ip_forward=1（要长期生效，在 /etc/sysctl.conf 中写入 net.ipv4.ip_forward = 1 并执行 sysctl -p），然后重放。',
  },
  nodes: natLab.nodes.map((n) => (n.id !== 'director' ? n : { ...n, sysctls: { ...n.sysctls, 'net.ipv4.ip_forward': 0 } })),
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: 'http://12.0.0.10/', maxTimeSec: 3 } }],
};

/**
 * TUN with tunl0 left down (the VIP added with `ip addr add`, no `ip link set tunl0 up`): the
 * fallback tunnel takes packets only while it is UP (ip_tunnel_lookup), so tunnel4_rcv finds no
 * handler and answers port unreachable (facts §2.3); ip_vs_in_icmp relays an error about its IPIP
 * packet to the client for the inner packet (icmp_send with the same type and code).
 */
export const tunTunl0DownLab: LabDocument = {
  ...tunLab,
  title: HAND_BUILT_TITLES['tun-tunl0-down'],
  description: {
    en: `The TUN lab with the real servers' tunl0 down: the VIP was put on it with ip addr add ${TUN_VIP}/32 dev tunl0, but nothing brought the device up (ifconfig tunl0 ${TUN_VIP} … up does both; with iproute2 it takes ip link set tunl0 up as well). The director wraps the request as before and the outer packet reaches the real server. But tunl0, the device that takes every IPIP packet, takes none while it is down: no tunnel accepts the packet, and the real server answers the director with ICMP "port unreachable". IPVS passes an error about its tunnel packet on to the client, for the packet inside, so the client's kernel refuses the connection at once: curl says "Connection refused", although httpd runs on both real servers. To fix it: ip link set tunl0 up on rs1 and rs2, then replay.`,
    zh: `本实验在 TUN 实验中让真实服务器的 tunl0 处于关闭状态：VIP 是用 ip addr add ${TUN_VIP}/32 dev tunl0 配上去的，却没有启用这个设备（ifconfig tunl0 ${TUN_VIP} … up 会同时完成两件事；用 iproute2 还要执行 ip link set tunl0 up）。调度器照常封装请求，外层数据包到达真实服务器。但负责接收所有 IPIP 数据包的 tunl0 在关闭时一个也不接收：没有隧道接受这个数据包，真实服务器向调度器回以 ICMP“端口不可达”。IPVS 会把关于自己隧道数据包的差错，针对其中的内层数据包转告客户端，于是客户端内核立即拒绝了这个连接：尽管两台真实服务器上的 httpd 都在运行，curl 却报告“Connection refused”。修复方法：在 rs1 和 rs2 上执行 ip link set tunl0 up，然后重放。`,
  },
  nodes: tunLab.nodes.map((n) => (n.role !== 'realserver' ? n : { ...n, interfaces: n.interfaces.map((i) => (i.name === 'tunl0' ? { ...i, up: false } : i)) })),
  scenario: [{ atUs: 0, action: { kind: 'curl', node: 'client', url: `http://${TUN_VIP}/`, maxTimeSec: 3 } }],
};
