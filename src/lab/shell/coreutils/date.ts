import { done, fail, type Command, type CommandIo } from '../command.ts';
import { exists, FS_MESSAGES, readFile } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { Output } from '../output.ts';
import { localtime } from './broken-down-time.ts';
import { tryHelp } from './files.ts';
import { getopt, type OptionTable } from './getopt-long.ts';
import { parseDatetime, type Timespec } from './parse-datetime.ts';
import { posixtime } from './posixtime.ts';
import { C_TIME, EN_US_TIME, FieldTooWide, fprintftime, MAX_FIELD_WIDTH, type TimeLocale } from './strftime.ts';
import { splitLines } from './text-input.ts';

/**
 * coreutils 8.22's date (src/date.c, main and show_date): the lab's clock, whose virtual time 0 is
 * the epoch (as systemd's and tcpdump's timestamps count it), in the machines' zone, UTC (-u and
 * its long forms change nothing). Output is fprintftime's in the console's locale, en_US.UTF-8
 * (LANG), except -R, which date prints in the C locale; the default format is glibc 2.17's
 * en_US date_fmt, `%a %b %e %H:%M:%S %Z %Y`. -d and -f read dates as parse_datetime does; -I,
 * -R and --rfc-3339 choose coreutils' formats. Setting the clock (-s, or an MMDDhhmm operand) is
 * refused once the date is known to be valid: the lab's clock is the simulation's. The machines
 * keep no file times, so -r is refused for a file that exists.
 */

interface Format {
  readonly text: string;
  readonly locale: TimeLocale;
}

/**
 * date.c's short_options and long_options: date acts on each option as getopt_long returns it (a
 * second output format is an error at once, before a later bad option is read).
 */
const OPTIONS: OptionTable = {
  short: 'd:f:I::r:Rs:u',
  long: [
    { name: 'date', key: 'd', value: 'required' },
    { name: 'file', key: 'f', value: 'required' },
    { name: 'iso-8601', key: 'I', value: 'optional' },
    { name: 'reference', key: 'r', value: 'required' },
    { name: 'rfc-822', key: 'R', value: 'none' },
    { name: 'rfc-2822', key: 'R', value: 'none' },
    { name: 'rfc-3339', key: 'rfc-3339', value: 'required' },
    { name: 'set', key: 's', value: 'required' },
    { name: 'uct', key: 'u', value: 'none' },
    { name: 'utc', key: 'u', value: 'none' },
    { name: 'universal', key: 'u', value: 'none' },
    { name: 'help', key: 'help', value: 'none' },
    { name: 'version', key: 'version', value: 'none' },
  ],
};

const TRY = tryHelp('date');
const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';
const RFC_2822_FORMAT = '%a, %d %b %Y %H:%M:%S %z';
/** time_spec_string: hours and minutes first, as --rfc-3339 takes the other three only. */
const TIME_SPECS = ['hours', 'minutes', 'date', 'seconds', 'ns'] as const;
type TimeSpec = (typeof TIME_SPECS)[number];
const ISO_8601_FORMATS: Readonly<Record<TimeSpec, string>> = {
  date: '%Y-%m-%d', seconds: '%Y-%m-%dT%H:%M:%S%z', ns: '%Y-%m-%dT%H:%M:%S,%N%z', hours: '%Y-%m-%dT%H%z', minutes: '%Y-%m-%dT%H:%M%z',
};
const RFC_3339_FORMATS: Readonly<Record<string, string>> = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z' };

const SETTING_REFUSED = "lab: date: the lab's clock is the simulation's virtual time; it cannot be set\n";

/** gnulib's quote(): ‘…’ with C escapes for backslashes, control characters and the closing quote. */
export function quote(s: string): string {
  const named: Readonly<Record<string, string>> = { '\x07': 'a', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\\': '\\', '’': '’' };
  let body = '';
  for (const ch of s) {
    if (named[ch] !== undefined) body += `\\${named[ch]}`;
    else if (ch < ' ' || ch === '\x7f') body += `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`;
    else body += ch;
  }
  return `‘${body}’`;
}

/** XARGMATCH: an exact name or an unambiguous prefix of one, else argmatch_die's message. */
function argmatch(context: string, arg: string, names: readonly string[]): string | { error: string } {
  if (names.includes(arg)) return arg;
  const prefixed = names.filter((n) => n.startsWith(arg));
  if (prefixed.length === 1) return prefixed[0]!;
  const problem = prefixed.length === 0 ? 'invalid' : 'ambiguous';
  const valid = names.map((n) => `\n  - ${quote(n)}`).join('');
  return { error: `date: ${problem} argument ${quote(arg)} for ${quote(context)}\nValid arguments are:${valid}\n${TRY}` };
}

/** The lab's clock: virtual time in whole seconds and nanoseconds. */
function clock(io: CommandIo): Timespec {
  const us = Math.floor(io.runtime?.nowUs() ?? 0);
  const sec = Math.floor(us / 1e6);
  return { sec, ns: (us - sec * 1e6) * 1000 };
}

/** show_date: the time in the format, or why it cannot be printed. */
function showDate(format: Format, when: Timespec): { text: string } | { error: string } {
  const tm = localtime(when.sec);
  if (!tm) return { error: 'lab: date: times more than 2^53 seconds from the epoch are not simulated\n' };
  try {
    return { text: `${fprintftime(format.text, tm, when.ns, format.locale)}\n` };
  } catch (e) {
    if (e instanceof FieldTooWide) return { error: `lab: date: field widths over ${MAX_FIELD_WIDTH} are not simulated\n` };
    throw e;
  }
}

/** batch_convert (-f FILE): each line read as -d would, an invalid one reported and skipped. */
function batchConvert(io: CommandIo, file: string, format: Format): ReturnType<Command> {
  const content = file === '-' ? io.stdin ?? '' : readFile(io, resolvePath(io.state.cwd, file));
  // fopen succeeds on a directory and getline then fails at once: no lines, no message.
  if (typeof content !== 'string' && content.error !== 'EISDIR') return fail(`date: ${quote(file)}: ${FS_MESSAGES[content.error]}\n`);
  const out = new Output();
  let status = 0;
  for (const line of typeof content === 'string' ? splitLines(content) : []) {
    const parsed = parseDatetime(line, clock(io));
    if (parsed.kind === 'zone') return done(out.err(zoneRefused(parsed.zone)), 1);
    const shown = parsed.kind === 'time' ? showDate(format, parsed.time) : { error: `date: invalid date ${quote(line)}\n` };
    if ('text' in shown) out.out(shown.text);
    else {
      out.err(shown.error);
      status = 1;
    }
  }
  return done(out, status);
}

const zoneRefused = (zone: string): string => `lab: date: the lab's machines keep UTC; the time zone ${quote(zone)} is not simulated\n`;

export const date: Command = (io) => {
  const { options, operands, error } = getopt('date', io.argv.slice(1), OPTIONS);
  let datestr: string | undefined;
  let setDatestr: string | undefined;
  let batchFile: string | undefined;
  let reference: string | undefined;
  let format: Format | undefined;
  for (const o of options) {
    let newFormat: string | undefined;
    let locale = EN_US_TIME;
    switch (o.key) {
      case 'd': datestr = o.value; break;
      case 'f': batchFile = o.value; break;
      case 'r': reference = o.value; break;
      case 's': setDatestr = o.value; break;
      case 'R':
        newFormat = RFC_2822_FORMAT;
        locale = C_TIME;
        break;
      case 'I': case 'rfc-3339': {
        const iso = o.key === 'I';
        const spec = o.value === undefined ? 'date' : argmatch(iso ? '--iso-8601' : '--rfc-3339', o.value, iso ? TIME_SPECS : TIME_SPECS.slice(2));
        if (typeof spec !== 'string') return fail(spec.error);
        newFormat = iso ? ISO_8601_FORMATS[spec as TimeSpec] : RFC_3339_FORMATS[spec];
        break;
      }
      case 'help': case 'version': return fail(`lab: date --${o.key} is not simulated\n`);
      default: break;
    }
    if (newFormat !== undefined) {
      if (format) return fail('date: multiple output formats specified\n');
      format = { text: newFormat, locale };
    }
  }
  // getopt_long's message, once the options before it have been acted on.
  if (error !== undefined) return fail(`${error}${TRY}`);
  const setDate = setDatestr !== undefined;
  const specified = [datestr, batchFile, reference].filter((x) => x !== undefined).length;
  if (specified > 1) return fail(`date: the options to specify dates for printing are mutually exclusive\n${TRY}`);
  if (setDate && specified) return fail(`date: the options to print and set the time may not be used together\n${TRY}`);
  if (operands.length > 1) return fail(`date: extra operand ${quote(operands[1]!)}\n${TRY}`);
  const operand = operands[0];
  if (operand?.startsWith('+')) {
    if (format) return fail('date: multiple output formats specified\n');
    format = { text: operand.slice(1), locale: EN_US_TIME };
  } else if (operand !== undefined && (setDate || specified)) {
    return fail(`date: the argument ${quote(operand)} lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\n${TRY}`);
  }
  format ??= { text: DEFAULT_FORMAT, locale: EN_US_TIME };
  if (batchFile !== undefined) return batchConvert(io, batchFile, format);

  const now = clock(io);
  let when = now;
  if (operand !== undefined && !operand.startsWith('+')) {
    // date MMDDhhmm[[CC]YY][.ss] sets the clock.
    return fail(posixtime(operand, localtime(now.sec)!.year + 1900) === undefined ? `date: invalid date ${quote(operand)}\n` : SETTING_REFUSED);
  }
  if (reference !== undefined) {
    if (!exists(io, resolvePath(io.state.cwd, reference))) return fail(`date: ${reference}: ${FS_MESSAGES.ENOENT}\n`);
    return fail(`lab: date -r: the lab's files keep no modification times\n`);
  }
  const text = setDatestr ?? datestr;
  if (text !== undefined) {
    const parsed = parseDatetime(text, now);
    if (parsed.kind === 'zone') return fail(zoneRefused(parsed.zone));
    if (parsed.kind === 'invalid') return fail(`date: invalid date ${quote(text)}\n`);
    if (setDate) return fail(SETTING_REFUSED);
    when = parsed.time;
  }
  const shown = showDate(format, when);
  return 'text' in shown ? done(new Output().out(shown.text), 0) : fail(shown.error);
};
