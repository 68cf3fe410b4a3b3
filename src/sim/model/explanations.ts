/**
 * Every explanation key a trace record can carry. The UI and the CLI translate
 * `explain.<key>` from the i18n catalogs with the record's parameters; a test checks that both
 * catalogs have every key listed here.
 */
export const EXPLANATION_KEYS = [
  // links and devices
  'link.egress', 'link.ingress', 'switch.forward', 'switch.flood', 'switch.filter', 'lo.loopback',
  // ARP and the neighbour table
  'arp.request.sent', 'arp.request.probe', 'arp.reply.sent', 'arp.request.received',
  'arp.reply.received', 'arp.ignored.arp_ignore', 'arp.ignored.arp_filter', 'arp.ignored.not_local',
  'arp.ignored.martian', 'arp.gratuitous.received', 'arp.dad.reply',
  'neigh.created', 'neigh.resolving', 'neigh.learned', 'neigh.updated', 'neigh.override.ignored', 'neigh.state', 'neigh.failed',
  // IP input, routing, forwarding and output
  'route.input.local', 'route.input.forward', 'route.input.broadcast', 'route.input.no_route',
  'route.output', 'route.output.no_route', 'ip.forward', 'ip.ttl.decrement', 'ip.fragment', 'ip.defrag.wait', 'ip.defrag.done',
  'hook.PREROUTING', 'hook.INPUT', 'hook.FORWARD', 'hook.OUTPUT', 'hook.POSTROUTING',
  'nat.snat', 'nat.dnat', 'nat.masquerade', 'nat.reply', 'mangle.mark', 'filter.rule', 'filter.policy', 'filter.log', 'filter.reset.sent',
  'deliver.tcp', 'deliver.udp', 'deliver.icmp', 'deliver.ipip',
  'tunnel.decap', 'tunnel.encap',
  'icmp.echo_reply', 'icmp.error.sent', 'icmp.redirect.sent', 'icmp.error.received',
  'icmp.redirect.accepted', 'icmp.redirect.resolving', 'icmp.redirect.ignored',
  // drops
  'drop',
  // IPVS
  'ipvs.schedule', 'ipvs.conn.hit', 'ipvs.persist.hit', 'ipvs.no_dest', 'ipvs.not_syn',
  'ipvs.xmit.nat', 'ipvs.xmit.dr', 'ipvs.xmit.tun', 'ipvs.xmit.local', 'ipvs.reply.snat', 'ipvs.reply.seen',
  'ipvs.state', 'ipvs.dest.unavailable', 'ipvs.frag_needed', 'ipvs.icmp.in', 'ipvs.icmp.out', 'ipvs.icmp.tunnel',
  // TCP, UDP and applications
  'tcp.rst.sent', 'tcp.state', 'tcp.retransmit', 'tcp.mtu_reduced', 'tcp.ofo', 'udp.port_unreachable',
  'app.curl.connect', 'app.curl.done', 'app.curl.error', 'app.httpd.request',
  'app.ping.sent', 'app.ping.reply', 'app.ping.error', 'app.ping.local_error', 'app.arping.sent', 'app.arping.reply',
] as const;

export type ExplanationKey = (typeof EXPLANATION_KEYS)[number];
