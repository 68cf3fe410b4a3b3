import { formatIpv4Address, netmaskToPrefix, parseIpv4Address, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { AddressConfig } from '../../../sim/model/config.ts';
import type { LabNode } from '../../document.ts';
import { done, type Command, type CommandIo } from '../command.ts';
import { kernelAddresses, subnetBroadcast, type KernelAddress } from '../kernel/addresses.ts';
import { mtuRange } from '../kernel/devices.ts';
import { addAddress, deleteAddress, findInterface, setInterface, setLinkUp, withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { parseMacAddress } from '../../../wire/mac-address.ts';
import { ifconfigBlock, nstrcmp } from './ifconfig-format.ts';

/** One setting of an `ifconfig NAME …` line, applied left to right as net-tools does. */
export type IfconfigStep =
  | { readonly kind: 'address'; readonly address: Ipv4Address; readonly prefixLength: number | undefined }
  | { readonly kind: 'netmask'; readonly mask: Ipv4Address }
  | { readonly kind: 'broadcast'; readonly address: Ipv4Address }
  | { readonly kind: 'up' | 'down' }
  | { readonly kind: 'mtu'; readonly mtu: number }
  | { readonly kind: 'hw'; readonly mac: string };

/** ifconfig as a typed operation. */
export type IfconfigOp =
  | { readonly kind: 'show'; readonly all: boolean; readonly name: string | undefined }
  | { readonly kind: 'set'; readonly name: string; readonly steps: readonly IfconfigStep[] };

const USAGE_HINT = "ifconfig: `--help' gives usage information.\n";

/** Parses ifconfig's arguments; bad addresses answer as net-tools does (`X: Unknown host`). */
export function parseIfconfig(args: readonly string[]): IfconfigOp | { readonly error: string } {
  let all = false;
  const rest = [...args];
  while (rest[0]?.startsWith('-') && rest[0] !== '-') {
    const o = rest.shift()!;
    if (o === '-a') all = true;
    else if (o === '-s' || o === '-v') continue;
    else return { error: `ifconfig: option \`${o}' not recognised.\n${USAGE_HINT}` };
  }
  const [name, ...settings] = rest;
  if (name === undefined || settings.length === 0) return { kind: 'show', all, name };
  const steps: IfconfigStep[] = [];
  const addr = (s: string | undefined): Ipv4Address | { error: string } => {
    const a = s !== undefined ? parseIpv4Address(s) : null;
    return a === null ? { error: `${s ?? ''}: Unknown host\n${USAGE_HINT}` } : a;
  };
  for (let i = 0; i < settings.length; i++) {
    const a = settings[i]!;
    if (a === 'up' || a === 'down') steps.push({ kind: a });
    else if (a === 'netmask' || a === 'broadcast') {
      const v = addr(settings[++i]);
      if (typeof v !== 'number') return v;
      steps.push(a === 'netmask' ? { kind: 'netmask', mask: v } : { kind: 'broadcast', address: v });
    } else if (a === 'mtu') {
      const v = settings[++i];
      if (v === undefined) return { error: USAGE_HINT };
      steps.push({ kind: 'mtu', mtu: /^\d+$/.test(v) ? Number(v) : 0 });
    } else if (a === 'hw') {
      const cls = settings[++i];
      const mac = settings[++i];
      if (cls !== 'ether' || mac === undefined) return { error: `hw: unknown hardware type ${cls ?? ''}\n${USAGE_HINT}` };
      const m = parseMacAddress(mac.toLowerCase());
      if (m === null) return { error: `${mac}: invalid ether address.\n` };
      steps.push({ kind: 'hw', mac: m });
    } else if (['arp', '-arp', 'promisc', '-promisc', 'allmulti', '-allmulti', 'multicast', 'pointopoint', 'dstaddr', 'txqueuelen', 'add', 'del', 'metric'].includes(a)) {
      return { error: `lab: ifconfig ${a} is not simulated\n` };
    } else {
      const [host, len] = a.split('/');
      const v = addr(host);
      if (typeof v !== 'number') return v;
      if (len !== undefined && !(/^\d+$/.test(len) && Number(len) <= 32)) return { error: `${a}: Unknown host\n${USAGE_HINT}` };
      steps.push({ kind: 'address', address: v, prefixLength: len !== undefined ? Number(len) : undefined });
    }
  }
  return { kind: 'set', name, steps };
}

/** inet_abc_len(): the classful prefix SIOCSIFADDR gives a new address (A /8, B /16, C /24). */
function classfulPrefix(a: Ipv4Address): number {
  const first = a >>> 24;
  if (a === 0) return 0;
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  return 32;
}

/** The address carrying a label (devinet_ioctl looks aliases up by label). */
function byLabel(node: LabNode, dev: string, label: string): KernelAddress | undefined {
  return (kernelAddresses(node).get(dev) ?? []).find((a) => a.label === label);
}

/** Replaces the labelled address with one built from `next` (inet_del_ifa, then inet_insert_ifa). */
function reinsert(node: LabNode, old: KernelAddress | undefined, next: AddressConfig): LabNode | 'EEXIST' | 'EINVAL' {
  const without = old && old.config ? deleteAddress(node, old) : node;
  return addAddress(without, next);
}

function addressConfig(dev: string, label: string, address: Ipv4Address, prefixLength: number, broadcast: Ipv4Address): AddressConfig {
  return {
    dev, address: formatIpv4Address(address), prefixLength,
    ...(label !== dev ? { label } : {}),
    ...(address >>> 24 === 127 ? { scope: 'host' as const } : {}),
    ...(broadcast ? { broadcast: formatIpv4Address(broadcast) } : {}),
  };
}

const ERRNO: Record<string, string> = {
  ENODEV: 'No such device', EADDRNOTAVAIL: 'Cannot assign requested address', EINVAL: 'Invalid argument', EEXIST: 'File exists',
};

/** Applies one step; returns the new node or the ioctl and errno that failed. */
function applyStep(node: LabNode, dev: string, label: string, step: IfconfigStep): LabNode | { ioctl: string; errno: string } {
  const itf = findInterface(node, dev)!;
  const isAlias = label !== dev;
  const hasBroadcastFlag = itf.kind === 'ether';
  const current = byLabel(node, dev, label);
  switch (step.kind) {
    case 'address': {
      if (current && current.address === step.address && step.prefixLength === undefined) return node;
      const prefix = step.prefixLength ?? classfulPrefix(step.address);
      const brd = hasBroadcastFlag && prefix < 31 ? subnetBroadcast(step.address, prefix) : 0;
      const r = reinsert(node, current, addressConfig(dev, label, step.address, prefix, brd));
      return typeof r === 'string' ? { ioctl: 'SIOCSIFADDR', errno: r } : r;
    }
    case 'netmask': {
      if (!current) return { ioctl: 'SIOCSIFNETMASK', errno: 'EADDRNOTAVAIL' };
      const prefix = netmaskToPrefix(step.mask);
      if (prefix === null) return { ioctl: 'SIOCSIFNETMASK', errno: 'EINVAL' };
      if (prefix === current.prefixLength) return node;
      // The default broadcast follows the new mask; a broadcast set by hand stays.
      const brd = hasBroadcastFlag && current.prefixLength < 31 && current.broadcast === subnetBroadcast(current.address, current.prefixLength)
        ? subnetBroadcast(current.address, prefix) : current.broadcast;
      const r = reinsert(node, current, addressConfig(dev, label, current.address, prefix, brd));
      return typeof r === 'string' ? { ioctl: 'SIOCSIFNETMASK', errno: r } : r;
    }
    case 'broadcast': {
      if (!current) return { ioctl: 'SIOCSIFBRDADDR', errno: 'EADDRNOTAVAIL' };
      if (current.broadcast === step.address) return node;
      const r = reinsert(node, current, addressConfig(dev, label, current.address, current.prefixLength, step.address));
      return typeof r === 'string' ? { ioctl: 'SIOCSIFBRDADDR', errno: r } : r;
    }
    case 'up':
    case 'down':
      // On an alias, SIOCSIFFLAGS without IFF_UP deletes the labelled address; IFF_UP changes nothing.
      if (isAlias) {
        if (!current) return { ioctl: 'SIOCSIFFLAGS', errno: 'EADDRNOTAVAIL' };
        return step.kind === 'down' ? deleteAddress(node, current) : node;
      }
      return setLinkUp(node, dev, step.kind === 'up');
    case 'mtu': {
      const { min, max } = mtuRange(itf.kind);
      if (isAlias || step.mtu < min || step.mtu > max) return { ioctl: 'SIOCSIFMTU', errno: 'EINVAL' };
      return setInterface(node, dev, (i) => ({ ...i, mtu: step.mtu }));
    }
    case 'hw':
      if (itf.kind !== 'ether') return { ioctl: 'SIOCSIFHWADDR', errno: 'EINVAL' };
      return setInterface(node, dev, (i) => ({ ...i, mac: step.mac }));
  }
}

/**
 * lib/interface.c if_readlist: the devices (/proc/net/dev) and their addresses' labels
 * (SIOCGIFCONF), sorted by nstrcmp; ifconfig and netstat -i list these.
 */
export function listedInterfaces(node: LabNode): { name: string; dev: string }[] {
  const byDev = kernelAddresses(node);
  const entries: { name: string; dev: string }[] = [];
  for (const itf of node.interfaces) {
    entries.push({ name: itf.name, dev: itf.name });
    for (const a of byDev.get(itf.name) ?? []) if (a.label !== itf.name && !entries.some((e) => e.name === a.label)) entries.push({ name: a.label, dev: itf.name });
  }
  return entries.sort((a, b) => nstrcmp(a.name, b.name));
}

function show(io: CommandIo, op: Extract<IfconfigOp, { kind: 'show' }>): Output {
  const out = new Output();
  const node = io.node;
  const byDev = kernelAddresses(node);
  const promisc = new Set(io.state.jobs.filter((j) => j.running && j.dev !== undefined).map((j) => j.dev!));
  const entries = listedInterfaces(node);
  if (op.name !== undefined) {
    const dev = op.name.split(':')[0]!;
    const itf = findInterface(node, dev);
    if (!itf) return out.err(`${op.name}: error fetching interface information: Device not found\n`);
    const addr = (byDev.get(dev) ?? []).find((a) => a.label === op.name);
    return out.out(ifconfigBlock(io.doc, node, itf, op.name, addr, promisc.has(dev), io.services.counters?.(node.id, dev)));
  }
  for (const e of entries) {
    const itf = findInterface(node, e.dev)!;
    if (!op.all && !itf.up) continue;
    const addr = (byDev.get(e.dev) ?? []).find((a) => a.label === e.name);
    out.out(ifconfigBlock(io.doc, node, itf, e.name, addr, promisc.has(e.dev), io.services.counters?.(node.id, e.dev)));
  }
  return out;
}

/** ifconfig (net-tools 2.0): listings, addresses and aliases, netmask/broadcast, up/down, mtu, hw ether. */
export const ifconfig: Command = (io) => {
  const op = parseIfconfig(io.argv.slice(1));
  if ('error' in op) return done(new Output().err(op.error), 1);
  if (op.kind === 'show') {
    const out = show(io, op);
    return done(out, out.stderr === '' ? 0 : 1);
  }
  const out = new Output();
  const dev = op.name.split(':')[0]!;
  let node = io.node;
  let status = 0;
  for (const step of op.steps) {
    if (!findInterface(node, dev)) {
      // SIOCSIF* on a missing device, and set_flag()'s SIOCGIFFLAGS before up/down.
      if (step.kind === 'up' || step.kind === 'down') out.err(`${op.name}: ERROR while getting interface flags: No such device\n`);
      else out.err(`${step.kind === 'address' ? 'SIOCSIFADDR' : step.kind === 'netmask' ? 'SIOCSIFNETMASK' : step.kind === 'broadcast' ? 'SIOCSIFBRDADDR' : step.kind === 'mtu' ? 'SIOCSIFMTU' : 'SIOCSIFHWADDR'}: No such device\n`);
      status = 1;
      if (step.kind === 'address') out.err(`${op.name}: ERROR while getting interface flags: No such device\n`);
      continue;
    }
    const r = applyStep(node, dev, op.name, step);
    if ('ioctl' in r) {
      out.err(`${r.ioctl}: ${ERRNO[r.errno] ?? r.errno}\n`);
      status = 1;
      continue;
    }
    node = r;
    // After setting an address, ifconfig sets IFF_UP|IFF_RUNNING (a no-op on an alias).
    if (step.kind === 'address' && op.name === dev) node = setLinkUp(node, dev, true);
  }
  return done(out, status, node === io.node ? undefined : withNode(io.doc, node));
};
