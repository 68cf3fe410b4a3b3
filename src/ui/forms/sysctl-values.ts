import { combineConf, storedConf, type ConfValue } from '../../sim/model/conf-value.ts';
import { GLOBAL_DEFAULTS, type ConfKey } from '../../sim/model/sysctl-keys.ts';

export type { ConfValue, ValueSource } from '../../sim/model/conf-value.ts';

/** The full name of a per-device setting. */
export const confName = (dev: string, key: ConfKey): string => `net.ipv4.conf.${dev}.${key}`;

/** A global sysctl: explicit, else the kernel default. */
export function globalValue(sysctls: Readonly<Record<string, number>>, name: string): ConfValue {
  const v = sysctls[name];
  return v !== undefined ? { value: v, source: 'explicit' } : { value: GLOBAL_DEFAULTS[name] ?? 0, source: 'kernel' };
}

/** `conf.<dev>.<key>` as stored for a device, `all` or `default`, and where it comes from. */
export function rawConf(sysctls: Readonly<Record<string, number>>, dev: string, key: ConfKey): ConfValue {
  return storedConf((name) => sysctls[name], dev, key);
}

/** The value the kernel uses for a device: combined with `all` (include/linux/inetdevice.h IN_DEV_MAXCONF/ORCONF/ANDCONF). */
export function effectiveConf(sysctls: Readonly<Record<string, number>>, dev: string, key: ConfKey): number {
  return combineConf(key, rawConf(sysctls, 'all', key).value, rawConf(sysctls, dev, key).value);
}
