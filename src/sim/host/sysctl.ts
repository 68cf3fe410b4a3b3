import { combineConf, storedConf } from '../model/conf-value.ts';
import {
  CONF_DEFAULTS, GLOBAL_DEFAULTS, NEIGH_DEFAULTS, parseConfName, parseNeighName, type ConfKey, type NeighKey,
} from '../model/sysctl-keys.ts';

export type { ConfKey, NeighKey } from '../model/sysctl-keys.ts';

/** The effective `net.ipv4.conf` values of one device. */
export type DevConf = Readonly<Record<ConfKey, number>>;
/** The `net.ipv4.neigh` parameters of one device. */
export type NeighParms = Readonly<Record<NeighKey, number>>;

const CONF_KEYS = Object.keys(CONF_DEFAULTS) as ConfKey[];
const NEIGH_KEYS = Object.keys(NEIGH_DEFAULTS) as NeighKey[];

/**
 * A node's sysctl values: the explicitly set ones over the kernel defaults. Per-interface
 * values not set explicitly inherit `conf.default` (devinet_copy_dflt_conf); `all` is combined at
 * use time.
 */
export class Sysctl {
  private values: ReadonlyMap<string, number>;
  /** Bumped by every change; devices compare it to refresh the settings they hold. */
  private changes = 0;
  /** Effective per-device values, computed on first use after each change (packets read them constantly). */
  private confCache = new Map<string, DevConf>();
  private neighCache = new Map<string, NeighParms>();
  /** net.ipv4.ip_default_ttl, kept at hand like net->ipv4.sysctl_ip_default_ttl: every locally built packet reads it. */
  private defaultTtl: number;
  /** net.ipv4.ip_no_pmtu_disc, likewise: every new socket reads it. */
  private noPmtuDisc: number;

  constructor(explicit: Readonly<Record<string, number>>) {
    this.values = new Map(Object.entries(explicit));
    this.defaultTtl = this.global('net.ipv4.ip_default_ttl');
    this.noPmtuDisc = this.global('net.ipv4.ip_no_pmtu_disc');
  }

  /** `net.ipv4.ip_default_ttl`. */
  get ipDefaultTtl(): number {
    return this.defaultTtl;
  }

  /** `net.ipv4.ip_no_pmtu_disc`. */
  get ipNoPmtuDisc(): number {
    return this.noPmtuDisc;
  }

  /** Changes so far: a device's cached settings are current while this is unchanged. */
  get generation(): number {
    return this.changes;
  }

  /** Replaces the explicit values (a reconfiguration). */
  replace(explicit: Readonly<Record<string, number>>): void {
    this.values = new Map(Object.entries(explicit));
    this.changes++;
    this.confCache = new Map();
    this.neighCache = new Map();
    this.defaultTtl = this.global('net.ipv4.ip_default_ttl');
    this.noPmtuDisc = this.global('net.ipv4.ip_no_pmtu_disc');
  }

  /** The value of a global sysctl. */
  global(name: string): number {
    return this.values.get(name) ?? GLOBAL_DEFAULTS[name] ?? 0;
  }

  /** `conf.<dev>.<key>` as stored for one device (or `all`/`default`), before combining. */
  rawConf(dev: string, key: ConfKey): number {
    return storedConf(this.explicit, dev, key).value;
  }

  private readonly explicit = (name: string): number | undefined => this.values.get(name);

  /** The effective value for a device, combined with `all` as the kernel does. */
  conf(dev: string, key: ConfKey): number {
    return this.devConf(dev)[key];
  }

  /** Every effective `conf` value of a device (what IN_DEV_CONF_GET / IN_DEV_MAXCONF … read). */
  devConf(dev: string): DevConf {
    let c = this.confCache.get(dev);
    if (!c) {
      const record = {} as Record<ConfKey, number>;
      for (const key of CONF_KEYS) record[key] = this.combine(dev, key);
      c = record;
      this.confCache.set(dev, c);
    }
    return c;
  }

  private combine(dev: string, key: ConfKey): number {
    return combineConf(key, this.rawConf('all', key), this.rawConf(dev, key));
  }

  /** `neigh.<dev>.<key>`, falling back to `neigh.default`. */
  neigh(dev: string, key: NeighKey): number {
    return this.neighParms(dev)[key];
  }

  /** Every `neigh` parameter of a device (its struct neigh_parms). */
  neighParms(dev: string): NeighParms {
    let p = this.neighCache.get(dev);
    if (!p) {
      const record = {} as Record<NeighKey, number>;
      for (const key of NEIGH_KEYS) {
        record[key] = this.values.get(`net.ipv4.neigh.${dev}.${key}`) ?? this.values.get(`net.ipv4.neigh.default.${key}`) ?? NEIGH_DEFAULTS[key];
      }
      p = record;
      this.neighCache.set(dev, p);
    }
    return p;
  }

  /** The value `sysctl name` prints, or undefined for a name that does not exist here. */
  read(name: string, devices: readonly string[]): number | undefined {
    if (name in GLOBAL_DEFAULTS) return this.global(name);
    const c = parseConfName(name);
    if (c && (c.dev === 'all' || c.dev === 'default' || devices.includes(c.dev))) return this.rawConf(c.dev, c.key);
    const n = parseNeighName(name);
    if (n && (n.dev === 'default' || devices.includes(n.dev))) return this.neigh(n.dev, n.key);
    return undefined;
  }
}
