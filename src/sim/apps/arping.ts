import { formatIpv4Address, parseIpv4Address } from '../../wire/ipv4-address.ts';
import { BROADCAST_MAC, ZERO_MAC } from '../../wire/mac-address.ts';
import type { LinuxHost } from '../host/host.ts';
import { isRouteError } from '../host/route.ts';
import type { ArpingReply, ArpingResult } from '../model/traffic.ts';

/** Options of one arping run (`arping -c count -I iface [-s source] target`). */
export interface ArpingOptions {
  readonly iface: string;
  readonly target: string;
  readonly count: number;
  readonly source?: string;
}

/**
 * iputils arping: broadcast ARP requests once a second from `iface`, printing every reply whose
 * sender is the target and whose target is our source address — one per answering host.
 */
export function runArping(host: LinuxHost, opts: ArpingOptions, flowId: number, done: (r: ArpingResult) => void): void {
  const start = host.now;
  const dev = host.device(opts.iface);
  const target = parseIpv4Address(opts.target);
  const base = { kind: 'arping' as const, target: opts.target, iface: opts.iface, startUs: start };
  if (!dev || !dev.up || dev.noArp || target === null) {
    done({ ...base, source: '', sent: 0, broadcasts: 0, replies: [], endUs: start, error: 'no-device' });
    return;
  }
  // arping picks its source like a UDP socket connected to the target and bound to the device.
  let src = opts.source !== undefined ? parseIpv4Address(opts.source) ?? 0 : 0;
  if (!src) {
    const r = host.router.output(target, 0, dev);
    src = isRouteError(r) ? 0 : r.src;
  }
  if (!src) {
    done({ ...base, source: '', sent: 0, broadcasts: 0, replies: [], endUs: start, error: 'no-source' });
    return;
  }
  const replies: ArpingReply[] = [];
  let sent = 0;
  let broadcasts = 0;
  let lastSent = start;
  // iputils arping: each reply's sender becomes the destination of the next probes (unless -b).
  let unicastTo: string | undefined;
  const listener = (d: typeof dev, arp: Parameters<Parameters<typeof host.arp.listeners.add>[0]>[1], from: string, timeUs: number): void => {
    if (d !== dev || arp.operation !== 'reply' || arp.senderIp !== target || arp.targetIp !== src || arp.targetMac !== dev.mac) return;
    replies.push({ ip: formatIpv4Address(arp.senderIp), mac: arp.senderMac, rttUs: timeUs - lastSent, timeUs, broadcast: from === BROADCAST_MAC });
    unicastTo = arp.senderMac;
    host.traceNote(flowId, 'app.arping.reply', { ip: formatIpv4Address(arp.senderIp), mac: arp.senderMac, node: host.id });
  };
  host.arp.listeners.add(listener);
  const sendOne = (): void => {
    sent++;
    if (unicastTo === undefined) broadcasts++;
    lastSent = host.now;
    host.arp.send(dev, 'request', src, unicastTo ?? BROADCAST_MAC, ZERO_MAC, target, flowId, 'app.arping.sent');
    host.engine.schedule(1_000_000, () => {
      if (sent < opts.count) sendOne();
      else {
        host.arp.listeners.delete(listener);
        done({ ...base, source: formatIpv4Address(src), sent, broadcasts, replies, endUs: host.now });
      }
    });
  };
  sendOne();
}
