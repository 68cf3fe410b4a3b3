import { parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { done, type Command } from '../command.ts';
import { findInterface } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { getopt } from '../getopt.ts';

/** arping of iputils-20160308 (CentOS 7): `arping -c N -I iface [-s source] [-q] destination`. */

const USAGE = `Usage: arping [-fqbDUAV] [-c count] [-w timeout] [-I device] [-s source] destination
  -f : quit on first reply
  -q : be quiet
  -b : keep broadcasting, don't go unicast
  -D : duplicate address detection mode
  -U : Unsolicited ARP mode, update your neighbours
  -A : ARP answer mode, update your neighbours
  -V : print version and exit
  -c count : how many packets to send
  -w timeout : how long to wait for a reply
  -I device : which ethernet device to use
  -s source : source ip address
  destination : ask for what ip address
`;

/** arping's options. */
export interface ArpingOp {
  readonly target: string;
  readonly count: number;
  readonly iface: string;
  readonly source: string | undefined;
  readonly quiet: boolean;
}

/** Parses arping's arguments; without -I arping uses eth0 (its built-in default device). */
export function parseArping(args: readonly string[]): ArpingOp | { error: string; status: number } {
  let count: number | undefined;
  let iface = 'eth0';
  let source: string | undefined;
  let quiet = false;
  const operands: string[] = [];
  for (const item of getopt(args, 'cIsw')) {
    if (item.kind === 'operand') {
      operands.push(item.text);
      continue;
    }
    if (item.kind === 'missing') return { error: `arping: option requires an argument -- '${item.flag}'\n${USAGE}`, status: 2 };
    const { flag: f, value: v } = item;
    if (f === 'c') {
      if (!/^\d+$/.test(v!)) return { error: USAGE, status: 2 };
      count = Number(v);
    } else if (f === 'I') iface = v!;
    else if (f === 's') source = v;
    else if (f === 'w') return { error: 'lab: arping -w is not simulated; give a count with -c\n', status: 2 };
    else if (f === 'q') quiet = true;
    else if ('fbDUAV'.includes(f)) return { error: `lab: arping -${f} is not simulated\n`, status: 2 };
    else return { error: `arping: invalid option -- '${f}'\n${USAGE}`, status: 2 };
  }
  if (operands.length !== 1) return { error: USAGE, status: 2 };
  const target = operands[0]!;
  if (parseIpv4Address(target) === null) return { error: `arping: unknown host ${target}\n`, status: 2 };
  if (count === undefined || count === 0) return { error: 'lab: arping runs until interrupted on a real host; give a count, e.g. arping -c 1 -I eth0 ADDRESS\n', status: 2 };
  return { target, count, iface, source, quiet };
}

/** arping. */
export const arping: Command = (io) => {
  const out = new Output();
  const op = parseArping(io.argv.slice(1));
  if ('error' in op) return done(out.err(op.error), op.status);
  const itf = findInterface(io.node, op.iface);
  if (!itf) return done(out.err(`arping: unknown iface ${op.iface}\n`), 2);
  if (!itf.up) return done(out.err(`Interface "${op.iface}" is down\n`), 2);
  if (itf.kind !== 'ether') return done(out.err(`Interface "${op.iface}" is not ARPable\n`), 2);
  if (op.source !== undefined && parseIpv4Address(op.source) === null) return done(out.err(`arping: invalid source ${op.source}\n`), 2);
  if (!io.runtime) return done(out.err('lab: no simulation is running; traffic needs a running lab\n'), 1);
  const r = io.runtime.traffic({ kind: 'arping', node: io.node.id, iface: op.iface, target: op.target, count: op.count, ...(op.source !== undefined ? { source: op.source } : {}) });
  if (r.kind !== 'arping') return done(out.err('lab: the simulation answered with another kind of result\n'), 1);
  if (r.error === 'no-source') return done(out.err('arping: no source address in not-DAD mode\n', r.startUs), 2);
  if (r.error) return done(out.err(`arping: unknown iface ${op.iface}\n`, r.startUs), 2);
  if (!op.quiet) {
    out.out(`ARPING ${r.target} from ${r.source} ${r.iface}\n`, r.startUs);
    for (const x of r.replies) {
      const us = Math.max(0, Math.round(x.rttUs));
      out.out(`${x.broadcast ? 'Broadcast' : 'Unicast'} reply from ${x.ip} [${x.mac.toUpperCase()}]  ${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}ms\n`, x.timeUs);
    }
    out.out(`Sent ${r.sent} probes (${r.broadcasts} broadcast(s))\nReceived ${r.replies.length} response(s)\n`, r.endUs);
  }
  return done(out, r.replies.length > 0 ? 0 : 1);
};
