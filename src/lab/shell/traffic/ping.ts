import { parseIpv4Address } from '../../../wire/ipv4-address.ts';
import type { PmtuDiscMode } from '../../../sim/model/config.ts';
import type { PingResult } from '../../../sim/model/traffic.ts';
import { done, type Command } from '../command.ts';
import { isLocalAddress } from '../kernel/addresses.ts';
import { findInterface } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { getopt } from '../getopt.ts';

/** ping of iputils-20160308 (CentOS 7): `ping -c N [-i interval] [-I addr|dev] [-s size] [-M do|dont|want] [-q] destination`. */

const USAGE = `Usage: ping [-aAbBdDfhLnOqrRUvV64] [-c count] [-i interval] [-I interface]
            [-m mark] [-M pmtudisc_option] [-l preload] [-p pattern] [-Q tos]
            [-s packetsize] [-S sndbuf] [-t ttl] [-T timestamp_option]
            [-w deadline] [-W timeout] [hop1 ...] destination
Usage: ping -6 [-aAbBdDfhLnOqrRUvV] [-c count] [-i interval] [-I interface]
             [-l preload] [-m mark] [-M pmtudisc_option]
             [-N nodeinfo_option] [-p pattern] [-Q tclass] [-s packetsize]
             [-S sndbuf] [-t ttl] [-T timestamp_option] [-w deadline]
             [-W timeout] destination
`;

/** ping's options. */
export interface PingOp {
  readonly destination: string;
  readonly count: number;
  readonly intervalSec: number | undefined;
  readonly source: string | undefined;
  readonly quiet: boolean;
  readonly payloadBytes: number | undefined;
  readonly pmtuDisc: PmtuDiscMode | undefined;
}

/** The largest -s: 65535 − 20 (IP) − 8 (ICMP). */
const MAX_PAYLOAD = 65_507;
/** atoi(): the leading decimal digits, with a sign; 0 when there are none. */
const atoi = (v: string): number => {
  const m = /^\s*([+-]?\d+)/.exec(v);
  return m ? Number(m[1]) : 0;
};

/** The options of ping that take a value (its getopt string "c:i:I:…"). */
const PING_VALUE_FLAGS = 'ciIsWwtmlpQSMT';

/** Parses ping's arguments (getopt "c:i:I:qns:W:w:…"). */
export function parsePing(args: readonly string[]): PingOp | { error: string; status: number } {
  let count: number | undefined;
  let intervalSec: number | undefined;
  let source: string | undefined;
  let quiet = false;
  let payloadBytes: number | undefined;
  let pmtuDisc: PmtuDiscMode | undefined;
  const operands: string[] = [];
  for (const item of getopt(args, PING_VALUE_FLAGS)) {
    if (item.kind === 'operand') {
      operands.push(item.text);
      continue;
    }
    if (item.kind === 'missing') return { error: `ping: option requires an argument -- '${item.flag}'\n${USAGE}`, status: 2 };
    const { flag: f, value: v } = item;
    if (f === 'c') {
      if (!/^\d+$/.test(v!) || Number(v) < 1) return { error: 'ping: bad number of packets to transmit.\n', status: 2 };
      count = Number(v);
    } else if (f === 'i') {
      if (!/^\d+(\.\d+)?$/.test(v!)) return { error: 'ping: bad timing interval.\n', status: 2 };
      intervalSec = Number(v);
    } else if (f === 'I') source = v;
    else if (f === 'q') quiet = true;
    else if (f === 'n' || f === '4') continue;
    else if (f === 's') {
      payloadBytes = atoi(v!);
      if (payloadBytes < 0) return { error: `ping: illegal negative packet size ${payloadBytes}.\n`, status: 2 };
      if (payloadBytes > MAX_PAYLOAD) return { error: `Error: packet size ${payloadBytes} is too large. Maximum is ${MAX_PAYLOAD}\n`, status: 2 };
    } else if (f === 'M') {
      if (v !== 'do' && v !== 'dont' && v !== 'want' && v !== 'probe') return { error: 'ping: wrong value for -M: do, dont, want are valid ones.\n', status: 2 };
      pmtuDisc = v;
    } else if (PING_VALUE_FLAGS.includes(f)) return { error: `lab: ping -${f} is not simulated\n`, status: 2 };
    else if ('aAbBdDfhLOrRUvV6'.includes(f)) return { error: `lab: ping -${f} is not simulated\n`, status: 2 };
    else return { error: `ping: invalid option -- '${f}'\n${USAGE}`, status: 2 };
  }
  if (operands.length === 0) return { error: USAGE, status: 2 };
  const destination = operands[operands.length - 1]!;
  if (parseIpv4Address(destination) === null) return { error: `ping: ${destination}: Name or service not known\n`, status: 2 };
  if (count === undefined) return { error: 'lab: ping runs until interrupted on a real host; give a count, e.g. ping -c 4 DESTINATION\n', status: 2 };
  return { destination, count, intervalSec, source, quiet, payloadBytes, pmtuDisc };
}

/** iputils' time format: `time=0.045 ms`, `time=1.23 ms`, `time=12.3 ms`, `time=123 ms`. */
export function pingTime(us: number): string {
  if (us >= 100_000) return `${Math.floor(us / 1000)}`;
  if (us >= 10_000) return `${Math.floor(us / 1000)}.${Math.floor((us % 1000) / 100)}`;
  if (us >= 1_000) return `${Math.floor(us / 1000)}.${String(Math.floor((us % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

/** sizeof(struct timeval): with fewer data bytes ping does not time its probes. */
const TIMEVAL = 16;

const ms3 = (us: number): string => `${Math.floor(us / 1000)}.${String(Math.floor(us % 1000)).padStart(3, '0')}`;

/**
 * The statistics block printed when ping ends (finish()): `time` runs from the first to the last
 * transmission; `pipe N` is the most probes that were outstanding when an answer came back
 * (acknowledge()); the line after the counts always ends with a newline, so a run without
 * replies ends with an empty line.
 */
export function pingStatistics(r: PingResult, intervalUs: number): string {
  const replies = r.events.filter((e) => e.kind === 'reply');
  const received = new Set(replies.map((e) => e.seq)).size;
  const errors = r.events.filter((e) => e.kind === 'local-error' || (e.kind === 'error' && e.message !== 'Redirect Host')).length;
  const loss = r.transmitted > 0 ? Math.floor(((r.transmitted - received) * 100) / r.transmitted) : 0;
  const timeMs = Math.floor((Math.max(0, r.transmitted - 1) * intervalUs + 500) / 1000);
  let s = `\n--- ${r.destination} ping statistics ---\n${r.transmitted} packets transmitted, ${received} received${errors ? `, +${errors} errors` : ''}, ${loss}% packet loss, time ${timeMs}ms\n`;
  let comma = '';
  if (replies.length > 0 && r.payloadBytes >= TIMEVAL) {
    // iputils' integer arithmetic: tsum /= n; tsum2 /= n; tmdev = llsqrt(tsum2 - tsum * tsum).
    const rtts = replies.map((e) => (e.kind === 'reply' ? Math.round(e.rttUs) : 0));
    const avg = Math.floor(rtts.reduce((a, b) => a + b, 0) / rtts.length);
    const mean2 = Math.floor(rtts.reduce((a, b) => a + b * b, 0) / rtts.length);
    const mdev = Math.floor(Math.sqrt(Math.max(0, mean2 - avg * avg)));
    s += `rtt min/avg/max/mdev = ${ms3(Math.min(...rtts))}/${ms3(avg)}/${ms3(Math.max(...rtts))}/${ms3(mdev)} ms`;
    comma = ', ';
  }
  let pipesize = 0;
  for (const e of r.events) {
    if (e.kind === 'local-error' || (e.kind === 'error' && e.message === 'Redirect Host')) continue;
    const sentBy = Math.min(r.transmitted, Math.floor((e.timeUs - r.startUs) / intervalUs) + 1);
    pipesize = Math.max(pipesize, sentBy - e.seq + 1);
  }
  if (pipesize > 1) s += `${comma}pipe ${pipesize}`;
  return `${s}\n`;
}

/** ping. */
export const ping: Command = (io) => {
  const out = new Output();
  const op = parsePing(io.argv.slice(1));
  if ('error' in op) return done(out.err(op.error), op.status);
  if (op.source !== undefined) {
    const addr = parseIpv4Address(op.source);
    if (addr === null && !findInterface(io.node, op.source)) return done(out.err(`ping: unknown iface ${op.source}\n`), 2);
    if (addr !== null && !isLocalAddress(io.node, addr)) return done(out.err('ping: bind: Cannot assign requested address\n'), 2);
  }
  if (!io.runtime) return done(out.err('lab: no simulation is running; traffic needs a running lab\n'), 1);
  const start = io.runtime.nowUs();
  const r = io.runtime.traffic({
    kind: 'ping', node: io.node.id, destination: op.destination, count: op.count,
    ...(op.source !== undefined ? { source: op.source } : {}), ...(op.intervalSec !== undefined ? { intervalSec: op.intervalSec } : {}),
    ...(op.payloadBytes !== undefined ? { payloadBytes: op.payloadBytes } : {}), ...(op.pmtuDisc !== undefined ? { pmtuDisc: op.pmtuDisc } : {}),
  });
  if (r.kind !== 'ping') return done(out.err('lab: the simulation answered with another kind of result\n'), 1);
  if (r.error === 'ENETUNREACH') return done(out.err('connect: Network is unreachable\n', start), 2);
  if (r.error) return done(out.err(`ping: unknown iface ${op.source ?? ''}\n`, start), 2);
  const byDev = op.source !== undefined && parseIpv4Address(op.source) === null;
  const from = op.source !== undefined ? `from ${r.source} ${byDev ? op.source : ''}: ` : '';
  out.out(`PING ${r.destination} (${r.destination}) ${from}${r.payloadBytes}(${r.payloadBytes + 28}) bytes of data.\n`, r.startUs);
  // With fewer data bytes than a timeval ping cannot time its probes: no time= and no rtt line.
  const timing = r.payloadBytes >= TIMEVAL;
  for (const e of r.events) {
    // receive_error_msg: a local error is printed even with -q.
    if (e.kind === 'local-error') out.err(`ping: local error: Message too long, mtu=${e.mtu}\n`, e.timeUs);
    else if (op.quiet) continue;
    else if (e.kind === 'reply') out.out(`${e.bytes} bytes from ${e.from}: icmp_seq=${e.seq} ttl=${e.ttl}${timing ? ` time=${pingTime(e.rttUs)} ms` : ''}\n`, e.timeUs);
    else out.out(`From ${e.from} icmp_seq=${e.seq} ${e.message}\n`, e.timeUs);
  }
  out.out(pingStatistics(r, Math.round((op.intervalSec ?? 1) * 1_000_000)), r.endUs);
  return done(out, r.events.some((e) => e.kind === 'reply') ? 0 : 1);
};
