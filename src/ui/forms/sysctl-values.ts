import { CONF_COMBINE, CONF_DEFAULTS, GLOBAL_DEFAULTS, type ConfKey } from '../../sim/model/sysctl-keys.ts';

/** Where a shown value comes from. */
export type ValueSource = 'explicit' | 'default-conf' | 'ip_forward' | 'kernel';

/** A sysctl value of one device as `sysctl` reads it, and where it comes from. */
export interface ConfValue {
  readonly value: number;
  readonly source: ValueSource;
}

/** The full name of a per-device setting. */
export const confName = (dev: string, key: ConfKey): string => `net.ipv4.conf.${dev}.${key}`;

/** A global sysctl: explicit, else the kernel default. */
export function globalValue(sysctls: Readonly<Record<string, number>>, name: string): ConfValue {
  const v = sysctls[name];
  return v !== undefined ? { value: v, source: 'explicit' } : { value: GLOBAL_DEFAULTS[name] ?? 0, source: 'kernel' };
}

/**
 * `conf.<dev>.<key>` as stored for a device, `all` or `default`: explicit, else (for a device)
 * the `default` value it copied when it was created (devinet_copy_dflt_conf), else the kernel
 * default. `forwarding` follows ip_forward, which writes it everywhere (devinet_sysctl_forward).
 */
export function rawConf(sysctls: Readonly<Record<string, number>>, dev: string, key: ConfKey): ConfValue {
  if (key === 'forwarding' && dev === 'all') return globalValue(sysctls, 'net.ipv4.ip_forward');
  const own = sysctls[confName(dev, key)];
  if (own !== undefined) return { value: own, source: 'explicit' };
  if (dev === 'all') return { value: CONF_DEFAULTS[key], source: 'kernel' };
  if (key === 'forwarding') return { value: globalValue(sysctls, 'net.ipv4.ip_forward').value, source: 'ip_forward' };
  if (dev !== 'default') {
    const d = sysctls[confName('default', key)];
    if (d !== undefined) return { value: d, source: 'default-conf' };
  }
  return { value: CONF_DEFAULTS[key], source: 'kernel' };
}

/** The value the kernel uses for a device: combined with `all` (include/linux/inetdevice.h IN_DEV_MAXCONF/ORCONF/ANDCONF). */
export function effectiveConf(sysctls: Readonly<Record<string, number>>, dev: string, key: ConfKey): number {
  const own = rawConf(sysctls, dev, key).value;
  const all = rawConf(sysctls, 'all', key).value;
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
