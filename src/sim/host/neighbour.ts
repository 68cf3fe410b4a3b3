import { EtherType, type EthernetRepr } from '../../wire/ethernet.ts';
import { formatIpv4Address, inSubnet, type Ipv4Address } from '../../wire/ipv4-address.ts';
import { internMac, type MacAddress } from '../../wire/mac-address.ts';
import { Timer, type Engine } from '../engine.ts';
import type { NeighbourSnapshot } from '../model/snapshot.ts';
import type { NeighbourState } from '../model/trace.ts';
import type { LinuxHost } from './host.ts';
import type { NetDev } from './netdev.ts';
import type { SkBuff } from './skb.ts';

/**
 * Why a neighbour entry changed, as a code the UI translates (`neighWhy.<code>`): resolution
 * started, timers, ARP learning (reply, reply within locktime, request to us, overheard request),
 * administration.
 */
export type NeighWhy =
  | 'resolve' | 'no-probes' | 'stale-used' | 'reachable-expired-used' | 'reachable-expired' | 'confirmed' | 'unconfirmed'
  | 'probes-exhausted' | 'flushed' | 'deleted' | 'admin'
  | 'arp-reply' | 'arp-reply-locktime' | 'arp-request-to-us' | 'arp-request-overheard' | 'gratuitous-arp';

/** NUD_CONNECTED: the address is known good without probing. */
const isConnected = (s: NeighbourState | 'NONE'): boolean => s === 'REACHABLE' || s === 'PERMANENT' || s === 'NOARP';
/** NUD_IN_TIMER: states the NUD timer runs in. */
const inTimer = (s: NeighbourState | 'NONE'): boolean => s === 'REACHABLE' || s === 'DELAY' || s === 'PROBE' || s === 'INCOMPLETE';

/** NUD_VALID: the entry has a usable link-layer address. */
export const isValidState = (s: NeighbourState | 'NONE'): boolean => isConnected(s) || s === 'STALE' || s === 'DELAY' || s === 'PROBE';

/** A neighbour entry (struct neighbour). `NONE` is the state of a fresh entry. */
export class Neighbour {
  mac: MacAddress | null = null;
  state: NeighbourState | 'NONE' = 'NONE';
  /** Last change of state or address (the locktime window starts here). */
  updated: number;
  /** Last reachability confirmation. */
  confirmed: number;
  /** Last use for output. */
  used: number;
  probes = 0;
  /** The NUD timer (neigh->timer), armed by the table. */
  readonly timer: Timer<Neighbour>;
  /** The cached Ethernet header for IPv4 frames to this neighbour (hh_cache). */
  hh: EthernetRepr | undefined;
  /** Packets waiting for resolution (arp_queue). */
  readonly queue: SkBuff[] = [];

  constructor(readonly dev: NetDev, readonly ip: Ipv4Address, engine: Engine, onTimer: (n: Neighbour) => void) {
    const now = engine.now;
    this.timer = new Timer(engine, onTimer, this);
    this.updated = now;
    this.confirmed = now;
    this.used = now;
  }
}

/** neigh_event_ns: a request addressed to us overrides what the entry held. */
const EVENT_NS_FLAGS: NeighUpdateFlags = Object.freeze({ override: true, admin: false });

export interface NeighUpdateFlags {
  /** NEIGH_UPDATE_F_OVERRIDE: a different address may replace a valid one. */
  readonly override: boolean;
  /** NEIGH_UPDATE_F_ADMIN: a change made by the administrator (`ip neigh`). */
  readonly admin: boolean;
}

/**
 * The ARP neighbour table with the kernel's NUD state machine (net/core/neighbour.c):
 * resolution (INCOMPLETE with broadcast solicits), REACHABLE for a randomised reachable time,
 * STALE, DELAY and PROBE with unicast probes, FAILED after the probes run out.
 */
export class NeighbourTable {
  /** Entries per device, keyed by the address as a signed 32-bit integer (which a Map hashes fastest). */
  private readonly entries = new Map<NetDev, Map<number, Neighbour>>();
  /** Per-device randomised reachable time (neigh_rand_reach_time), in µs. */
  private readonly reachableTime = new Map<string, number>();

  constructor(private readonly host: LinuxHost) {}

  /** The device's entries; the device holds them too, so a packet finds them without a lookup. */
  private table(dev: NetDev): Map<number, Neighbour> {
    let t = dev.neighbours;
    if (!t) {
      t = new Map();
      dev.neighbours = t;
      this.entries.set(dev, t);
    }
    return t;
  }

  /** The entry for `ip` on `dev`, if any. */
  lookup(dev: NetDev, ip: Ipv4Address): Neighbour | undefined {
    return dev.neighbours?.get(ip | 0);
  }

  /** The entry, created in state NONE when missing (NOARP on devices without ARP). */
  lookupOrCreate(dev: NetDev, ip: Ipv4Address): Neighbour {
    // The device remembers its last entry (the next hop of most of its packets, like the
    // neighbour a cached route holds); an entry taken out of the table is never returned.
    const last = dev.lastNeighbour;
    if (last !== undefined && last.ip === ip) return last;
    const t = this.table(dev);
    let n = t.get(ip | 0);
    if (!n) {
      n = new Neighbour(dev, ip, this.host.engine, this.onTimer);
      if (dev.noArp) {
        n.state = 'NOARP';
        n.mac = dev.mac;
      }
      t.set(ip | 0, n);
    }
    dev.lastNeighbour = n;
    return n;
  }

  /** The device's reachable time: uniform in [base/2, 3·base/2), drawn once per device. */
  reachableTimeUs(dev: NetDev): number {
    let t = this.reachableTime.get(dev.name);
    if (t === undefined) {
      const base = dev.neighParms.base_reachable_time_ms * 1000;
      t = base > 0 ? Math.floor(base / 2) + this.host.rng.below(base) : 0;
      this.reachableTime.set(dev.name, t);
    }
    return t;
  }

  /** neigh_max_probes: unicast + app + (re)multicast probes. */
  private maxProbes(n: Neighbour): number {
    const p = n.dev.neighParms;
    return p.ucast_solicit + p.app_solicit + (n.state === 'PROBE' ? p.mcast_resolicit : p.mcast_solicit);
  }

  /**
   * neigh_resolve_output / __neigh_event_send: sends `skb` to the neighbour now if its address
   * is usable, or queues it and starts resolution.
   */
  output(dev: NetDev, nexthop: Ipv4Address, skb: SkBuff): void {
    const n = this.lookupOrCreate(dev, nexthop);
    const now = this.host.now;
    n.used = now;
    if (skb.confirmNeigh) {
      // sock_confirm_neigh: TCP saw forward progress, so the neighbour is reachable.
      n.confirmed = now;
    }
    const s = n.state;
    if (isConnected(s) || s === 'DELAY' || s === 'PROBE') {
      this.hhOutput(n, skb);
      return;
    }
    if (this.eventSend(n, skb)) this.hhOutput(n, skb);
  }

  /**
   * __neigh_event_send: an entry without a usable address starts resolution (INCOMPLETE, first
   * solicit at once) and queues `skb`; a STALE one moves to DELAY. True when the address can be
   * used now.
   */
  private eventSend(n: Neighbour, skb: SkBuff | undefined): boolean {
    const dev = n.dev;
    const now = this.host.now;
    const s = n.state;
    let immediateProbe = false;
    if (s === 'NONE' || s === 'FAILED') {
      if (dev.neighParms.mcast_solicit + dev.neighParms.app_solicit > 0) {
        n.probes = dev.neighParms.ucast_solicit;
        this.setState(n, 'INCOMPLETE', 'resolve');
        n.updated = now;
        this.arm(n, now + Math.max(dev.neighParms.retrans_time_ms * 1000, 10_000));
        immediateProbe = true;
      } else {
        this.setState(n, 'FAILED', 'no-probes');
        n.updated = now;
        if (skb) this.host.dropSkb(skb, dev, 'NEIGH_FAILED', 'neighbour resolution impossible');
        return false;
      }
    } else if (s === 'STALE') {
      this.setState(n, 'DELAY', 'stale-used');
      n.updated = now;
      this.arm(n, now + dev.neighParms.delay_first_probe_time * 1_000_000);
    }
    let usable = true;
    if (n.state === 'INCOMPLETE') {
      usable = false;
      if (skb) {
        if (n.queue.length >= dev.neighParms.unres_qlen) {
          const old = n.queue.shift()!;
          this.host.dropSkb(old, dev, 'NEIGH_QUEUEFULL', 'too many packets waiting for ARP');
        }
        n.queue.push(skb);
      }
    }
    if (immediateProbe) this.probe(n);
    return usable;
  }

  /**
   * For an ICMP redirect's new gateway (__ip_do_redirect): whether its entry is NUD_VALID; if
   * not, resolution starts (neigh_event_send without a packet) and the caller must not use it yet.
   */
  validOrResolve(dev: NetDev, ip: Ipv4Address): boolean {
    const n = this.lookupOrCreate(dev, ip);
    if (isValidState(n.state)) return true;
    this.eventSend(n, undefined);
    return false;
  }

  /**
   * neigh_hh_output: the frame gets the neighbour's cached Ethernet header (hh_cache), which is
   * built again when the neighbour's or the device's address changed (neigh_update_hhs).
   */
  private hhOutput(n: Neighbour, skb: SkBuff): void {
    let hh = n.hh;
    if (hh === undefined || hh.dst !== n.mac || hh.src !== n.dev.mac) {
      hh = { src: n.dev.mac, dst: n.mac!, ethertype: EtherType.Ipv4 };
      n.hh = hh;
    }
    this.host.ip.xmit(n.dev, hh, skb);
  }

  /** neigh_probe: one solicit with the newest queued packet, counting the probe. */
  private probe(n: Neighbour): void {
    const skb = n.queue[n.queue.length - 1];
    this.host.arp.solicit(n, skb);
    n.probes++;
  }

  private arm(n: Neighbour, atUs: number): void {
    n.timer.mod(atUs);
  }

  private readonly onTimer = (n: Neighbour): void => this.timer(n);

  /** neigh_timer_handler. */
  private timer(n: Neighbour): void {
    const now = this.host.now;
    const s = n.state;
    if (!inTimer(s)) return;
    const dev = n.dev;
    const delayProbe = dev.neighParms.delay_first_probe_time * 1_000_000;
    const retrans = Math.max(dev.neighParms.retrans_time_ms * 1000, 10_000);
    const reach = this.reachableTimeUs(dev);
    let next = now + 1_000_000;
    if (s === 'REACHABLE') {
      if (now <= n.confirmed + reach) {
        next = n.confirmed + reach;
      } else if (now <= n.used + delayProbe) {
        this.setState(n, 'DELAY', 'reachable-expired-used');
        n.updated = now;
        next = now + delayProbe;
      } else {
        this.setState(n, 'STALE', 'reachable-expired');
        n.updated = now;
      }
    } else if (s === 'DELAY') {
      if (now <= n.confirmed + delayProbe) {
        this.setState(n, 'REACHABLE', 'confirmed');
        n.updated = now;
        next = n.confirmed + reach;
      } else {
        this.setState(n, 'PROBE', 'unconfirmed');
        n.updated = now;
        n.probes = 0;
        next = now + retrans;
      }
    } else {
      next = now + retrans;
    }
    if ((n.state === 'INCOMPLETE' || n.state === 'PROBE') && n.probes >= this.maxProbes(n)) {
      this.setState(n, 'FAILED', 'probes-exhausted');
      n.updated = now;
      this.invalidate(n);
      return;
    }
    if (inTimer(n.state)) this.arm(n, Math.max(next, now + 10_000));
    if (n.state === 'INCOMPLETE' || n.state === 'PROBE') this.probe(n);
  }

  /** neigh_invalidate: report every queued packet as unreachable (arp_error_report). */
  private invalidate(n: Neighbour): void {
    const queued = n.queue.splice(0);
    for (const skb of queued) this.host.ip.linkFailure(skb, n.dev);
  }

  /**
   * __neigh_update: the core of ARP learning. A valid entry keeps its address against a
   * different one unless `override`; an unchanged address with STALE keeps the old state.
   */
  update(n: Neighbour, mac: MacAddress | null, newState: NeighbourState, flags: NeighUpdateFlags, why: NeighWhy): 'ignored' | 'changed' | 'unchanged' {
    const now = this.host.now;
    const old = n.state;
    if (!flags.admin && (old === 'NOARP' || old === 'PERMANENT')) return 'unchanged';
    let lladdr = mac ?? n.mac;
    let state = newState;
    if (isConnected(state)) n.confirmed = now;
    if (isValidState(old)) {
      if (lladdr !== n.mac && !flags.override) {
        this.traceIgnored(n, mac, why);
        return 'ignored';
      }
      if (lladdr === n.mac && state === 'STALE' && !flags.admin) state = old as NeighbourState;
    }
    if (lladdr === null) lladdr = n.mac;
    // "Update timestamp only once we know we will make a change to the neighbour entry."
    const macChanged = lladdr !== n.mac;
    if (state === old && !macChanged) return 'unchanged';
    n.updated = now;
    const macBefore = n.mac;
    if (state !== old) {
      n.timer.del();
      if (state === 'PROBE') n.probes = 0;
      if (inTimer(state)) this.arm(n, now + (state === 'REACHABLE' ? this.reachableTimeUs(n.dev) : 0));
      n.state = state;
    }
    if (macChanged) {
      n.mac = lladdr;
      if (!isConnected(state)) n.confirmed = now - 2 * n.dev.neighParms.base_reachable_time_ms * 1000;
    }
    this.traceChange(n, macBefore, old, why);
    if (!isValidState(old) && isValidState(state) && n.mac) {
      const queued = n.queue.splice(0);
      for (const skb of queued) this.hhOutput(n, skb);
    }
    return 'changed';
  }

  /** neigh_event_ns: a request addressed to us teaches us its sender (STALE, override). */
  eventNs(dev: NetDev, ip: Ipv4Address, mac: MacAddress, why: NeighWhy): Neighbour {
    const n = this.lookupOrCreate(dev, ip);
    this.update(n, mac, 'STALE', EVENT_NS_FLAGS, why);
    return n;
  }

  /** Whether the locktime window of `n` is over (arp_process's `override` without GARP). */
  locktimeOver(n: Neighbour): boolean {
    return this.host.now > n.updated + n.dev.neighParms.locktime * 10_000;
  }

  /** `ip neigh flush` / device down: removes entries (all, of one device, or within a prefix). */
  flush(dev?: string, prefix?: { readonly address: Ipv4Address; readonly len: number }): number {
    let count = 0;
    for (const [d, t] of this.entries) {
      if (dev !== undefined && d.name !== dev) continue;
      for (const [ip, n] of t) {
        if (n.state === 'PERMANENT' || n.state === 'NOARP') continue;
        if (prefix !== undefined && !inSubnet(ip, prefix.address, prefix.len)) continue;
        n.timer.del();
        const queued = n.queue.splice(0);
        for (const skb of queued) this.host.dropSkb(skb, n.dev, 'NEIGH_DEAD', 'neighbour entry flushed');
        t.delete(ip);
        if (d.lastNeighbour === n) d.lastNeighbour = undefined;
        this.traceChange({ ...n, mac: null, state: 'NONE' }, n.mac, n.state, 'flushed');
        count++;
      }
    }
    return count;
  }

  /** `ip neigh add|replace … lladdr … nud permanent`. */
  setPermanent(dev: NetDev, ip: Ipv4Address, mac: MacAddress): void {
    const n = this.lookupOrCreate(dev, ip);
    this.update(n, internMac(mac), 'PERMANENT', { override: true, admin: true }, 'admin');
  }

  /** `ip neigh del`. */
  remove(dev: NetDev, ip: Ipv4Address): boolean {
    const n = this.lookup(dev, ip);
    if (!n) return false;
    n.timer.del();
    dev.neighbours?.delete(ip | 0);
    if (dev.lastNeighbour === n) dev.lastNeighbour = undefined;
    this.traceChange({ ...n, mac: null, state: 'NONE' }, n.mac, n.state, 'deleted');
    return true;
  }

  /** What `ip neigh show` lists: every entry except fresh NONE ones and NOARP ones. */
  snapshot(): NeighbourSnapshot[] {
    const out: NeighbourSnapshot[] = [];
    for (const n of [...this.entries.values()].flatMap((t) => [...t.values()])) {
      if (n.state === 'NONE' || n.state === 'NOARP') continue;
      out.push({ dev: n.dev.name, ip: formatIpv4Address(n.ip), mac: n.mac, state: n.state, updatedUs: n.updated });
    }
    return out;
  }

  private setState(n: Neighbour, state: NeighbourState, why: NeighWhy): void {
    const stateBefore = n.state;
    n.state = state;
    if (state === 'FAILED') n.timer.del();
    this.traceChange(n, n.mac, stateBefore, why);
  }

  private traceChange(n: Pick<Neighbour, 'dev' | 'ip' | 'mac' | 'state'>, macBefore: MacAddress | null, stateBefore: NeighbourState | 'NONE', why: NeighWhy): void {
    const tracer = this.host.tracer;
    if (!tracer.enabled) return;
    const before = { mac: macBefore, state: stateBefore };
    const created = before.state === 'NONE';
    tracer.record({
      timeUs: this.host.now, node: this.host.id, iface: n.dev.name, step: 'neigh',
      neigh: {
        dev: n.dev.name, ip: formatIpv4Address(n.ip), macBefore: before.mac, macAfter: n.mac,
        stateBefore: before.state === 'NONE' ? null : before.state,
        stateAfter: n.state === 'NONE' ? null : n.state,
      },
      explain: {
        key: created ? (n.mac === null ? 'neigh.resolving' : 'neigh.created')
          : before.mac !== n.mac ? (before.mac === null ? 'neigh.learned' : 'neigh.updated') : 'neigh.state',
        params: { ip: formatIpv4Address(n.ip), mac: n.mac ?? '', before: before.mac ?? '', state: n.state, previous: before.state, why },
      },
    });
  }

  private traceIgnored(n: Neighbour, mac: MacAddress | null, why: NeighWhy): void {
    const tracer = this.host.tracer;
    if (!tracer.enabled) return;
    tracer.record({
      timeUs: this.host.now, node: this.host.id, iface: n.dev.name, step: 'neigh',
      neigh: { dev: n.dev.name, ip: formatIpv4Address(n.ip), macBefore: n.mac, macAfter: n.mac, stateBefore: n.state === 'NONE' ? null : n.state, stateAfter: n.state === 'NONE' ? null : n.state },
      explain: { key: 'neigh.override.ignored', params: { ip: formatIpv4Address(n.ip), mac: n.mac ?? '', offered: mac ?? '', why } },
    });
  }
}
