import { formatIpv4Address, parseIpv4Address, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { RealServerConfig, VirtualServiceConfig } from '../model/config.ts';
import type { IpvsServiceSnapshot } from '../model/snapshot.ts';
import { IpvsDest } from './dest.ts';
import { getScheduler } from './schedulers/registry.ts';
import type { SchedContext, SchedPacket, Scheduler, SchedFlags, SchedService, SchedulerState } from './schedulers/types.ts';
import { Estimator, newStats, type MutableStats } from './stats.ts';

/** The key that identifies a service: `tcp 3232267964 80`, `fwmark 1`. */
export function serviceKey(cfg: Pick<VirtualServiceConfig, 'protocol' | 'address' | 'port' | 'fwmark'>): string {
  return cfg.protocol === 'fwmark' ? `fwmark ${cfg.fwmark ?? 0}` : `${cfg.protocol} ${cfg.address ?? ''} ${cfg.port ?? 0}`;
}

const destKey = (address: Ipv4Address, port: number): string => `${address}:${port}`;

/** A virtual service (struct ip_vs_service) with its real servers in kernel order. */
export class IpvsService implements SchedService {
  readonly protocol: 'tcp' | 'udp' | 'fwmark';
  readonly address: Ipv4Address;
  readonly port: number;
  readonly fwmark: number;
  /** Newest first, as list_add_rcu leaves svc->destinations. */
  destinations: IpvsDest[] = [];
  /** Deleted servers, kept for their connections and revived by a new `-a` (ip_vs_trash_get_dest). */
  private readonly trash: IpvsDest[] = [];
  scheduler: Scheduler;
  schedState: SchedulerState;
  flags: SchedFlags;
  /** Persistence timeout in µs, or undefined. */
  persistentUs: number | undefined;
  netmask: Ipv4Address;
  onePacket: boolean;
  readonly stats: MutableStats = newStats();
  readonly estimator = new Estimator();
  private cfg: VirtualServiceConfig;

  constructor(cfg: VirtualServiceConfig, scheduler: Scheduler, ctx: SchedContext) {
    this.cfg = cfg;
    this.protocol = cfg.protocol;
    this.address = cfg.address !== undefined ? (parseIpv4Address(cfg.address) ?? 0) : 0;
    this.port = cfg.port ?? 0;
    this.fwmark = cfg.fwmark ?? 0;
    this.flags = flagsOf(cfg);
    this.persistentUs = cfg.persistentTimeout !== undefined ? cfg.persistentTimeout * 1_000_000 : undefined;
    this.netmask = parseIpv4Address(cfg.persistentNetmask ?? '255.255.255.255') ?? 0xffffffff;
    this.onePacket = cfg.onePacket ?? false;
    this.scheduler = scheduler;
    this.schedState = scheduler.initService(this, ctx);
  }

  /** How the kernel log names the service: `TCP 192.168.122.188:80`, `FWM 1 0x00000001`. */
  get label(): string {
    if (this.protocol === 'fwmark') return `FWM ${this.fwmark} 0x${this.fwmark.toString(16).toUpperCase().padStart(8, '0')}`;
    return `${this.protocol.toUpperCase()} ${formatIpv4Address(this.address)}:${this.port}`;
  }

  get config(): VirtualServiceConfig {
    return this.cfg;
  }

  /**
   * Applies an edited service configuration (`-E`): scheduler, persistence, flags; then the real
   * servers, reproducing the `-a`/`-d`/`-e` sequence that leads from the current list to the new one.
   * Whether a server was deleted.
   */
  update(cfg: VirtualServiceConfig, ctx: SchedContext): boolean {
    const old = this.cfg;
    this.cfg = cfg;
    this.flags = flagsOf(cfg);
    this.persistentUs = cfg.persistentTimeout !== undefined ? cfg.persistentTimeout * 1_000_000 : undefined;
    this.netmask = parseIpv4Address(cfg.persistentNetmask ?? '255.255.255.255') ?? 0xffffffff;
    this.onePacket = cfg.onePacket ?? false;
    if (cfg.scheduler !== old.scheduler) {
      // ip_vs_edit_service: unbind the old scheduler, bind the new one (init_service on the current list).
      const s = getScheduler(cfg.scheduler);
      if (s) {
        this.scheduler = s;
        this.schedState = s.initService(this, ctx);
      }
    }
    return this.syncDests(cfg.realServers, ctx);
  }

  /** Brings the server list to `wanted` (oldest first) with the fewest deletes and adds; whether a server was deleted. */
  syncDests(wanted: readonly RealServerConfig[], ctx: SchedContext): boolean {
    const target = wanted.map((r) => ({ r, key: destKey(parseIpv4Address(r.address) ?? 0, r.port) }));
    const targetKeys = new Set(target.map((t) => t.key));
    const gone = this.destinations.filter((d) => !targetKeys.has(destKey(d.address, d.port)));
    for (const d of gone) this.deleteDest(d, ctx);
    const oldestFirst = [...this.destinations].reverse();
    let keep = 0;
    while (keep < oldestFirst.length && keep < target.length && destKey(oldestFirst[keep]!.address, oldestFirst[keep]!.port) === target[keep]!.key) keep++;
    const reordered = oldestFirst.slice(keep);
    for (const d of reordered) this.deleteDest(d, ctx);
    target.forEach((t, i) => {
      if (i < keep) this.editDest(this.destinations.find((d) => destKey(d.address, d.port) === t.key)!, t.r, ctx);
      else this.addDest(t.r, ctx);
    });
    return gone.length + reordered.length > 0;
  }

  /**
   * svc->scheduler->schedule: the real server for a new connection, or null. A scheduler picks
   * one of `destinations` (it sees them as SchedDest), so what it returns is one of ours.
   */
  schedule(pkt: SchedPacket, ctx: SchedContext): IpvsDest | null {
    return this.scheduler.schedule(this, this.schedState, pkt, ctx) as IpvsDest | null;
  }

  /** ip_vs_add_dest: a new server (or one revived from the trash) goes to the head of the list. */
  private addDest(r: RealServerConfig, ctx: SchedContext): void {
    const address = parseIpv4Address(r.address) ?? 0;
    const i = this.trash.findIndex((d) => d.address === address && d.port === r.port);
    let dest: IpvsDest;
    if (i >= 0) {
      dest = this.trash.splice(i, 1)[0]!;
      dest.available = true;
      this.applyDest(dest, r);
    } else {
      dest = new IpvsDest(address, r.port, r.forwardingMethod, r.weight, r.upperThreshold, r.lowerThreshold);
    }
    this.destinations = [dest, ...this.destinations];
    this.scheduler.addDest(this, this.schedState, dest, ctx);
  }

  /** ip_vs_edit_dest: new weight, method and thresholds; upd_dest when anything changed. */
  private editDest(dest: IpvsDest, r: RealServerConfig, ctx: SchedContext): void {
    if (dest.weight === r.weight && dest.forwardingMethod === r.forwardingMethod && dest.upperThreshold === r.upperThreshold && dest.lowerThreshold === r.lowerThreshold) return;
    this.applyDest(dest, r);
    this.scheduler.updDest(this, this.schedState, dest, ctx);
  }

  private applyDest(dest: IpvsDest, r: RealServerConfig): void {
    dest.weight = r.weight;
    // __ip_vs_update_dest: last_weight follows only non-zero weights.
    if (r.weight > 0) dest.lastWeight = r.weight;
    dest.forwardingMethod = r.forwardingMethod;
    // "if (udest->u_threshold == 0 || udest->u_threshold > dest->u_threshold) clear OVERLOAD"
    if (r.upperThreshold === 0 || r.upperThreshold > dest.upperThreshold) dest.overloaded = false;
    dest.upperThreshold = r.upperThreshold;
    dest.lowerThreshold = r.lowerThreshold;
  }

  /** ip_vs_del_dest: unlinked, not available; its connections keep it (the trash). */
  private deleteDest(dest: IpvsDest, ctx: SchedContext): void {
    this.destinations = this.destinations.filter((d) => d !== dest);
    dest.available = false;
    this.trash.push(dest);
    this.scheduler.delDest(this, this.schedState, dest, ctx);
  }

  /** Every server ever attached that still exists (listed or in the trash). */
  allDests(): IpvsDest[] {
    return [...this.destinations, ...this.trash];
  }

  /** `ipvsadm -Z` for this service. */
  zero(): void {
    for (const s of [this.stats, ...this.allDests().map((d) => d.stats)]) Object.assign(s, newStats());
    this.estimator.reset(this.stats);
    for (const d of this.allDests()) d.estimator.reset(d.stats);
  }

  snapshot(): IpvsServiceSnapshot {
    return {
      protocol: this.protocol,
      ...(this.protocol === 'fwmark' ? { fwmark: this.fwmark } : { address: formatIpv4Address(this.address), port: this.port }),
      scheduler: this.scheduler.name,
      ...(this.cfg.persistentTimeout !== undefined ? { persistentTimeout: this.cfg.persistentTimeout } : {}),
      ...(this.cfg.persistentNetmask !== undefined ? { persistentNetmask: this.cfg.persistentNetmask } : {}),
      schedulerFlags: this.cfg.schedulerFlags ?? [],
      onePacket: this.onePacket,
      dests: this.destinations.map((d) => d.snapshot()),
      stats: { ...this.stats },
      rates: this.estimator.read(),
      destRates: this.destinations.map((d) => d.estimator.read()),
    };
  }
}

function flagsOf(cfg: VirtualServiceConfig): SchedFlags {
  const f = new Set(cfg.schedulerFlags ?? []);
  return { shFallback: f.has('sh-fallback'), shPort: f.has('sh-port'), mhFallback: f.has('mh-fallback'), mhPort: f.has('mh-port') };
}
