import {
  GLOBAL_DEFAULTS, isIpvsSysctl, isKnownSysctl, NEIGH_DEFAULTS, parseConfName, parseNeighName, storedSysctlValue, sysctlNames,
} from '../../../sim/model/sysctl-keys.ts';
import { storedConf } from '../../../sim/model/conf-value.ts';
import type { LabNode } from '../../document.ts';

/** The devices that have `net.ipv4.conf.<dev>` and `net.ipv4.neigh.<dev>` entries. */
export const sysctlDevices = (node: LabNode): string[] => node.interfaces.map((i) => i.name);

/** Whether the name exists on this node now (`net.ipv4.vs.*` only while ip_vs is loaded). */
export function sysctlExists(node: LabNode, name: string): boolean {
  if (isIpvsSysctl(name) && !node.ipvs.loaded) return false;
  return isKnownSysctl(name, sysctlDevices(node));
}

/**
 * The value `sysctl NAME` prints: the explicit value, else for a device the value copied from
 * `default` (devinet_copy_dflt_conf), else the kernel default. `forwarding` follows ip_forward
 * unless a device's own value was written (inet_forward_change writes every device).
 */
export function readSysctl(node: LabNode, name: string): number | undefined {
  if (!sysctlExists(node, name)) return undefined;
  const explicit = node.sysctls;
  if (name in GLOBAL_DEFAULTS) return explicit[name] ?? GLOBAL_DEFAULTS[name];
  const c = parseConfName(name);
  if (c) return storedConf((n) => explicit[n], c.dev, c.key).value;
  const n = parseNeighName(name);
  if (n) return explicit[name] ?? explicit[`net.ipv4.neigh.default.${n.key}`] ?? NEIGH_DEFAULTS[n.key];
  return undefined;
}

/** Every name `sysctl -a` lists for this node, sorted. */
export const allSysctlNames = (node: LabNode): string[] => sysctlNames(sysctlDevices(node), node.ipvs.loaded);

/** A value written to a sysctl, as proc_dointvec parses it (leading/trailing blanks allowed). */
export function parseSysctlValue(text: string): number | null {
  const m = /^\s*(-?\d+)\s*$/.exec(text);
  if (!m) return null;
  const v = Number(m[1]);
  return v >= -2147483648 && v <= 2147483647 ? v : null;
}

/**
 * The node after writing `text` to `name` as the kernel's handler takes it (a number, and for
 * IPVS's defense strategies 0..3 with 2 turned back to 1), or EINVAL.
 */
export function writeSysctlText(node: LabNode, name: string, text: string): LabNode | 'EINVAL' {
  const value = parseSysctlValue(text);
  if (value === null) return 'EINVAL';
  const stored = storedSysctlValue(name, value);
  if (stored === 'EINVAL') return 'EINVAL';
  return writeSysctl(node, name, stored);
}

/**
 * The node after writing `value` to `name`. Writing `net.ipv4.ip_forward` or
 * `net.ipv4.conf.all.forwarding` sets forwarding on every device and on `default`
 * (devinet.c inet_forward_change), so per-device `forwarding` values are dropped.
 */
export function writeSysctl(node: LabNode, name: string, value: number): LabNode {
  const next: Record<string, number> = { ...node.sysctls };
  if (name === 'net.ipv4.ip_forward' || name === 'net.ipv4.conf.all.forwarding') {
    for (const k of Object.keys(next)) if (parseConfName(k)?.key === 'forwarding') delete next[k];
    next['net.ipv4.ip_forward'] = value;
  } else {
    next[name] = value;
  }
  return { ...node, sysctls: next };
}

/** `net.ipv4.conf.all.arp_ignore` ↔ `/proc/sys/net/ipv4/conf/all/arp_ignore`. */
export function sysctlPath(name: string): string {
  return `/proc/sys/${name.replace(/\./g, '/')}`;
}

/** The sysctl name of a /proc/sys path (dots in device names are not supported: none here have them). */
export function sysctlNameOfPath(path: string): string | undefined {
  if (!path.startsWith('/proc/sys/')) return undefined;
  return path.slice('/proc/sys/'.length).replace(/\/+$/, '').replace(/\//g, '.');
}

/** Sysctl names accept `/` as separator too (procps: `sysctl net/ipv4/ip_forward`). */
export const normaliseSysctlName = (name: string): string => (name.includes('/') ? name.replace(/^\/+/, '').replace(/\//g, '.') : name);
