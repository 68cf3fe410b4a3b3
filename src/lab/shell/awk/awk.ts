import { done, type Command, type CommandIo } from '../command.ts';
import { ROOT_PATH } from '../fs/command-paths.ts';
import { checkWritable, FS_MESSAGES, readFile, writeFile, type FsView } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { Interpreter } from './interpret.ts';
import { processEscapes } from './lexer.ts';
import { parseProgram, type AwkSource } from './parser.ts';

/**
 * gawk 4.0.2 (CentOS 7's awk and gawk): `awk [-F fs] [-v var=val]… [-f progfile | 'program']
 * [file | var=val]…`. Options end at the first operand or `--`, as gawk's getopt string (which
 * starts with `+`) makes them; -e/--source and -W long-option spellings work too. gawk's other
 * extensions (profiling, lint, --posix, …) are refused. Output redirected with `>`/`>>` goes to
 * the lab's files, so `cat` sees it afterwards.
 */

const usage = (name: string): string => `Usage: ${name} [POSIX or GNU style options] -f progfile [--] file ...
Usage: ${name} [POSIX or GNU style options] [--] 'program' file ...
POSIX options:\t\tGNU long options: (standard)
\t-f progfile\t\t--file=progfile
\t-F fs\t\t\t--field-separator=fs
\t-v var=val\t\t--assign=var=val
Short options:\t\tGNU long options: (extensions)
\t-b\t\t\t--characters-as-bytes
\t-c\t\t\t--traditional
\t-C\t\t\t--copyright
\t-d[file]\t\t--dump-variables[=file]
\t-e 'program-text'\t--source='program-text'
\t-E file\t\t\t--exec=file
\t-g\t\t\t--gen-pot
\t-h\t\t\t--help
\t-L [fatal]\t\t--lint[=fatal]
\t-n\t\t\t--non-decimal-data
\t-N\t\t\t--use-lc-numeric
\t-O\t\t\t--optimize
\t-p[file]\t\t--profile[=file]
\t-P\t\t\t--posix
\t-r\t\t\t--re-interval
\t-S\t\t\t--sandbox
\t-t\t\t\t--lint-old
\t-V\t\t\t--version

To report bugs, see node \`Bugs' in \`gawk.info', which is
section \`Reporting Problems and Bugs' in the printed version.

gawk is a pattern scanning and processing language.
By default it reads standard input and writes standard output.

Examples:
\tgawk '{ sum += $1 }; END { print sum }' file
\tgawk -F: '{ print $1 }' /etc/passwd
`;

const VERSION = `GNU Awk 4.0.2
Copyright (C) 1989, 1991-2012 Free Software Foundation.

This program is free software; you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation; either version 3 of the License, or
(at your option) any later version.

This program is distributed in the hope that it will be useful,
but WITHOUT ANY WARRANTY; without even the implied warranty of
MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with this program. If not, see http://www.gnu.org/licenses/.
`;

/** gawk's long options, by the short letter each stands for; those the lab refuses have no letter. */
const LONG: Record<string, { letter: string; argument: boolean }> = {
  'field-separator': { letter: 'F', argument: true }, file: { letter: 'f', argument: true }, assign: { letter: 'v', argument: true },
  source: { letter: 'e', argument: true }, help: { letter: 'h', argument: false }, usage: { letter: 'h', argument: false },
  version: { letter: 'V', argument: false }, 're-interval': { letter: 'r', argument: false },
  'characters-as-bytes': { letter: 'b', argument: false }, traditional: { letter: 'c', argument: false },
  copyright: { letter: 'C', argument: false }, 'dump-variables': { letter: 'd', argument: false }, exec: { letter: 'E', argument: true },
  'gen-pot': { letter: 'g', argument: false }, lint: { letter: 'L', argument: false }, 'non-decimal-data': { letter: 'n', argument: false },
  'use-lc-numeric': { letter: 'N', argument: false }, optimize: { letter: 'O', argument: false }, profile: { letter: 'p', argument: false },
  posix: { letter: 'P', argument: false }, sandbox: { letter: 'S', argument: false }, 'lint-old': { letter: 't', argument: false },
};
const REFUSED: Record<string, string> = {
  b: '--characters-as-bytes', c: '--traditional', C: '--copyright', d: '--dump-variables', E: '--exec', g: '--gen-pot', L: '--lint',
  n: '--non-decimal-data', N: '--use-lc-numeric', O: '--optimize', p: '--profile', P: '--posix', S: '--sandbox', t: '--lint-old',
};
const WITH_ARGUMENT = 'Ffve';

interface AwkOptions {
  fieldSeparator: string | undefined;
  readonly assignments: [string, string][];
  /** -f files and -e texts, in order. */
  readonly sources: { kind: 'file' | 'text'; value: string }[];
  operands: string[];
}

type Parsed = AwkOptions | { readonly exit: number; readonly stdout?: string; readonly stderr?: string };

/** Applies one option; a Parsed exit when it ends awk. */
function apply(name: string, options: AwkOptions, letter: string, value: string | undefined): Parsed | undefined {
  switch (letter) {
    case 'F': options.fieldSeparator = processEscapes(value ?? ''); return undefined;
    case 'f': options.sources.push({ kind: 'file', value: value ?? '' }); return undefined;
    case 'e': options.sources.push({ kind: 'text', value: value ?? '' }); return undefined;
    case 'v': {
      const v = value ?? '';
      const eq = v.indexOf('=');
      if (eq < 0) return { exit: 1, stderr: `${name}: \`${v}' argument to \`-v' not in \`var=value' form\n\n${usage(name)}` };
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.slice(0, eq))) return { exit: 2, stderr: `${name}: fatal: \`${v.slice(0, eq)}' is not a legal variable name\n` };
      options.assignments.push([v.slice(0, eq), processEscapes(v.slice(eq + 1))]);
      return undefined;
    }
    case 'h': return { exit: 0, stdout: usage(name) };
    case 'V': return { exit: 0, stdout: VERSION };
    case 'r': return undefined; // Interval expressions are on by default in gawk 4.
    default:
      return { exit: 1, stderr: `lab: ${name}: -${letter} (${REFUSED[letter] ?? 'this option'}) is not supported\n` };
  }
}

/** gawk's option parsing: options until the first operand or `--`; an unknown option prints the usage. */
function parseOptions(name: string, argv: readonly string[]): Parsed {
  const options: AwkOptions = { fieldSeparator: undefined, assignments: [], sources: [], operands: [] };
  const bad: Parsed = { exit: 1, stderr: usage(name) };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--') || a.startsWith('-W')) {
      const spec = a.startsWith('--') ? a.slice(2) : a.length > 2 ? a.slice(2) : argv[++i] ?? '';
      const [long, inline] = spec.includes('=') ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)] : [spec, undefined];
      const candidates = Object.keys(LONG).filter((l) => l.startsWith(long));
      const chosen = candidates.includes(long) ? long : candidates.length === 1 ? candidates[0] : undefined;
      if (chosen === undefined || long === '') return bad;
      const option = LONG[chosen]!;
      const value = option.argument ? inline ?? argv[++i] : inline;
      if (option.argument && value === undefined) return { exit: 1, stderr: `${name}: option '--${chosen}' requires an argument\n${usage(name)}` };
      const stop = apply(name, options, option.letter, value);
      if (stop) return stop;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const letter = a[k]!;
      if (!WITH_ARGUMENT.includes(letter) && !'hVr'.includes(letter) && REFUSED[letter] === undefined) return bad;
      let value: string | undefined;
      if (WITH_ARGUMENT.includes(letter)) {
        value = a.length > k + 1 ? a.slice(k + 1) : argv[++i];
        if (value === undefined) return { exit: 1, stderr: `${name}: option requires an argument -- ${letter}\n${usage(name)}` };
      }
      const stop = apply(name, options, letter, value);
      if (stop) return stop;
      if (value !== undefined) break;
    }
  }
  options.operands = argv.slice(i);
  return options;
}

/** The environment awk's ENVIRON shows: root's login environment on the node. */
function environment(io: CommandIo): Record<string, string> {
  return { HOME: '/root', HOSTNAME: io.node.id, LOGNAME: 'root', PATH: ROOT_PATH, PWD: io.state.cwd, SHELL: '/bin/bash', USER: 'root' };
}

/** awk and gawk. */
export const awk: Command = (io) => {
  const name = io.name;
  const parsed = parseOptions(name, io.argv);
  if ('exit' in parsed) return done(new Output().out(parsed.stdout ?? '').err(parsed.stderr ?? ''), parsed.exit);
  const out = new Output();
  let node = io.node;
  const fs = (): FsView => ({ node, runtime: io.runtime, state: io.state });
  const readInput = (operand: string): string | { error: string; directory?: boolean } => {
    if (operand === '-' || operand === '/dev/stdin') return io.stdin ?? '';
    const text = readFile(fs(), resolvePath(io.state.cwd, operand));
    return typeof text === 'string' ? text : { error: FS_MESSAGES[text.error], directory: text.error === 'EISDIR' };
  };

  const sources: AwkSource[] = [];
  for (const source of parsed.sources) {
    if (source.kind === 'text') {
      sources.push({ name: 'cmd. line', text: source.value });
      continue;
    }
    const text = readInput(source.value);
    if (typeof text !== 'string') return done(out.err(`${name}: fatal: can't open source file \`${source.value}' for reading (${text.error})\n`), 2);
    sources.push({ name: source.value, text });
  }
  if (sources.length === 0) {
    const program = parsed.operands.shift();
    if (program === undefined) return done(out.err(usage(name)), 1);
    sources.push({ name: 'cmd. line', text: program });
  }
  const result = parseProgram(sources);
  for (const w of result.warnings) out.err(`${name}: ${w}\n`);
  if ('error' in result) {
    const message = result.lab ? result.error : result.error.replace(/^(?=.)/gm, `${name}: `);
    return done(out.err(message), result.status);
  }

  const interpreter = new Interpreter(result.program, {
    name,
    operands: parsed.operands,
    assignments: parsed.assignments,
    fieldSeparator: parsed.fieldSeparator,
    environ: environment(io),
  }, {
    readInput,
    openOutput: (file) => {
      const error = checkWritable(fs(), resolvePath(io.state.cwd, file));
      return error === null ? undefined : FS_MESSAGES[error];
    },
    writeOutput: (file, content, append) => {
      const written = writeFile(fs(), resolvePath(io.state.cwd, file), content, append);
      if (typeof written === 'string') out.err(`${name}: close of \`${file}' failed (${FS_MESSAGES[written]})\n`);
      else node = written;
    },
    stdout: (text) => void out.out(text),
    stderr: (text) => void out.err(text),
  });
  const status = interpreter.execute();
  return done(out, status, node === io.node ? undefined : withNode(io.doc, node));
};
