import { done, type Command, type CommandIo } from '../command.ts';
import { FS_MESSAGES, readFile, writeFile, type FsView } from '../fs/files.ts';
import { basename, dirname, resolvePath } from '../fs/paths.ts';
import { withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { runSed, type SedInput, type SedSink } from './execute.ts';
import { parseScripts } from './parse.ts';

/**
 * GNU sed 4.2.2 (CentOS 7): options as getopt_long reads them (permuted, `--` ends them, long
 * options by unique prefix), the script from -e/--expression or the first operand, input from the
 * file operands or stdin. -i writes each file back into the lab (with a backup for a SUFFIX), so
 * `sysctl -p` and `cat` see the edit; without -i nothing changes.
 */

const USAGE_TEXT = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -c, --copy
                 use copy instead of rename when shuffling files in -i mode
  -b, --binary
                 does nothing; for compatibility with WIN32/CYGWIN/MSDOS/EMX (
                 open files in binary mode (CR+LFs are not treated specially))
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -r, --regexp-extended
                 use extended regular expressions in the script.
  -s, --separate
                 consider files as separate rather than as a single continuous
                 long stream.
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
  --help
                 display this help and exit
  --version
                 output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <http://www.gnu.org/software/sed/>.
General help using GNU software: <http://www.gnu.org/gethelp/>.
`;
const BUG_REPORTS = "E-mail bug reports to: <bug-sed@gnu.org>.\nBe sure to include the word ``sed'' somewhere in the ``Subject:'' field.\n";
const VERSION = `sed (GNU sed) 4.2.2
Copyright (C) 2012 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
and Paolo Bonzini.
GNU sed home page: <http://www.gnu.org/software/sed/>.
General help using GNU software: <http://www.gnu.org/gethelp/>.
${BUG_REPORTS}`;

/** sed's long options: whether each takes an argument (`optional` for --in-place[=SUFFIX]) and its short letter. */
const LONG: Record<string, { arg: 'none' | 'required' | 'optional'; short: string }> = {
  binary: { arg: 'none', short: 'b' }, copy: { arg: 'none', short: 'c' }, 'regexp-extended': { arg: 'none', short: 'r' },
  expression: { arg: 'required', short: 'e' }, file: { arg: 'required', short: 'f' }, 'in-place': { arg: 'optional', short: 'i' },
  'line-length': { arg: 'required', short: 'l' }, 'null-data': { arg: 'none', short: 'z' }, quiet: { arg: 'none', short: 'n' },
  posix: { arg: 'none', short: 'p' }, silent: { arg: 'none', short: 'n' }, separate: { arg: 'none', short: 's' },
  unbuffered: { arg: 'none', short: 'u' }, version: { arg: 'none', short: 'v' }, help: { arg: 'none', short: 'h' },
  'follow-symlinks': { arg: 'none', short: 'F' },
};
const SHORT_WITH_ARGUMENT = 'efl';
const SHORT_FLAGS = 'bcnrEsuz';

interface SedOptions {
  quiet: boolean;
  extended: boolean;
  separate: boolean;
  /** -i: undefined without it, '' without a SUFFIX. */
  inPlace: string | undefined;
  lineLength: number;
  expressions: string[];
  operands: string[];
}

/** The option, as getopt_long hands it over, or the message it prints. */
type Parsed = SedOptions | { readonly exit: number; readonly stdout?: string; readonly stderr?: string };

const usageError = (message: string): Parsed => ({ exit: 1, stderr: `${message}${USAGE_TEXT}` });
const refusal = (what: string, instead = ''): Parsed => ({ exit: 1, stderr: `lab: sed: ${what} is not supported${instead}\n` });

/** Applies one option letter (with its argument); a Parsed exit when the option ends sed. */
function apply(options: SedOptions, letter: string, value: string | undefined): Parsed | undefined {
  switch (letter) {
    case 'n': options.quiet = true; break;
    case 'e': options.expressions.push(value ?? ''); break;
    case 'i': options.inPlace = value ?? ''; options.separate = true; break;
    case 'l': options.lineLength = Number.parseInt(value ?? '', 10) || 0; break;
    case 'r': case 'E': options.extended = true; break;
    case 's': options.separate = true; break;
    case 'f': return refusal('-f (reading the script from a file)', '; give the script with -e or as the first operand');
    case 'z': return refusal('-z (NUL-separated lines)');
    case 'p': return refusal('--posix');
    case 'h': return { exit: 0, stdout: `${USAGE_TEXT}${BUG_REPORTS}` };
    case 'v': return { exit: 0, stdout: VERSION };
    default: break; // -b, -c, -u, --follow-symlinks change nothing the lab shows.
  }
  return undefined;
}

/** getopt_long over sed's options: operands may come before options, `--` ends them. */
function parseOptions(argv: readonly string[]): Parsed {
  const options: SedOptions = { quiet: false, extended: false, separate: false, inPlace: undefined, lineLength: 70, expressions: [], operands: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      options.operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined];
      const candidates = Object.keys(LONG).filter((l) => l.startsWith(name));
      const exact = candidates.includes(name) ? name : undefined;
      const distinct = new Set(candidates.map((c) => LONG[c]!.short));
      const chosen = exact ?? (distinct.size === 1 ? candidates[0] : undefined);
      if (chosen === undefined && candidates.length > 1) {
        return usageError(`sed: option '${a}' is ambiguous; possibilities:${candidates.map((c) => ` '--${c}'`).join('')}\n`);
      }
      if (chosen === undefined) return usageError(`sed: unrecognized option '${a}'\n`);
      const spec = LONG[chosen]!;
      if (spec.arg === 'none' && inline !== undefined) return usageError(`sed: option '--${chosen}' doesn't allow an argument\n`);
      const value = spec.arg === 'required' ? inline ?? argv[++i] : inline;
      if (spec.arg === 'required' && value === undefined) return usageError(`sed: option '--${chosen}' requires an argument\n`);
      const stop = apply(options, spec.short, value);
      if (stop) return stop;
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      options.operands.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const letter = a[k]!;
      let value: string | undefined;
      if (SHORT_WITH_ARGUMENT.includes(letter)) {
        value = a.slice(k + 1) || argv[++i];
        if (value === undefined) return usageError(`sed: option requires an argument -- '${letter}'\n`);
      } else if (letter === 'i') value = a.slice(k + 1);
      else if (!SHORT_FLAGS.includes(letter)) return usageError(`sed: invalid option -- '${letter}'\n`);
      const stop = apply(options, letter, value);
      if (stop) return stop;
      if (value !== undefined) break;
    }
  }
  return options;
}

/** The input operands as sed opens them: text, or what it says when it cannot. */
function openInputs(io: CommandIo, fs: FsView, options: SedOptions): SedInput[] {
  if (options.operands.length === 0) return [{ name: '-', text: io.stdin ?? '' }];
  return options.operands.map((name): SedInput => {
    if (name === '-' && options.inPlace === undefined) return { name, text: io.stdin ?? '' };
    const path = resolvePath(io.state.cwd, name);
    const text = readFile(fs, path);
    if (options.inPlace !== undefined) {
      if (name === '-' || path.startsWith('/dev/') || (typeof text !== 'string' && text.error === 'EISDIR')) {
        return { name, error: `sed: couldn't edit ${name}: not a regular file\n`, fatal: true };
      }
      if (path.startsWith('/proc/') && typeof text === 'string') {
        return { name, error: `lab: sed: -i on ${name} is not supported (sed renames a new file over it, which /proc does not allow)\n`, fatal: true };
      }
    }
    if (typeof text === 'string') return { name, text };
    if (text.error === 'EISDIR') return { name, error: `sed: read error on ${name}: Is a directory\n`, fatal: true };
    return { name, error: `sed: can't read ${name}: ${FS_MESSAGES[text.error]}\n` };
  });
}

/** Where -i keeps a file's backup: SUFFIX appended, or with `*` in it, `*` replaced by the file's name (in its directory). */
function backupPath(path: string, suffix: string): string {
  if (!suffix.includes('*')) return `${path}${suffix}`;
  const name = suffix.replace(/\*/g, basename(path));
  return name.startsWith('/') ? name : resolvePath(dirname(path), name);
}

export const sed: Command = (io) => {
  const parsed = parseOptions(io.argv);
  if ('exit' in parsed) return done(new Output().out(parsed.stdout ?? '').err(parsed.stderr ?? ''), parsed.exit);
  const options = parsed;
  if (options.expressions.length === 0) {
    const script = options.operands.shift();
    if (script === undefined) return done(new Output().err(USAGE_TEXT), 1);
    options.expressions.push(script);
  }
  const program = parseScripts(options.expressions, options.extended);
  if ('message' in program) return done(new Output().err(program.message), program.status);
  if (options.inPlace !== undefined && options.operands.length === 0) return done(new Output().err('sed: no input files\n'), 4);

  const out = new Output();
  let node = io.node;
  const fs = (): FsView => ({ node, runtime: io.runtime, state: io.state });
  const inputs = openInputs(io, fs(), options);
  let edited = '';
  const suffix = options.inPlace;
  const sink: SedSink = suffix === undefined
    ? { out: (t) => void out.out(t), err: (t) => void out.err(t), startFile: () => undefined, endFile: () => undefined }
    : {
        out: (t) => void (edited += t),
        err: (t) => void out.err(t),
        startFile: () => void (edited = ''),
        endFile: (index) => {
          const input = inputs[index]!;
          const path = resolvePath(io.state.cwd, input.name);
          if (suffix !== '') {
            const backup = writeFile(fs(), backupPath(path, suffix), input.text ?? '', false);
            if (typeof backup === 'string') return void out.err(`sed: cannot rename ${input.name}: ${FS_MESSAGES[backup]}\n`);
            node = backup;
          }
          const written = writeFile(fs(), path, edited, false);
          if (typeof written === 'string') out.err(`sed: couldn't open file ${input.name}: ${FS_MESSAGES[written]}\n`);
          else node = written;
        },
      };
  const status = runSed(program, inputs, {
    quiet: options.quiet,
    separate: options.separate,
    inPlace: suffix !== undefined,
    lineLength: options.lineLength,
    expressions: options.expressions.length,
    readFile: (name) => {
      if (name === '/dev/stdin') return io.stdin ?? '';
      const text = readFile(fs(), resolvePath(io.state.cwd, name));
      return typeof text === 'string' ? text : undefined;
    },
  }, sink);
  return done(out, status, node === io.node ? undefined : withNode(io.doc, node));
};
