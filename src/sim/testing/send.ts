import type { Ipv4Packet } from '../../wire/packet.ts';
import { newSkb } from '../host/skb.ts';
import type { Network } from '../network.ts';

/** Sends `packet` out of `node`'s own stack (routed, then ip_local_out) and runs the network 100 ms. */
export function sendFromHost(net: Network, node: string, packet: Ipv4Packet): void {
  const host = net.hosts.get(node);
  if (!host) throw new Error(`no host ${node}`);
  const skb = newSkb(packet, net.ctx.nextPacketId(), undefined);
  const route = host.router.output(packet.ip.dst, packet.ip.src, undefined);
  if ('error' in route) throw new Error(`no route from ${node}`);
  skb.route = route;
  host.ip.localOut(skb);
  net.engine.runUntil(net.engine.now + 100_000);
}
