import type { Catalog } from '../translate.ts';

/** canvas 部分的中文消息。 */
export const canvasZh: Catalog = {
  'canvas.label': '网络拓扑',
  'canvas.nodeLabel': '{role} {name}',
  'canvas.role.client': '客户端',
  'canvas.role.router': '路由器',
  'canvas.role.switch': '交换机',
  'canvas.role.director': '调度器',
  'canvas.role.realserver': '真实服务器',
  'canvas.role.nfs': 'NFS 服务器',
  'canvas.role.host': '主机',
  'canvas.chip.whoHas': '谁是 {ip}',
  'canvas.chip.tell': '请告诉 {ip}',
  'canvas.chip.isAt': '{ip} 的 MAC 是 {mac}',
  'canvas.legend.title': '数据包',
  'canvas.legend.arp': 'ARP',
  'canvas.legend.request': '请求',
  'canvas.legend.reply': '响应',
  'canvas.legend.icmp': 'ICMP',
  'canvas.legend.tunnel': '隧道封装（IPIP）',
  'canvas.legend.drop': '丢弃',
  'canvas.empty': '这个实验还是空的。用左侧的工具添加节点，再把它们连接起来。',
};
