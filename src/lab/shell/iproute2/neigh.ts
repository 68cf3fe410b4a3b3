import { formatIpv4Address, inSubnet, parseCidr, parseIpv4Address, type Ipv4Address } from '../../../wire/ipv4-address.ts';
import { parseMacAddress } from '../../../wire/mac-address.ts';
import type { NeighbourSnapshot } from '../../../sim/model/snapshot.ts';
import type { LabNode } from '../../document.ts';
import { findInterface } from '../kernel/edit.ts';
import type { NeighPrefix, ShellRuntime } from '../types.ts';
import { incomplete, invarg, isIpError, matches, parseAddress, rtnetlink, type IpError } from './args.ts';

/** `ip neigh` as typed operations (iproute2 6.1 ipneigh.c); the table lives in the running simulation. */
export type NeighOp =
  | { readonly kind: 'show' | 'flush'; readonly dev: string | undefined; readonly prefix: NeighPrefix | undefined }
  | { readonly kind: 'add' | 'replace'; readonly ip: Ipv4Address; readonly mac: string; readonly dev: string }
  | { readonly kind: 'del'; readonly ip: Ipv4Address; readonly dev: string };

/** Parses `ip neigh …` arguments (after the object word). */
export function parseNeigh(args: readonly string[]): NeighOp | IpError {
  const [cmd, ...rest] = args;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || cmd === 'lst' || matches(cmd, 'flush')) {
    const flush = cmd !== undefined && matches(cmd, 'flush');
    let dev: string | undefined;
    let prefix: NeighPrefix | undefined;
    let all = false;
    for (let i = 0; i < rest.length; i++) {
      let a = rest[i]!;
      if (a === 'dev') {
        const v = rest[++i];
        if (v === undefined) return incomplete;
        dev = v;
      } else if (a === 'all') all = true;
      else if (a === 'nud') {
        if (rest[++i] === undefined) return incomplete;
      } else if (a === 'proxy' || a === 'unused' || a === 'vrf' || a === 'master' || a === 'nomaster') {
        return { message: `lab: "ip neigh ${cmd ?? 'show'} ${a}" is not simulated\n`, status: 1 };
      } else {
        // do_show_or_flush: anything else is the address prefix (`to` may come first; get_prefix).
        if (a === 'to') {
          const v = rest[++i];
          if (v === undefined) return incomplete;
          a = v;
        }
        const p = parseCidr(a);
        if (p === null) return invarg('to value is invalid', a);
        prefix = { address: p.address, len: p.prefixLength };
      }
    }
    if (flush && dev === undefined && prefix === undefined && !all) return { message: 'Flush requires arguments.\n', status: 255 };
    return { kind: flush ? 'flush' : 'show', dev, prefix };
  }
  const kind = matches(cmd, 'add') ? 'add' : matches(cmd, 'replace') || matches(cmd, 'change') ? 'replace' : matches(cmd, 'delete') || cmd === 'del' ? 'del' : undefined;
  if (kind === undefined) return { message: `Command "${cmd}" is unknown, try "ip neigh help".\n`, status: 255 };
  let ip: Ipv4Address | undefined;
  let mac: string | undefined;
  let dev: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const next = (): string | IpError => rest[++i] ?? incomplete;
    if (a === 'lladdr') {
      const v = next();
      if (isIpError(v)) return v;
      const m = parseMacAddress(v.toLowerCase());
      if (m === null) return { message: `"${v}" is invalid lladdr.\n`, status: 255 };
      mac = m;
    } else if (a === 'dev') {
      const v = next();
      if (isIpError(v)) return v;
      dev = v;
    } else if (a === 'nud') {
      const v = next();
      if (isIpError(v)) return v;
      if (v !== 'permanent') return { message: `lab: only permanent entries can be added here (nud ${v} is not simulated)\n`, status: 1 };
    } else {
      const v = a === 'to' ? next() : a;
      if (isIpError(v)) return v;
      const addr = parseAddress(v);
      if (isIpError(addr)) return addr;
      ip = addr;
    }
  }
  if (dev === undefined || ip === undefined) return { message: 'Device and destination are required arguments.\n', status: 255 };
  if (kind === 'del') return { kind, ip, dev };
  if (mac === undefined) return { message: 'lab: give the link-layer address with lladdr (entries without one are not simulated)\n', status: 1 };
  return { kind, ip, mac, dev };
}

/** `192.168.122.1 dev ens33 lladdr 00:0c:29:… REACHABLE` (print_neigh; dev left out when filtering by it). */
export function neighLine(n: NeighbourSnapshot, showDev: boolean): string {
  return `${n.ip} ${showDev ? `dev ${n.dev} ` : ''}${n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED' ? `lladdr ${n.mac}` : ''} ${n.state}\n`;
}

/** inet_addr_match: whether `ip` is within the prefix. */
function inPrefix(ip: string, prefix: NeighPrefix | undefined): boolean {
  if (prefix === undefined) return true;
  const a = parseIpv4Address(ip);
  return a !== null && inSubnet(a, prefix.address, prefix.len);
}

/** Runs an `ip neigh` operation against the running simulation. */
export function runNeigh(op: NeighOp, node: LabNode, runtime: ShellRuntime | undefined): { stdout: string } | IpError {
  if ('dev' in op && op.dev !== undefined && !findInterface(node, op.dev)) return { message: `Cannot find device "${op.dev}"\n`, status: 1 };
  const entries = runtime?.snapshot(node.id)?.neighbours ?? [];
  switch (op.kind) {
    case 'show':
      // ip neigh hides NOARP entries unless asked (filter.state = ~NUD_NOARP).
      return { stdout: entries.filter((n) => n.state !== 'NOARP' && (op.dev === undefined || n.dev === op.dev) && inPrefix(n.ip, op.prefix)).map((n) => neighLine(n, op.dev === undefined)).join('') };
    case 'flush':
      runtime?.flushNeighbours(node.id, op.dev, op.prefix);
      return { stdout: '' };
    case 'add':
    case 'replace': {
      const ip = formatIpv4Address(op.ip);
      if (op.kind === 'add' && entries.some((n) => n.dev === op.dev && n.ip === ip)) return rtnetlink('File exists');
      runtime?.setNeighbour(node.id, op.dev, ip, op.mac);
      return { stdout: '' };
    }
    case 'del': {
      const ip = formatIpv4Address(op.ip);
      if (!entries.some((n) => n.dev === op.dev && n.ip === ip)) return rtnetlink('No such file or directory');
      runtime?.setNeighbour(node.id, op.dev, ip, null);
      return { stdout: '' };
    }
  }
}
