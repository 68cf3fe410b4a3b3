/**
 * How a `net.ipv4.conf.<dev>.<key>` value is stored and combined, shared by the simulation, the
 * shell's `sysctl` and the settings forms, so all three read a lab's sysctls the same way.
 */
import { CONF_COMBINE, CONF_DEFAULTS, GLOBAL_DEFAULTS, type ConfKey } from './sysctl-keys.ts';

/** Where a stored value comes from. */
export type ValueSource = 'explicit' | 'default-conf' | 'ip_forward' | 'kernel';

/** A per-device value as `sysctl` reads it, and where it comes from. */
export interface ConfValue {
  readonly value: number;
  readonly source: ValueSource;
}

const IP_FORWARD = 'net.ipv4.ip_forward';

/**
 * `conf.<dev>.<key>` as stored for a device, `all` or `default`: the explicit value, else (for a
 * device) the `default` value it copied when it was created (devinet_copy_dflt_conf), else the
 * kernel default. Writing ip_forward (devinet_sysctl_forward → inet_forward_change) writes
 * `forwarding` everywhere and sets all/accept_redirects to the opposite, so those follow it
 * unless written afterwards. `explicit` looks a full name up among the lab's settings.
 */
export function storedConf(explicit: (name: string) => number | undefined, dev: string, key: ConfKey): ConfValue {
  const ipForward = (): number => explicit(IP_FORWARD) ?? GLOBAL_DEFAULTS[IP_FORWARD] ?? 0;
  if (key === 'forwarding' && dev === 'all') {
    const v = explicit(IP_FORWARD);
    return v !== undefined ? { value: v, source: 'explicit' } : { value: ipForward(), source: 'kernel' };
  }
  const own = explicit(`net.ipv4.conf.${dev}.${key}`);
  if (own !== undefined) return { value: own, source: 'explicit' };
  if (key === 'forwarding') return { value: ipForward(), source: 'ip_forward' };
  if (dev === 'all') {
    if (key === 'accept_redirects' && ipForward() !== 0) return { value: 0, source: 'ip_forward' };
    return { value: CONF_DEFAULTS[key], source: 'kernel' };
  }
  if (dev !== 'default') {
    const d = explicit(`net.ipv4.conf.default.${key}`);
    if (d !== undefined) return { value: d, source: 'default-conf' };
  }
  return { value: CONF_DEFAULTS[key], source: 'kernel' };
}

/** The value the kernel uses for a device, given `all`'s and the device's (IN_DEV_MAXCONF/ORCONF/ANDCONF). */
export function combineConf(key: ConfKey, all: number, own: number): number {
  switch (CONF_COMBINE[key]) {
    case 'max':
      return Math.max(all, own);
    case 'or':
      return all !== 0 || own !== 0 ? 1 : 0;
    case 'and':
      return all !== 0 && own !== 0 ? 1 : 0;
    case 'dev':
      return own;
  }
}
