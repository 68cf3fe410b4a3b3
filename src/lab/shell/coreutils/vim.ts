import { fail, type Command } from '../command.ts';
import { checkWritable, FS_MESSAGES, isDirectory, readFile, type FsView } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';

/**
 * vim FILE (and vi): the console opens the file in its editor. The articles edit ifcfg files,
 * /etc/sysctl.conf and /etc/exports this way; saving (:wq) writes the file through the shell as
 * the equivalent here-document, so the edit is an ordinary, undoable and replayable command.
 */
export const vim: Command = (io) => {
  const name = io.argv[0]!;
  const operands = io.argv.slice(1).filter((a) => !/^\+\d*$/.test(a));
  const option = operands.find((a) => a.startsWith('-') && a !== '-');
  if (option) return fail(`lab: ${name}: options are not simulated; give the file to edit: ${name} FILE\n`);
  if (operands.length !== 1) return fail(`lab: ${name}: the console edits one file at a time: ${name} FILE\n`);
  if (!io.stdoutIsTerminal) return fail(`Vim: Warning: Output is not to a terminal\nlab: ${name}: the editor opens only on the console\n`);
  const path = resolvePath(io.state.cwd, operands[0]!);
  const fs: FsView = io;
  if (isDirectory(fs, path)) return fail(`lab: ${name}: ${operands[0]} is a directory\n`);
  const content = readFile(fs, path);
  if (typeof content !== 'string' && content.error !== 'ENOENT') return fail(`lab: ${name}: ${operands[0]}: ${FS_MESSAGES[content.error]}\n`);
  // vim opens a new file in an existing directory; saving it creates the file.
  const writable = checkWritable(fs, path);
  if (typeof content !== 'string' && writable) return fail(`lab: ${name}: ${operands[0]}: ${FS_MESSAGES[writable]}\n`);
  return { output: [], exitCode: 0, edit: { path, content: typeof content === 'string' ? content : '', exists: typeof content === 'string' } };
};
