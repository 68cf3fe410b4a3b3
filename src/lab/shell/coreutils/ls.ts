import { done, type Command } from '../command.ts';
import { exists, isDirectory, listDirectory, type FsView } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { Output } from '../output.ts';

/**
 * coreutils 8.22's ls of names only: `ls [-1aA] [FILE|DIR]…`. The lab's shell runs in the C
 * locale, so names sort by byte value. To a pipe or a file ls writes one name a line; to the
 * terminal it lays the names out in columns for 80 characters, down then across, in as few rows
 * as fit (print_many_per_line), aligned with spaces as CentOS 7's `ls --color=auto` alias does
 * (colour turns tabs off), without the colours. Operands that are files are listed first, then
 * each directory, under a `DIR:` heading when there is more than one operand; a missing one is
 * `ls: cannot access X: No such file or directory` and status 2.
 */

const LINE_LENGTH = 80;
/** ls.c MIN_COLUMN_WIDTH: a one-character name and two spaces. */
const MIN_COLUMN_WIDTH = 3;
const TRY = "Try 'ls --help' for more information.\n";

/** The column widths of the layout with the most columns that fits (ls.c calculate_columns, by columns). */
function columnWidths(names: readonly string[]): number[] {
  const n = names.length;
  const maxCols = Math.min(Math.max(1, Math.floor(LINE_LENGTH / MIN_COLUMN_WIDTH)), n);
  for (let cols = maxCols; cols > 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths = new Array<number>(cols).fill(MIN_COLUMN_WIDTH);
    names.forEach((name, i) => {
      const col = Math.floor(i / rows);
      widths[col] = Math.max(widths[col]!, name.length + (col === cols - 1 ? 0 : 2));
    });
    if (widths.reduce((a, b) => a + b, 0) < LINE_LENGTH) return widths;
  }
  return [Math.max(MIN_COLUMN_WIDTH, ...names.map((s) => s.length))];
}

/** The names in columns, down then across (ls.c print_many_per_line). */
export function inColumns(names: readonly string[]): string {
  if (names.length === 0) return '';
  const widths = columnWidths(names);
  const rows = Math.ceil(names.length / widths.length);
  let text = '';
  for (let row = 0; row < rows; row++) {
    let line = '';
    for (let i = row, col = 0; i < names.length; i += rows, col++) {
      line += i + rows < names.length ? names[i]!.padEnd(widths[col]!) : names[i]!;
    }
    text += `${line}\n`;
  }
  return text;
}

/** ls [-1aA] [FILE…]. */
export const ls: Command = (io) => {
  let all = false;
  let almostAll = false;
  let onePerLine = !io.stdoutIsTerminal;
  const operands: string[] = [];
  let ended = false;
  for (const a of io.argv.slice(1)) {
    if (ended || a === '-' || !a.startsWith('-')) operands.push(a);
    else if (a === '--') ended = true;
    else if (a === '--all') all = true;
    else if (a === '--almost-all') almostAll = true;
    else if (a.startsWith('--')) return done(new Output().err(`ls: unrecognized option '${a}'\n${TRY}`), 2);
    else {
      for (const l of a.slice(1)) {
        if (l === 'a') all = true;
        else if (l === 'A') almostAll = true;
        else if (l === '1') onePerLine = true;
        else if ('lRdtSrFi'.includes(l)) return done(new Output().err(`lab: this ls lists names only (-1, -a, -A), not -${l}\n`), 2);
        else return done(new Output().err(`ls: invalid option -- '${l}'\n${TRY}`), 2);
      }
    }
  }
  const fs: FsView = io;
  const out = new Output();
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  const given = operands.length === 0 ? ['.'] : operands;
  for (const name of given) {
    const path = resolvePath(io.state.cwd, name);
    if (isDirectory(fs, path)) dirs.push(name);
    else if (exists(fs, path)) files.push(name);
    else {
      out.err(`ls: cannot access ${name}: No such file or directory\n`);
      status = 2;
    }
  }
  const format = (names: string[]): string => (onePerLine ? names.map((s) => `${s}\n`).join('') : inColumns(names));
  const blocks: string[] = [];
  if (files.length > 0) blocks.push(format(files.sort()));
  for (const d of dirs.sort()) {
    const listed = listDirectory(fs, resolvePath(io.state.cwd, d));
    const entries = listed === 'ENOENT' ? [] : listed.filter((e) => all || almostAll || !e.startsWith('.'));
    const names = all ? ['.', '..', ...entries] : entries;
    blocks.push(`${given.length > 1 ? `${d}:\n` : ''}${format(names)}`);
  }
  out.out(blocks.join('\n'));
  return done(out, status);
};
