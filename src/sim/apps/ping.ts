import type { IcmpRepr } from '../../wire/icmp.ts';
import { IpProtocol, ipv4Header } from '../../wire/ipv4.ts';
import { formatIpv4Address, parseIpv4Address } from '../../wire/ipv4-address.ts';
import type { EventId } from '../engine.ts';
import type { LinuxHost } from '../host/host.ts';
import { ipDontFragment, isRouteError, routeMtu, socketPmtuDisc } from '../host/route.ts';
import { newSkb } from '../host/skb.ts';
import type { PmtuDiscMode } from '../model/config.ts';
import type { PingEvent, PingResult } from '../model/traffic.ts';

/** iputils ping's default payload: 56 bytes (a timeval, then bytes 0x10, 0x11, …). */
const PAYLOAD = 56;
/** sizeof(struct timeval) on x86-64: the first bytes of the payload, where ping puts the send time. */
const TIMEVAL = 16;
/** How long ping waits for the last answers (MAXWAIT, 10 s). */
const LINGER_US = 10_000_000;

const UNREACH: Record<number, Extract<PingEvent, { kind: 'error' }>['message']> = {
  0: 'Destination Net Unreachable', 1: 'Destination Host Unreachable', 2: 'Destination Protocol Unreachable', 3: 'Destination Port Unreachable',
};

/** Options of one ping run. `source` is an address (-I addr) or a device name (-I dev). */
export interface PingOptions {
  readonly destination: string;
  readonly count: number;
  readonly source?: string;
  readonly intervalSec?: number;
  /** Data bytes per request (`-s`). */
  readonly payloadBytes?: number;
  /** IP_MTU_DISCOVER of ping's socket (`-M`); without it, the kernel's default for new sockets. */
  readonly pmtuDisc?: PmtuDiscMode;
}

/** iputils ping: `count` echo requests one interval apart, collecting replies and ICMP errors. */
export function runPing(host: LinuxHost, opts: PingOptions, flowId: number, done: (r: PingResult) => void): void {
  const start = host.now;
  const dst = parseIpv4Address(opts.destination);
  const srcAddr = opts.source !== undefined ? parseIpv4Address(opts.source) : null;
  const oif = opts.source !== undefined && srcAddr === null ? host.device(opts.source) : undefined;
  const size = opts.payloadBytes ?? PAYLOAD;
  const pmtuDisc = opts.pmtuDisc ?? socketPmtuDisc(host.sysctl.ipNoPmtuDisc);
  const base = { kind: 'ping' as const, destination: opts.destination, payloadBytes: size, startUs: start };
  if (dst === null || (opts.source !== undefined && srcAddr === null && !oif)) {
    done({ ...base, source: '', transmitted: 0, events: [], endUs: start, error: 'EINVAL' });
    return;
  }
  const route = host.router.output(dst, srcAddr ?? 0, oif);
  if (isRouteError(route)) {
    done({ ...base, source: '', transmitted: 0, events: [], endUs: start, error: 'ENETUNREACH' });
    return;
  }
  const src = route.src;
  const ident = host.rng.below(0x10000);
  const interval = Math.round((opts.intervalSec ?? 1) * 1_000_000);
  const events: PingEvent[] = [];
  const sentAt = new Map<number, number>();
  const answered = new Set<number>();
  let transmitted = 0;
  let finished = false;
  let lingerTimer: EventId | undefined;
  const payload = new Uint8Array(size);
  for (let i = TIMEVAL; i < size; i++) payload[i] = i & 0xff;

  const finish = (): void => {
    if (finished) return;
    finished = true;
    host.icmp.listeners.delete(listener);
    host.icmp.rawSockets--;
    host.engine.cancel(lingerTimer);
    done({ ...base, source: formatIpv4Address(src), transmitted, events, endUs: host.now });
  };
  const maybeFinish = (): void => {
    if (transmitted === opts.count && answered.size >= opts.count) finish();
  };
  const listener = (skb: Parameters<Parameters<typeof host.icmp.listeners.add>[0]>[0], icmp: IcmpRepr): void => {
    if (finished) return;
    const from = formatIpv4Address(skb.packet.ip.src);
    if (icmp.type === 'echo-reply' && icmp.ident === ident && skb.packet.ip.dst === src) {
      const t = sentAt.get(icmp.seq);
      if (t === undefined) return;
      answered.add(icmp.seq);
      events.push({ kind: 'reply', seq: icmp.seq, from, ttl: skb.packet.ip.ttl, bytes: icmp.data.length + 8, rttUs: host.now - t, timeUs: host.now });
      host.traceNote(flowId, 'app.ping.reply', { seq: icmp.seq, from, node: host.id });
      maybeFinish();
      return;
    }
    if (icmp.type === 'dest-unreachable' || icmp.type === 'time-exceeded' || icmp.type === 'redirect') {
      const q = icmp.original;
      if (q.length < 28 || q[9] !== IpProtocol.Icmp) return;
      const ihl = (q[0]! & 15) * 4;
      if (q[ihl] !== 8 || ((q[ihl + 4]! << 8) | q[ihl + 5]!) !== ident) return;
      const seq = (q[ihl + 6]! << 8) | q[ihl + 7]!;
      const fragNeeded = icmp.type === 'dest-unreachable' && icmp.code === 4;
      // raw_err: "fragmentation needed" teaches the route to the destination its path MTU.
      if (fragNeeded) host.router.updatePmtu(dst, src, icmp.nextHopMtu);
      const message = icmp.type === 'time-exceeded' ? 'Time to live exceeded' : icmp.type === 'redirect' ? 'Redirect Host'
        : fragNeeded ? `Frag needed and DF set (mtu = ${icmp.nextHopMtu})` as const : UNREACH[icmp.code] ?? 'Destination Host Unreachable';
      events.push({ kind: 'error', seq, from, message, timeUs: host.now });
      if (icmp.type !== 'redirect') answered.add(seq);
      host.traceNote(flowId, 'app.ping.error', { seq, from, message, node: host.id });
      maybeFinish();
    }
  };
  // ping's raw ICMP socket (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)), open until it finishes.
  host.icmp.listeners.add(listener);
  host.icmp.rawSockets++;

  const sendOne = (): void => {
    if (finished) return;
    const seq = ++transmitted;
    sentAt.set(seq, host.now);
    const r = host.router.output(dst, srcAddr ?? 0, oif);
    const len = size + 28;
    // __ip_append_data: with DF forced (DO, PROBE) a request longer than the MTU fails at once
    // (ip_local_error, EMSGSIZE); PROBE measures against the device's MTU, not a path MTU.
    const mtu = isRouteError(r) ? 0 : pmtuDisc === 'probe' ? r.dev.mtu : routeMtu(r, host.now);
    if (!isRouteError(r) && (pmtuDisc === 'do' || pmtuDisc === 'probe') && len > mtu) {
      events.push({ kind: 'local-error', seq, mtu, timeUs: host.now });
      answered.add(seq);
      host.traceNote(flowId, 'app.ping.local_error', { seq, mtu, node: host.id });
    } else if (!isRouteError(r)) {
      // __ip_make_skb: DF with DO and PROBE, otherwise only when the request fits and
      // ip_dont_fragment allows it; a request that does not fit leaves in fragments.
      const df = pmtuDisc === 'do' || pmtuDisc === 'probe' || (len <= mtu && ipDontFragment(pmtuDisc, r, host.now));
      const skb = newSkb({
        ip: ipv4Header({
          src, dst, protocol: IpProtocol.Icmp, ttl: host.sysctl.ipDefaultTtl, dscp: 0, ecn: 0,
          ident: df ? 0 : host.ip.nextIdent(), dontFragment: df, moreFragments: false, fragmentOffset: 0,
        }),
        body: { kind: 'icmp', icmp: { type: 'echo-request', ident, seq, data: payload } },
      }, host.ctx.nextPacketId(), flowId);
      skb.route = r;
      host.traceSkb(skb, 'app', undefined, 'app.ping.sent', { seq, dst: opts.destination, node: host.id });
      host.ip.localOut(skb);
    }
    if (transmitted < opts.count) host.engine.schedule(interval, sendOne);
    else lingerTimer = host.engine.schedule(LINGER_US, finish);
    maybeFinish();
  };
  sendOne();
}
