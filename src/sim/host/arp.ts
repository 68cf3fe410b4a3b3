import type { ArpRepr } from '../../wire/arp.ts';
import { EtherType } from '../../wire/ethernet.ts';
import {
  formatIpv4Address, isLoopbackIpv4, isMulticastIpv4, type Ipv4Address,
} from '../../wire/ipv4-address.ts';
import { BROADCAST_MAC, ZERO_MAC, type MacAddress } from '../../wire/mac-address.ts';
import { unpaddedFrameLength } from '../../wire/packet.ts';
import type { WireFrame } from '../context.ts';
import type { LinuxHost } from './host.ts';
import { isRouteError } from './route.ts';
import type { NetDev } from './netdev.ts';
import type { Neighbour, NeighUpdateFlags } from './neighbour.ts';
import type { PktType, SkBuff } from './skb.ts';
import { RT_SCOPE } from './scope.ts';

/** Trace parameters while the trace is off (never read). */
const NO_PARAMS: Readonly<Record<string, string | number>> = Object.freeze({});
/** The update flags of ARP learning (shared: flags are read-only). */
const OVERRIDE: NeighUpdateFlags = Object.freeze({ override: true, admin: false });
const NO_OVERRIDE: NeighUpdateFlags = Object.freeze({ override: false, admin: false });

/** Something listening to ARP on a device (arping's packet socket). */
export type ArpListener = (dev: NetDev, arp: ArpRepr, from: MacAddress, timeUs: number) => void;

/** ARP for one host (net/ipv4/arp.c): receiving requests and replies, and sending solicits. */
export class Arp {
  readonly listeners = new Set<ArpListener>();

  constructor(private readonly host: LinuxHost) {}

  /** arp_rcv + arp_process. */
  receive(dev: NetDev, wf: WireFrame, arp: ArpRepr, pktType: PktType): void {
    const host = this.host;
    if (pktType === 'otherhost' || pktType === 'loopback' || dev.noArp) return;
    for (const l of this.listeners) l(dev, arp, wf.frame.eth.src, host.now);
    const { senderIp: sip, targetIp: tip, senderMac: sha } = arp;
    const flowId = wf.flowId;
    if (isMulticastIpv4(tip) || (isLoopbackIpv4(tip) && dev.cnf.route_localnet === 0)) return;
    if (sip === tip && dev.cnf.drop_gratuitous_arp !== 0) return;
    // The trace's parameters are only built while the trace is recorded (every flooded request gets here).
    const params = host.tracing ? { sip: formatIpv4Address(sip), tip: formatIpv4Address(tip), sha, dev: dev.name } : NO_PARAMS;

    if (sip === 0) {
      // RFC 2131 duplicate address detection probe.
      if (arp.operation === 'request' && host.addrType(tip) === 'local' && !this.ignore(dev, sip, tip)) {
        this.send(dev, 'reply', tip, sha, sha, 0, flowId, 'arp.dad.reply');
      }
      return;
    }

    if (arp.operation === 'request') {
      const r = host.router.input(tip, sip, dev);
      if (!isRouteError(r) && r.kind === 'local') {
        const arpIgnore = dev.cnf.arp_ignore;
        let why: 'arp_ignore' | 'arp_filter' | null = this.ignore(dev, sip, tip) ? 'arp_ignore' : null;
        if (!why && dev.cnf.arp_filter !== 0 && this.filter(sip, tip, dev)) why = 'arp_filter';
        if (why) {
          // The reply is suppressed, and the requester is not learned either (goto out).
          if (host.tracing) this.trace(dev, arp, flowId, why === 'arp_ignore' ? 'arp.ignored.arp_ignore' : 'arp.ignored.arp_filter', { ...params, arp_ignore: arpIgnore });
          return;
        }
        this.trace(dev, arp, flowId, 'arp.request.received', params);
        host.neigh.eventNs(dev, sip, sha, 'arp-request-to-us');
        this.send(dev, 'reply', tip, sha, sha, sip, flowId, 'arp.reply.sent');
        return;
      }
      // ip_route_input_noref failed or the target is not ours: no reply, but we may still learn below.
      const martian = isRouteError(r) && (r.reason === 'IP_INVALID_SOURCE' || r.reason === 'IP_LOCAL_SOURCE' || r.reason === 'IP_RPFILTER');
      if (martian) {
        if (host.tracing) this.trace(dev, arp, flowId, 'arp.ignored.martian', { ...params, reason: r.detail });
      }
      else this.trace(dev, arp, flowId, 'arp.ignored.not_local', params);
    }

    // "Update our ARP tables": only an existing entry, or one arp_accept allows to create.
    let n = host.neigh.lookup(dev, sip);
    const accept = this.accept(dev, sip);
    let isGarp = false;
    if (n || accept) isGarp = this.isGarp(arp);
    if (accept && !n && (isGarp || (arp.operation === 'reply' && host.addrType(sip) === 'unicast'))) {
      n = host.neigh.lookupOrCreate(dev, sip);
    }
    if (arp.operation === 'reply') this.trace(dev, arp, flowId, isGarp ? 'arp.gratuitous.received' : 'arp.reply.received', params);
    if (!n) return;
    const override = host.neigh.locktimeOver(n) || isGarp;
    const state = arp.operation === 'reply' && pktType === 'host' ? 'REACHABLE' : 'STALE';
    const why = isGarp ? 'gratuitous-arp' : arp.operation === 'reply' ? (override ? 'arp-reply' : 'arp-reply-locktime') : 'arp-request-overheard';
    host.neigh.update(n, sha, state, override ? OVERRIDE : NO_OVERRIDE, why);
  }

  /** arp_ignore (arp.c): whether to stay silent for a request for local address `tip`. */
  ignore(dev: NetDev, sip: Ipv4Address, tip: Ipv4Address): boolean {
    const addrs = this.host.addrs;
    switch (dev.cnf.arp_ignore) {
      case 0:
        return false;
      case 1:
        // Reply only if tip is configured on the incoming interface.
        return !addrs.confirmOnDev(dev.name, 0, tip, RT_SCOPE.HOST);
      case 2:
        // ... and the sender is in the same subnet as that address.
        return !addrs.confirmOnDev(dev.name, sip, tip, RT_SCOPE.HOST);
      case 3:
        // Do not reply for addresses of scope host (any device).
        return !this.host.deviceOrder().some((d) => addrs.confirmOnDev(d, 0, tip, RT_SCOPE.LINK));
      case 8:
        return true;
      default:
        return false;
    }
  }

  /** arp_filter: stay silent unless the route back to the sender leaves through `dev`. */
  private filter(sip: Ipv4Address, tip: Ipv4Address, dev: NetDev): boolean {
    const r = this.host.router.output(sip, tip, undefined);
    if (isRouteError(r)) return true;
    return r.dev !== dev;
  }

  /** arp_accept: may a reply or gratuitous ARP create a new entry? */
  private accept(dev: NetDev, sip: Ipv4Address): boolean {
    switch (dev.cnf.arp_accept) {
      case 1:
        return true;
      case 2:
        return this.host.addrs.confirmOnDev(dev.name, sip, 0, RT_SCOPE.NOWHERE) !== 0;
      default:
        return false;
    }
  }

  /** arp_is_garp: sender IP equals target IP (and for replies target MAC equals sender MAC), from a unicast address. */
  private isGarp(arp: ArpRepr): boolean {
    let garp = arp.senderIp === arp.targetIp;
    if (garp && arp.operation === 'reply') garp = arp.targetMac === arp.senderMac;
    return garp && this.host.addrType(arp.senderIp) === 'unicast';
  }

  /**
   * arp_solicit: a request for the neighbour's address. The sender IP follows arp_announce
   * (max of all and the output device): 0 = the triggering packet's source if local, 1 = only if
   * in a subnet shared with the target, 2 = always the device's primary address.
   */
  solicit(n: Neighbour, skb: SkBuff | undefined): void {
    const host = this.host;
    const dev = n.dev;
    const target = n.ip;
    let saddr = 0;
    const announce = dev.cnf.arp_announce;
    const pktSrc = skb?.packet.ip.src;
    if (announce === 0 || announce > 2) {
      if (pktSrc !== undefined && host.addrType(pktSrc) === 'local') saddr = pktSrc;
    } else if (announce === 1) {
      if (pktSrc !== undefined && host.addrType(pktSrc) === 'local' && host.addrs.onlink(dev.name, target, pktSrc)) saddr = pktSrc;
    }
    if (!saddr) saddr = host.selectAddr(dev.name, target, RT_SCOPE.LINK);
    const ucast = dev.neighParms.ucast_solicit;
    const unicast = n.probes - ucast < 0 && n.mac !== null;
    this.send(dev, 'request', saddr, unicast ? n.mac! : BROADCAST_MAC, ZERO_MAC, target, skb?.flowId,
      unicast ? 'arp.request.probe' : 'arp.request.sent', host.tracing ? { announce, packetSource: pktSrc !== undefined ? formatIpv4Address(pktSrc) : '' } : NO_PARAMS);
  }

  /** Sends a request or reply from `dev` (arp_send_dst). */
  send(
    dev: NetDev, operation: 'request' | 'reply', senderIp: Ipv4Address, ethDst: MacAddress, targetMac: MacAddress,
    targetIp: Ipv4Address, flowId: number | undefined,
    key: 'arp.request.sent' | 'arp.request.probe' | 'arp.reply.sent' | 'arp.dad.reply' | 'app.arping.sent',
    extra: Readonly<Record<string, string | number>> = NO_PARAMS,
  ): void {
    const host = this.host;
    const arp: ArpRepr = { operation, senderMac: dev.mac, senderIp, targetMac, targetIp };
    const frame = { eth: { src: dev.mac, dst: ethDst, ethertype: EtherType.Arp }, body: { kind: 'arp' as const, arp } };
    const wf: WireFrame = { frame, packetId: host.ctx.nextPacketId(), flowId, bytes: unpaddedFrameLength(frame) };
    if (host.tracer.enabled) {
      host.tracer.record({
        timeUs: host.now, node: host.id, iface: dev.name, step: 'arp', packetId: wf.packetId, ...(flowId !== undefined ? { flowId } : {}), arp,
        explain: { key, params: { sip: formatIpv4Address(senderIp), tip: formatIpv4Address(targetIp), mac: dev.mac, dev: dev.name, ...extra } },
      });
    }
    host.devXmit(dev, wf);
  }

  private trace(dev: NetDev, arp: ArpRepr, flowId: number | undefined, key: Parameters<LinuxHost['tracer']['record']>[0]['explain']['key'], params: Record<string, string | number>): void {
    const host = this.host;
    if (!host.tracer.enabled) return;
    host.tracer.record({ timeUs: host.now, node: host.id, iface: dev.name, step: 'arp', ...(flowId !== undefined ? { flowId } : {}), arp, explain: { key, params } });
  }
}
