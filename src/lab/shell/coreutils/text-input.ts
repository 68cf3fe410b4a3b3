import type { CommandIo } from '../command.ts';
import { readFile, type FsError } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';

/**
 * How the text filters (sort, uniq, cut, tr) read their input: a FILE operand from the node's
 * files, `-` (or no operand) from stdin, which is empty when it is the terminal.
 */

/** The text of one input operand, or the errno its open or read failed with. */
export function readInput(io: CommandIo, operand: string): string | { readonly error: FsError } {
  if (operand === '-') return io.stdin ?? '';
  return readFile(io, resolvePath(io.state.cwd, operand));
}

/** The lines of a text split at `eol`; a last line without its terminator still counts (as getndelim2 reads it). */
export function splitLines(text: string, eol = '\n'): string[] {
  if (text === '') return [];
  const lines = text.split(eol);
  if (text.endsWith(eol)) lines.pop();
  return lines;
}
