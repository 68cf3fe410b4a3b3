import { done, fail, type Command } from '../command.ts';
import { exists, FS_MESSAGES, writeFile, type FsView } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { invalidOption, splitOptions, tryHelp } from './files.ts';

/**
 * coreutils 8.22's touch [-a] [-c] [-m] [-h] FILE…: creates each missing file empty (its directory
 * must exist) and leaves an existing file's content alone. File times are not modelled, so -a, -m
 * and -h change nothing, and the options that set a time (-d, -r, -t) are refused with a message.
 * `-` names standard output, which touch leaves alone.
 */

const TIME_SETTING = /^--(date|reference|time)(=|$)/;

export const touch: Command = (io) => {
  const { letters, operands, long } = splitOptions(io.argv);
  if (letters.some((l) => 'drt'.includes(l)) || long.some((l) => TIME_SETTING.test(l))) {
    return fail('lab: touch: file times are not simulated; touch creates missing files here (-c: not even that)\n');
  }
  const noCreate = letters.includes('c') || long.includes('--no-create');
  const bad = invalidOption('touch', letters, 'acmh', long.filter((l) => l !== '--no-create' && l !== '--no-dereference'));
  if (bad) return fail(bad);
  if (operands.length === 0) return fail(`touch: missing file operand\n${tryHelp('touch')}`);
  const out = new Output();
  let status = 0;
  let node = io.node;
  for (const f of operands) {
    const fs: FsView = { node, runtime: io.runtime, state: io.state };
    const path = resolvePath(io.state.cwd, f);
    if (f === '-' || noCreate || exists(fs, path)) continue;
    // touch.c opens with O_CREAT, as `> FILE` would, but without truncating.
    const written = writeFile(fs, path, '', true);
    if (typeof written === 'string') {
      out.err(`touch: cannot touch ‘${f}’: ${FS_MESSAGES[written]}\n`);
      status = 1;
    } else node = written;
  }
  return done(out, status, node === io.node ? undefined : withNode(io.doc, node));
};
