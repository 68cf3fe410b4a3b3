import { done, type Command } from '../command.ts';
import { findInterface } from '../kernel/edit.ts';
import type { Job } from '../node-state.ts';
import { Output } from '../output.ts';
import { compileFilter } from './filter.ts';
import { tcpdumpTime, TcpdumpPrinter } from './print.ts';
import { getopt } from '../getopt.ts';

/**
 * tcpdump 4.9 (libpcap 1.5, CentOS 7) as a background job: `tcpdump [-n|-nn] [-e] [-S] [-t]
 * [-c N] -i IF [filter] &`. Each captured frame becomes a line of the job's output at its
 * virtual time. The capture puts the device in promiscuous mode, as libpcap does.
 */

/** tcpdump's options. */
export interface TcpdumpOp {
  readonly iface: string | undefined;
  readonly numeric: number;
  readonly linkHeader: boolean;
  readonly absoluteSeq: boolean;
  readonly noTimestamp: boolean;
  readonly count: number | undefined;
  readonly filter: string;
}

/** Parses tcpdump's arguments (getopt: letters combine, -i/-c take a value). */
export function parseTcpdump(args: readonly string[]): TcpdumpOp | { error: string; status: number } {
  let iface: string | undefined;
  let numeric = 0;
  let linkHeader = false;
  let absoluteSeq = false;
  let noTimestamp = false;
  let count: number | undefined;
  const rest: string[] = [];
  for (const item of getopt(args, 'ic')) {
    if (item.kind === 'operand') {
      rest.push(item.text);
      continue;
    }
    if (item.kind === 'missing') return { error: `tcpdump: option requires an argument -- '${item.flag}'\n`, status: 1 };
    const { flag: f, value: v } = item;
    if (f === 'i') iface = v;
    else if (f === 'c') {
      if (!/^\d+$/.test(v!) || Number(v) < 1) return { error: `tcpdump: invalid packet count ${v}\n`, status: 1 };
      count = Number(v);
    } else if (f === 'n') numeric++;
    else if (f === 'e') linkHeader = true;
    else if (f === 'S') absoluteSeq = true;
    else if (f === 't') noTimestamp = true;
    else if (f === 'l' || f === 'p') continue;
    else if ('vqxXAwrs'.includes(f)) return { error: `lab: tcpdump -${f} is not simulated (the lab's pcap export writes captures: npm run lab -- run FILE --pcap OUT)\n`, status: 1 };
    else return { error: `tcpdump: invalid option -- '${f}'\n`, status: 1 };
  }
  return { iface, numeric, linkHeader, absoluteSeq, noTimestamp, count, filter: rest.join(' ') };
}

/** tcpdump. */
export const tcpdump: Command = (io) => {
  const out = new Output();
  const op = parseTcpdump(io.argv.slice(1));
  if ('error' in op) return done(out.err(op.error), op.status);
  const filter = compileFilter(op.filter);
  if (typeof filter !== 'function') return done(out.err(`${filter.error}\n`), 1);
  const dev = op.iface ?? io.node.interfaces.find((i) => i.up && i.kind === 'ether')?.name;
  if (dev === undefined) return done(out.err('tcpdump: no suitable device found\n'), 1);
  const itf = findInterface(io.node, dev);
  if (!itf) return done(out.err(`tcpdump: ${dev}: No such device exists\n(SIOCGIFHWADDR: No such device)\n`), 1);
  if (!itf.up) return done(out.err(`tcpdump: ${dev}: That device is not up\n`), 1);
  if (!io.background || !io.job) {
    return done(out.err('lab: a foreground tcpdump would hold this console until interrupted; run it in the background: tcpdump … &\n'), 1);
  }
  if (!io.runtime) return done(out.err('lab: no simulation is running; captures need a running lab\n'), 1);
  const raw = itf.kind === 'ipip';
  const printer = new TcpdumpPrinter({ numericPorts: op.numeric >= 2, linkHeader: op.linkHeader && !raw, absoluteSeq: op.absoluteSeq });
  const node = io.node.id;
  const state = io.state;
  const services = io.services;
  const runtime = io.runtime;
  let captured = 0;
  const { number, pid } = io.job;
  const emit = (stream: 'stdout' | 'stderr', text: string, timeUs: number): void => services.background({ node, timeUs, stream, text });
  const job: Job = {
    number, pid, text: io.text, dev, running: true,
    stop: (signal) => {
      if (!job.running) return;
      unsubscribe?.();
      job.running = false;
      const t = runtime.nowUs();
      if (signal === 'TERM') {
        // cleanup(): a newline in case a line was cut, then the statistics on stderr.
        emit('stdout', '', t);
        emit('stderr', `${captured} packet${captured === 1 ? '' : 's'} captured`, t);
        emit('stderr', `${captured} packet${captured === 1 ? '' : 's'} received by filter`, t);
        emit('stderr', '0 packets dropped by kernel', t);
      }
      state.finishJob(job, signal === 'TERM' ? 'Done' : 'Killed');
    },
  };
  const unsubscribe: (() => void) | undefined = runtime.capture(node, dev, (direction, timeUs, frame) => {
    if (!job.running || !filter(frame)) return;
    captured++;
    const decoded = printer.decode(frame, direction === 'out');
    const line = raw && op.linkHeader ? `ip: ${decoded}` : decoded;
    emit('stdout', op.noTimestamp ? line : `${tcpdumpTime(timeUs)} ${line}`, timeUs);
    if (op.count !== undefined && captured >= op.count) {
      unsubscribe?.();
      job.running = false;
      emit('stderr', `${captured} packet${captured === 1 ? '' : 's'} captured`, timeUs);
      emit('stderr', `${captured} packet${captured === 1 ? '' : 's'} received by filter`, timeUs);
      emit('stderr', '0 packets dropped by kernel', timeUs);
      state.finishJob(job, 'Done');
    }
  });
  if (!unsubscribe) return done(out.err(`tcpdump: ${dev}: No such device exists\n(SIOCGIFHWADDR: No such device)\n`), 1);
  state.jobs.push(job);
  const linkType = raw ? 'RAW (Raw IP)' : 'EN10MB (Ethernet)';
  out.err(`tcpdump: verbose output suppressed, use -v or -vv for full protocol decode\nlistening on ${dev}, link-type ${linkType}, capture size 262144 bytes\n`);
  return done(out, 0);
};
