import { parseMacAddress } from '../../../wire/mac-address.ts';
import type { LabDocument, LabNode } from '../../document.ts';
import { mtuRange } from '../kernel/devices.ts';
import { findInterface, setInterface, setLinkUp, withNode } from '../kernel/edit.ts';
import { duparg2, extack, incomplete, invarg, isIpError, matches, nodev, type IpError } from './args.ts';
import { linkAddressLine, linkHeaderLine } from './format.ts';

/** `ip link` as typed operations (iproute2 6.1 iplink.c). */
export type LinkOp =
  | { readonly kind: 'show'; readonly dev: string | undefined }
  | { readonly kind: 'set'; readonly dev: string; readonly up: boolean | undefined; readonly mtu: number | undefined; readonly mac: string | undefined };

/** Parses `ip link …` arguments (after the object word). */
export function parseLink(args: readonly string[]): LinkOp | IpError {
  const [cmd, ...rest] = args;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || cmd === 'lst') {
    let dev: string | undefined;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      const v = a === 'dev' ? rest[++i] : a;
      if (v === undefined) return incomplete;
      if (a === 'up') continue;
      if (dev !== undefined) return duparg2('dev', v);
      dev = v;
    }
    return { kind: 'show', dev };
  }
  if (matches(cmd, 'set')) return parseSet(rest);
  if (matches(cmd, 'add') || matches(cmd, 'delete')) return { message: 'lab: creating and deleting devices is not simulated; modprobe ipip creates tunl0\n', status: 1 };
  return { message: `Command "${cmd}" is unknown, try "ip link help".\n`, status: 255 };
}

function parseSet(args: readonly string[]): LinkOp | IpError {
  let dev: string | undefined;
  let up: boolean | undefined;
  let mtu: number | undefined;
  let mac: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string | IpError => args[++i] ?? incomplete;
    if (a === 'up' || a === 'down') up = a === 'up';
    else if (a === 'mtu') {
      const v = next();
      if (isIpError(v)) return v;
      if (mtu !== undefined) return { message: `Error: duplicate "mtu": "${v}" is the second value.\n`, status: 255 };
      if (!/^\d+$/.test(v)) return invarg('Invalid "mtu" value\n', v);
      mtu = Number(v);
    } else if (matches(a, 'address')) {
      const v = next();
      if (isIpError(v)) return v;
      const m = parseMacAddress(v.toLowerCase());
      if (m === null) return { message: `"${v}" is invalid lladdr.\n`, status: 1 };
      mac = m;
    } else {
      const v = a === 'dev' ? next() : a;
      if (isIpError(v)) return v;
      if (dev !== undefined) return duparg2('dev', v);
      dev = v;
    }
  }
  if (dev === undefined) return { message: 'Not enough information: "dev" argument is required.\n', status: 1 };
  return { kind: 'set', dev, up, mtu, mac };
}

/** Runs an `ip link` operation. */
export function runLink(op: LinkOp, doc: LabDocument, node: LabNode, promiscDevs: ReadonlySet<string>): { stdout: string; doc?: LabDocument } | IpError {
  if (op.kind === 'show') {
    if (op.dev !== undefined && !findInterface(node, op.dev)) return { message: `Device "${op.dev}" does not exist.\n`, status: 1 };
    const out: string[] = [];
    for (const itf of node.interfaces) {
      if (op.dev !== undefined && itf.name !== op.dev) continue;
      out.push(linkHeaderLine(doc, node, itf, promiscDevs.has(itf.name)), linkAddressLine(itf));
    }
    return { stdout: out.map((l) => `${l}\n`).join('') };
  }
  const itf = findInterface(node, op.dev);
  if (!itf) return nodev(op.dev);
  let n = node;
  if (op.mac !== undefined) {
    // dev_set_mac_address: only Ethernet devices have a settable hardware address.
    if (itf.kind !== 'ether') return { message: 'RTNETLINK answers: Operation not supported\n', status: 2 };
    n = setInterface(n, op.dev, (i) => ({ ...i, mac: op.mac }));
  }
  if (op.mtu !== undefined) {
    const { min, max } = mtuRange(itf.kind);
    if (op.mtu < min) return extack('mtu less than device minimum');
    if (op.mtu > max) return extack('mtu greater than device maximum');
    n = setInterface(n, op.dev, (i) => ({ ...i, mtu: op.mtu! }));
  }
  if (op.up !== undefined) n = setLinkUp(n, op.dev, op.up);
  return { stdout: '', doc: n === node ? doc : withNode(doc, n) };
}
