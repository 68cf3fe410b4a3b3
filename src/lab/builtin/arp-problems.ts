import type { LabDocument } from '../document.ts';
import { drTopology } from './dr.ts';
import { HAND_BUILT_TITLES } from './titles.ts';

/**
 * ARP problem 1 (seed 000 §4.4.1): the real servers keep arp_ignore=0, so they answer the
 * gateway's ARP request for the VIP with their own MAC. The first answer wins; with the default
 * seed a real server's answer arrives first.
 */
export const drArpIgnoreLab: LabDocument = drTopology(
  HAND_BUILT_TITLES['dr-arp-ignore'],
  {
    en: 'The real servers have the VIP on lo:0 but arp_ignore=0: Linux answers ARP for any local address, on any interface, with that interface\'s MAC. When the gateway asks who has 192.168.122.188, the director and both real servers answer; the gateway keeps the first answer and ignores the others for one second (locktime). With this lab\'s seed a real server answers first, so requests go straight to it and bypass the director. Try other seeds to see the race; set arp_ignore=1 on the real servers\' "all" to fix it.',
    zh: '真实服务器在 lo:0 上配置了 VIP，但 arp_ignore=0：Linux 会在任何网卡上用该网卡的 MAC 响应对任何本机地址的 ARP 请求。网关询问谁是 192.168.122.188 时，调度器和两台真实服务器都会回应；网关采用最先到达的回应，并在一秒（locktime）内忽略其他回应。在本实验的种子下，某台真实服务器先回应，于是请求绕过调度器直接到达它。换用其他种子可以观察这场竞争；在真实服务器的 all 上设置 arp_ignore=1 即可修复。',
  },
  { 'net.ipv4.conf.all.arp_ignore': 0, 'net.ipv4.conf.all.arp_announce': 2 }, 3, 2,
);

/**
 * ARP problem 2 (seed 000 §4.4.2): arp_announce=0 makes a real server ask for its gateway from
 * the VIP; the gateway learns VIP → real server from that request.
 */
export const drArpAnnounceLab: LabDocument = drTopology(
  HAND_BUILT_TITLES['dr-arp-announce'],
  {
    en: 'The real servers ignore ARP requests for the VIP (arp_ignore=1) but keep arp_announce=0. To send its first reply, whose source is the VIP, a real server asks "who has 192.168.122.1? tell 192.168.122.188" — Linux uses the packet\'s source as the ARP sender address. The gateway answers a request for its own address and learns the sender with override: its entry for the VIP now points at the real server, and the following requests bypass the director. arp_announce=2 on the real servers\' "all" makes them ask from 192.168.122.100/101 instead.',
    zh: '真实服务器会忽略对 VIP 的 ARP 请求（arp_ignore=1），但保留了 arp_announce=0。为了发送第一个源地址为 VIP 的响应，真实服务器发出“谁是 192.168.122.1？请告诉 192.168.122.188”——Linux 用数据包的源地址作为 ARP 请求的发送方地址。网关响应询问自己地址的请求，并强制学习发送方：它的 VIP 表项从此指向这台真实服务器，后续请求绕过了调度器。在真实服务器的 all 上设置 arp_announce=2，它们就会改用 192.168.122.100/101 发出请求。',
  },
  { 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 0 }, 1, 2,
);
