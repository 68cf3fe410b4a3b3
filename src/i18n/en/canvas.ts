import type { Catalog } from '../translate.ts';

/** English messages of the canvas area. */
export const canvasEn: Catalog = {
  'canvas.label': 'Network topology',
  'canvas.nodeLabel': '{role} {name}',
  'canvas.role.client': 'Client',
  'canvas.role.router': 'Router',
  'canvas.role.switch': 'Switch',
  'canvas.role.director': 'Director',
  'canvas.role.realserver': 'Real server',
  'canvas.role.nfs': 'NFS server',
  'canvas.role.host': 'Host',
  'canvas.chip.whoHas': 'who-has {ip}',
  'canvas.chip.tell': 'tell {ip}',
  'canvas.chip.isAt': '{ip} is-at {mac}',
  'canvas.legend.title': 'Packets',
  'canvas.legend.arp': 'ARP',
  'canvas.legend.request': 'Request',
  'canvas.legend.reply': 'Reply',
  'canvas.legend.icmp': 'ICMP',
  'canvas.legend.tunnel': 'Tunnelled (IPIP)',
  'canvas.legend.drop': 'Dropped',
  'canvas.empty': 'This lab is empty. Add nodes with the tools on the left, then connect them.',
};
