import { done, fail, type Command } from '../command.ts';
import { FS_MESSAGES } from '../fs/files.ts';
import { Output } from '../output.ts';
import { tryHelp } from './files.ts';
import { readInput } from './text-input.ts';

/**
 * coreutils 8.22's head and tail over whole files (the lab's files are never appended to behind
 * a reader's back, so `tail -f` prints what it would print first and says it stops there).
 *
 * head -n [-]K, -c [-]K: the first K lines or bytes, or all but the last K.
 * tail -n [+]K, -c [+]K: the last K lines or bytes, or everything from the K-th on.
 * Both: --lines=, --bytes=, the obsolete -K, -q (no headers), -v (always headers); with several
 * files each gets a `==> NAME <==` header, a blank line before all but the first (write_header).
 * K takes xstrtoumax's multiplier suffixes (b 512, kB 1000, K 1024, MB, M, GB, G…). Lines and
 * bytes are cut from the text as it is: a last line without a newline stays without one.
 */

type Tool = 'head' | 'tail';

/** How much to print: a count of lines or bytes, and which end it counts from. */
interface Span {
  readonly bytes: boolean;
  readonly count: number;
  /** head -n -K: all but the last K; tail -n +K: from the K-th on. */
  readonly fromOtherEnd: boolean;
}

/** xstrtoumax's suffixes as head and tail accept them ("bkKmMGTPEZY0" with the optional B/iB). */
const MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1, b: 512, kB: 1000, K: 1024, KiB: 1024, MB: 1000 ** 2, M: 1024 ** 2, MiB: 1024 ** 2, GB: 1000 ** 3, G: 1024 ** 3, GiB: 1024 ** 3,
  TB: 1000 ** 4, T: 1024 ** 4, TiB: 1024 ** 4, PB: 1000 ** 5, P: 1024 ** 5, PiB: 1024 ** 5, EB: 1000 ** 6, E: 1024 ** 6, EiB: 1024 ** 6,
};

/** A count with its sign (`-` or `+`, as the tool allows) and suffix; undefined when it is not one. */
function parseSpan(tool: Tool, text: string, bytes: boolean): Span | undefined {
  const m = /^([-+]?)(\d+)([A-Za-z]*)$/.exec(text);
  if (!m) return undefined;
  const multiplier = MULTIPLIERS[m[3]!];
  if (multiplier === undefined) return undefined;
  const sign = m[1]!;
  // head takes a leading '-' (all but the last K), tail a leading '+' (from the K-th on); the other sign is ignored.
  const fromOtherEnd = tool === 'head' ? sign === '-' : sign === '+';
  return { bytes, count: Number(m[2]) * multiplier, fromOtherEnd };
}

/** The end offsets of the lines of `text` (after each newline, and the end of an unterminated last line). */
function lineEnds(text: string): number[] {
  const ends: number[] = [];
  let at = text.indexOf('\n');
  while (at >= 0) {
    ends.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  if (text.length > 0 && !text.endsWith('\n')) ends.push(text.length);
  return ends;
}

/** What the tool prints of one input. */
function cut(tool: Tool, text: string, span: Span): string {
  if (span.bytes) {
    const b = new TextEncoder().encode(text);
    const n = Math.min(span.count, b.length);
    const [from, to] = tool === 'head'
      ? [0, span.fromOtherEnd ? b.length - n : n]
      : [span.fromOtherEnd ? Math.max(0, Math.min(span.count, b.length + 1) - 1) : b.length - n, b.length];
    return new TextDecoder().decode(b.subarray(from, to));
  }
  const ends = lineEnds(text);
  const n = Math.min(span.count, ends.length);
  const endOf = (lines: number): number => (lines === 0 ? 0 : ends[lines - 1]!);
  if (tool === 'head') return text.slice(0, endOf(span.fromOtherEnd ? ends.length - n : n));
  // tail -n +K starts at line K (+0 is +1).
  return text.slice(endOf(span.fromOtherEnd ? Math.max(0, span.count - 1) : ends.length - n));
}

function headTail(tool: Tool): Command {
  return (io) => {
    let span: Span = { bytes: false, count: 10, fromOtherEnd: false };
    let headers: boolean | undefined;
    let follow = false;
    const operands: string[] = [];
    const args = io.argv.slice(1);
    const badCount = (bytes: boolean, value: string) => fail(`${tool}: invalid number of ${bytes ? 'bytes' : 'lines'}: ‘${value}’\n`);
    let ended = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (ended || a === '-' || !a.startsWith('-')) {
        operands.push(a);
        continue;
      }
      if (a === '--') {
        ended = true;
        continue;
      }
      const long = /^--(lines|bytes)=(.*)$/.exec(a);
      if (long) {
        const s = parseSpan(tool, long[2]!, long[1] === 'bytes');
        if (!s) return badCount(long[1] === 'bytes', long[2]!);
        span = s;
      } else if (a === '--lines' || a === '--bytes') {
        const v = args[++i];
        if (v === undefined) return fail(`${tool}: option '${a}' requires an argument\n${tryHelp(tool)}`);
        const s = parseSpan(tool, v, a === '--bytes');
        if (!s) return badCount(a === '--bytes', v);
        span = s;
      } else if (a === '--quiet' || a === '--silent') headers = false;
      else if (a === '--verbose') headers = true;
      else if (tool === 'tail' && (a === '--follow' || a.startsWith('--follow=') || a === '--retry')) follow ||= a !== '--retry';
      else if (a.startsWith('--')) return fail(`${tool}: unrecognized option '${a}'\n${tryHelp(tool)}`);
      else if (/^-\d+$/.test(a)) span = { bytes: false, count: Number(a.slice(1)), fromOtherEnd: false };
      else {
        // A cluster of short options; -n and -c take the rest of the word or the next argument.
        for (let k = 1; k < a.length; k++) {
          const f = a[k]!;
          if (f === 'n' || f === 'c') {
            const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
            if (v === undefined) return fail(`${tool}: option requires an argument -- '${f}'\n${tryHelp(tool)}`);
            const s = parseSpan(tool, v, f === 'c');
            if (!s) return badCount(f === 'c', v);
            span = s;
            break;
          }
          if (f === 'q') headers = false;
          else if (f === 'v') headers = true;
          else if (tool === 'tail' && (f === 'f' || f === 'F')) follow = true;
          else if (tool === 'tail' && f === 's') {
            // --sleep-interval: only what -f does between reads.
            if (k + 1 === a.length) i++;
            break;
          } else if (f === 'z') return fail(`lab: ${tool} -z (NUL-separated lines) is not simulated\n`, 1);
          else return fail(`${tool}: invalid option -- '${f}'\n${tryHelp(tool)}`);
        }
      }
    }
    const inputs = operands.length === 0 ? ['-'] : operands;
    const withHeaders = headers ?? inputs.length > 1;
    const out = new Output();
    let status = 0;
    let first = true;
    for (const name of inputs) {
      const text = readInput(io, name);
      if (typeof text !== 'string') {
        out.err(`${tool}: cannot open ‘${name}’ for reading: ${FS_MESSAGES[text.error]}\n`);
        status = 1;
        continue;
      }
      if (withHeaders) out.out(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
      first = false;
      out.out(cut(tool, text, span));
    }
    if (follow) out.err(`lab: ${tool} -f ends here: nothing writes to a file while the console waits (tail would wait for more lines until Ctrl+C)\n`);
    return done(out, status);
  };
}

/** head [-n [-]K | -c [-]K] [-q | -v] [FILE]…. */
export const head = headTail('head');
/** tail [-n [+]K | -c [+]K] [-q | -v] [-f] [FILE]…. */
export const tail = headTail('tail');
