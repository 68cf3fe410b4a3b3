import { done, fail, ok, type Command, type CommandIo } from '../command.ts';
import { exists, FS_MESSAGES, isDirectory, readFile, writeFile, type FsView } from '../fs/files.ts';
import { basename, dirname, resolvePath } from '../fs/paths.ts';
import { withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { readInput } from './text-input.ts';

/**
 * File commands as coreutils 8.22 (CentOS 7) and bash answer: cat, cp, cd, pwd, mkdir, chmod.
 * coreutils of that version quotes names in messages with ‘…’.
 */

/** A command sees the files as its node's shell does. */
const fsOf = (io: CommandIo): FsView => io;
const abs = (io: CommandIo, p: string): string => resolvePath(io.state.cwd, p);
/** coreutils' pointer to --help after a usage error. */
export const tryHelp = (tool: string): string => `Try '${tool} --help' for more information.\n`;

/** Splits argv after the name into options (single letters) and operands; `--` ends options. */
export function splitOptions(argv: readonly string[]): { letters: string[]; operands: string[]; long: string[] } {
  const letters: string[] = [];
  const operands: string[] = [];
  const long: string[] = [];
  let ended = false;
  for (const a of argv.slice(1)) {
    if (ended || a === '-' || !a.startsWith('-')) operands.push(a);
    else if (a === '--') ended = true;
    else if (a.startsWith('--')) long.push(a);
    else letters.push(...a.slice(1));
  }
  return { letters, operands, long };
}

/** coreutils' message for the first option letter not in `allowed`, or for any long option; null when all are allowed. */
export function invalidOption(tool: string, letters: readonly string[], allowed: string, long: readonly string[]): string | null {
  const bad = letters.find((l) => !allowed.includes(l));
  if (bad !== undefined) return `${tool}: invalid option -- '${bad}'\n${tryHelp(tool)}`;
  if (long.length > 0) return `${tool}: unrecognized option '${long[0]}'\n${tryHelp(tool)}`;
  return null;
}

/** cat FILE… (stdin without operands). */
export const cat: Command = (io) => {
  const { letters, operands, long } = splitOptions(io.argv);
  const bad = invalidOption('cat', letters, 'n', long);
  if (bad) return fail(bad);
  const number = letters.includes('n');
  const out = new Output();
  let status = 0;
  const texts: string[] = [];
  if (operands.length === 0) texts.push(io.stdin ?? '');
  for (const f of operands) {
    const content = readInput(io, f);
    if (typeof content !== 'string') {
      out.err(`cat: ${f}: ${FS_MESSAGES[content.error]}\n`);
      status = 1;
    } else texts.push(content);
  }
  let text = texts.join('');
  if (number && text !== '') {
    const parts = text.split('\n');
    const trailing = text.endsWith('\n');
    if (trailing) parts.pop();
    text = parts.map((l, i) => `${String(i + 1).padStart(6)}\t${l}`).join('\n') + (trailing ? '\n' : '');
  }
  out.chunks.unshift({ stream: 'stdout', text });
  return done(out, status);
};

/** cp SOURCE DEST (a directory DEST receives the file under its own name). */
export const cp: Command = (io) => {
  const { letters, operands, long } = splitOptions(io.argv);
  const bad = invalidOption('cp', letters, 'fpra', long);
  if (bad) return fail(bad);
  if (operands.length === 0) return fail(`cp: missing file operand\n${tryHelp('cp')}`);
  if (operands.length === 1) return fail(`cp: missing destination file operand after ‘${operands[0]}’\n${tryHelp('cp')}`);
  const target = operands[operands.length - 1]!;
  const sources = operands.slice(0, -1);
  const fs = fsOf(io);
  const targetIsDir = isDirectory(fs, abs(io, target));
  if (sources.length > 1 && !targetIsDir) return fail(`cp: target ‘${target}’ is not a directory\n`);
  const out = new Output();
  let status = 0;
  let node = io.node;
  for (const src of sources) {
    const content = readFile({ ...fs, node }, abs(io, src));
    if (typeof content !== 'string' && content.error === 'EISDIR') {
      out.err(`cp: omitting directory ‘${src}’\n`);
      status = 1;
      continue;
    }
    if (typeof content !== 'string') {
      out.err(`cp: cannot stat ‘${src}’: ${FS_MESSAGES[content.error]}\n`);
      status = 1;
      continue;
    }
    const dest = targetIsDir ? `${abs(io, target)}/${basename(abs(io, src))}` : abs(io, target);
    const written = writeFile({ ...fs, node }, dest, content, false);
    if (typeof written === 'string') {
      out.err(`cp: cannot create regular file ‘${targetIsDir ? `${target}/${basename(src)}` : target}’: ${FS_MESSAGES[written]}\n`);
      status = 1;
    } else node = written;
  }
  return done(out, status, node === io.node ? undefined : withNode(io.doc, node));
};

/** The bash builtin cd (no argument: root's home). */
export const cd: Command = (io) => {
  const vars = io.state.variables;
  if (io.argv.length > 2) return fail('bash: cd: too many arguments\n');
  // No directory is $HOME; `-` is $OLDPWD, and the new directory is printed (cd_builtin).
  let target = io.argv[1];
  const back = target === '-';
  if (target === undefined || back) {
    target = vars.get(back ? 'OLDPWD' : 'HOME');
    if (target === undefined) return fail(`bash: cd: ${back ? 'OLDPWD' : 'HOME'} not set\n`);
  }
  const path = abs(io, target);
  const fs = fsOf(io);
  if (!isDirectory(fs, path)) return fail(`bash: cd: ${target}: ${exists(fs, path) ? 'Not a directory' : 'No such file or directory'}\n`);
  // bash keeps the directory it left in OLDPWD, which goes into the environment.
  vars.set('OLDPWD', io.state.cwd);
  vars.markExported('OLDPWD');
  io.state.cwd = path;
  return ok(back ? `${path}\n` : '');
};

/** The bash builtin pwd. */
export const pwd: Command = (io) => ok(`${io.state.cwd}\n`);

/** mkdir [-p] DIR…: directories live in the shell session (lab documents store files only). */
export const mkdir: Command = (io) => {
  const { letters, operands, long } = splitOptions(io.argv);
  const bad = invalidOption('mkdir', letters, 'pv', long);
  if (bad) return fail(bad);
  if (operands.length === 0) return fail(`mkdir: missing operand\n${tryHelp('mkdir')}`);
  const parents = letters.includes('p');
  const fs = fsOf(io);
  const out = new Output();
  let status = 0;
  for (const d of operands) {
    const path = abs(io, d);
    if (exists(fs, path)) {
      if (!parents || !isDirectory(fs, path)) {
        out.err(`mkdir: cannot create directory ‘${d}’: File exists\n`);
        status = 1;
      }
      continue;
    }
    if (!parents && !isDirectory(fs, dirname(path))) {
      out.err(`mkdir: cannot create directory ‘${d}’: No such file or directory\n`);
      status = 1;
      continue;
    }
    for (let p = path; p !== '/' && !isDirectory(fs, p); p = dirname(p)) io.state.madeDirs.add(p);
  }
  return done(out, status);
};

/** chmod MODE FILE…: file modes are not modelled, but the files must exist. */
export const chmod: Command = (io) => {
  const operands = io.argv.slice(1).filter((a) => a !== '-R');
  if (operands.length === 0) return fail(`chmod: missing operand\n${tryHelp('chmod')}`);
  const [mode, ...files] = operands;
  if (!/^([0-7]{1,4}|[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*)$/.test(mode!)) return fail(`chmod: invalid mode: ‘${mode}’\n${tryHelp('chmod')}`);
  if (files.length === 0) return fail(`chmod: missing operand after ‘${mode}’\n${tryHelp('chmod')}`);
  const out = new Output();
  let status = 0;
  for (const f of files) {
    if (!exists(fsOf(io), abs(io, f))) {
      out.err(`chmod: cannot access ‘${f}’: No such file or directory\n`);
      status = 1;
    }
  }
  return done(out, status);
};
