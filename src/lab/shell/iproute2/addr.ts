import { formatIpv4Address, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { AddressConfig, AddressScope } from '../../../sim/model/config.ts';
import type { LabDocument, LabNode } from '../../document.ts';
import { kernelAddresses, subnetBroadcast } from '../kernel/addresses.ts';
import { addAddress, deleteAddress, findInterface, isLoopbackAddress, withNode } from '../kernel/edit.ts';
import { duparg, duparg2, incomplete, invarg, isIpError, matches, nodev, parseAddress, parsePrefix, parseScope, rtnetlink, type IpError } from './args.ts';
import { inetLines, linkAddressLine, linkHeaderLine } from './format.ts';

/** `ip address` as typed operations (iproute2 6.1 ipaddress.c). */
export type AddrOp =
  | { readonly kind: 'show'; readonly dev: string | undefined }
  | { readonly kind: 'flush'; readonly dev: string }
  | {
    readonly kind: 'add' | 'del'; readonly dev: string; readonly address: Ipv4Address; readonly prefixLength: number; readonly lengthGiven: boolean;
    readonly label: string | undefined; readonly broadcast: Ipv4Address | '+' | '-' | undefined; readonly scope: AddressScope | undefined; readonly text: string;
    /** `ip addr del dev X` without an address: the first address of the device. */
    readonly anyAddress: boolean;
  };

/** Parses `ip addr …` arguments (after the object word). */
export function parseAddr(args: readonly string[]): AddrOp | IpError {
  const [cmd, ...rest] = args;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || cmd === 'lst') return parseShow(rest);
  if (matches(cmd, 'add') || matches(cmd, 'delete')) return parseModify(cmd.startsWith('a') ? 'add' : 'del', rest);
  if (matches(cmd, 'flush')) {
    const sel = parseShow(rest);
    if (isIpError(sel)) return sel;
    if (sel.kind !== 'show' || sel.dev === undefined) return { message: 'Flush requires arguments.\n', status: 1 };
    return { kind: 'flush', dev: sel.dev };
  }
  return { message: `Command "${cmd}" is unknown, try "ip address help".\n`, status: 255 };
}

function parseShow(args: readonly string[]): AddrOp | IpError {
  let dev: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'dev') {
      const v = args[++i];
      if (v === undefined) return incomplete;
      if (dev !== undefined) return duparg2('dev', v);
      dev = v;
    } else if (a === 'up' || a === 'primary' || a === 'secondary') {
      continue;
    } else {
      if (dev !== undefined) return duparg2('dev', a);
      dev = a;
    }
  }
  return { kind: 'show', dev };
}

function parseModify(kind: 'add' | 'del', args: readonly string[]): AddrOp | IpError {
  let dev: string | undefined;
  let local: { address: Ipv4Address; prefixLength: number; lengthGiven: boolean; text: string } | undefined;
  let label: string | undefined;
  let broadcast: Ipv4Address | '+' | '-' | undefined;
  let scope: AddressScope | undefined;
  for (let i = 0; i < args.length; i++) {
    let a = args[i]!;
    const next = (): string | IpError => args[++i] ?? incomplete;
    if (a === 'dev') {
      const v = next();
      if (isIpError(v)) return v;
      if (dev !== undefined) return duparg('dev', v);
      dev = v;
    } else if (matches(a, 'label')) {
      const v = next();
      if (isIpError(v)) return v;
      label = v;
    } else if (matches(a, 'broadcast') || a === 'brd') {
      const v = next();
      if (isIpError(v)) return v;
      if (broadcast !== undefined) return duparg('broadcast', v);
      if (v === '+' || v === '-') broadcast = v;
      else {
        const b = parseAddress(v);
        if (isIpError(b)) return b;
        broadcast = b;
      }
    } else if (matches(a, 'scope')) {
      const v = next();
      if (isIpError(v)) return v;
      const s = parseScope(v);
      if (s === null) return invarg('invalid scope value.', v);
      scope = s;
    } else if (a === 'valid_lft' || a === 'preferred_lft') {
      const v = next();
      if (isIpError(v)) return v;
      if (v !== 'forever') return { message: 'lab: address lifetimes other than "forever" are not simulated\n', status: 1 };
    } else {
      if (matches(a, 'local')) {
        const v = next();
        if (isIpError(v)) return v;
        a = v;
      }
      if (local !== undefined) return duparg2('local', a);
      const p = parsePrefix(a, false);
      if (isIpError(p)) return p;
      local = { ...p, text: a };
    }
  }
  if (dev === undefined) return { message: 'Not enough information: "dev" argument is required.\n', status: 1 };
  // Without an address the kernel refuses an add, and a delete takes the device's first address
  // (inet_rtm_deladdr matches only the attributes it was given).
  if (local === undefined && kind === 'add') return rtnetlink('Invalid argument');
  if (label !== undefined && label !== dev && !label.startsWith(`${dev}:`)) {
    return { message: `"label" (${label}) must match "dev" (${dev}) or be prefixed by "dev" with a colon.\n`, status: 1 };
  }
  if (local === undefined) return { kind, dev, address: 0, prefixLength: 32, lengthGiven: true, label, broadcast, scope, text: '', anyAddress: true };
  return { kind, dev, address: local.address, prefixLength: local.prefixLength, lengthGiven: local.lengthGiven, label, broadcast, scope, text: local.text, anyAddress: false };
}

/** Runs an `ip address` operation: a listing, or the edited document. */
export function runAddr(op: AddrOp, doc: LabDocument, node: LabNode, promiscDevs: ReadonlySet<string>, ipv4Only: boolean): { stdout: string; doc?: LabDocument; stderr?: string } | IpError {
  switch (op.kind) {
    case 'show': {
      if (op.dev !== undefined && !findInterface(node, op.dev)) return { message: `Device "${op.dev}" does not exist.\n`, status: 1 };
      const byDev = kernelAddresses(node);
      const out: string[] = [];
      for (const itf of node.interfaces) {
        if (op.dev !== undefined && itf.name !== op.dev) continue;
        const addrs = byDev.get(itf.name) ?? [];
        if (ipv4Only && addrs.length === 0) continue;
        out.push(linkHeaderLine(doc, node, itf, promiscDevs.has(itf.name)));
        if (!ipv4Only) out.push(linkAddressLine(itf));
        for (const a of addrs) out.push(...inetLines(a));
      }
      return { stdout: out.map((l) => `${l}\n`).join('') };
    }
    case 'flush': {
      if (!findInterface(node, op.dev)) return { message: `Device "${op.dev}" does not exist.\n`, status: 1 };
      let n = node;
      for (const a of kernelAddresses(node).get(op.dev) ?? []) {
        if (isLoopbackAddress(a)) continue;
        const still = (kernelAddresses(n).get(op.dev) ?? []).find((x) => x.config === a.config);
        if (still) n = deleteAddress(n, still);
      }
      return { stdout: '', doc: n === node ? doc : withNode(doc, n) };
    }
    case 'add': {
      if (!findInterface(node, op.dev)) return nodev(op.dev);
      const broadcast = op.broadcast === '+' ? (op.prefixLength < 31 ? subnetBroadcast(op.address, op.prefixLength) : undefined)
        : op.broadcast === '-' ? (op.prefixLength < 31 ? (op.address & ~(subnetBroadcast(0, op.prefixLength))) >>> 0 : undefined)
          : op.broadcast;
      // default_scope(): addresses in 127/8 are host-scoped unless a scope is given.
      const scope = op.scope ?? (op.address >>> 24 === 127 ? 'host' : 'global');
      const a: AddressConfig = {
        dev: op.dev, address: formatIpv4Address(op.address), prefixLength: op.prefixLength,
        ...(op.label !== undefined && op.label !== op.dev ? { label: op.label } : {}),
        ...(scope !== 'global' ? { scope } : {}),
        ...(broadcast !== undefined ? { broadcast: formatIpv4Address(broadcast) } : {}),
      };
      const r = addAddress(node, a);
      if (r === 'EEXIST') return rtnetlink('File exists');
      if (r === 'EINVAL') return rtnetlink('Invalid argument');
      return { stdout: '', doc: withNode(doc, r) };
    }
    case 'del': {
      if (!findInterface(node, op.dev)) return nodev(op.dev);
      // Without a prefix length iproute2 deletes by address alone, with a warning.
      const warning = op.lengthGiven || op.anyAddress ? '' : [
        'Warning: Executing wildcard deletion to stay compatible with old scripts.',
        `         Explicitly specify the prefix length (${op.text}/32) to avoid this warning.`,
        '         This special behaviour is likely to disappear in further releases,',
        '         fix your scripts!', '',
      ].join('\n');
      const target = (kernelAddresses(node).get(op.dev) ?? []).find((x) => (op.anyAddress || x.address === op.address)
        && (!op.lengthGiven || op.anyAddress || x.prefixLength === op.prefixLength) && (op.label === undefined || x.label === op.label));
      if (!target) return { message: `${warning}RTNETLINK answers: Cannot assign requested address\n`, status: 2 };
      if (isLoopbackAddress(target)) return { message: `${warning}lab: 127.0.0.1/8 on lo is fixed in this lab\n`, status: 1 };
      return { stdout: '', doc: withNode(doc, deleteAddress(node, target)), ...(warning ? { stderr: warning } : {}) };
    }
  }
}
