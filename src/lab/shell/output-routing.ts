import type { LabDocument } from '../document.ts';
import { findNode } from '../document.ts';
import { FS_MESSAGES, writeFile } from './fs/files.ts';
import { resolvePath } from './fs/paths.ts';
import { withNode } from './kernel/edit.ts';
import type { OutputChunk } from './output.ts';
import type { ResolvedRedirection } from './redirections.ts';
import type { Ran, Stamp, Where } from './session-frame.ts';
import type { ShellRuntime } from './types.ts';

/** Where redirected output is written: the running lab's files, and who hears of a changed document. */
export interface FileSink {
  readonly runtime: ShellRuntime | undefined;
  readonly apply?: (doc: LabDocument) => void;
}

/**
 * A builtin's, function's or script's output sent where the redirections say, its `bash: `
 * messages named as bash names them in a script (`x.sh: line 3: `) before they go.
 */
export function send(files: FileSink, r: Ran, at: Where, redirections: readonly ResolvedRedirection[], writeErrorPrefix: string, messagePrefix: string, stamp: Stamp): Ran {
  const output = messagePrefix === 'bash: ' ? r.output : r.output.map((c) => (c.stream === 'stderr' ? { ...c, text: c.text.replace(/^bash: /gm, messagePrefix) } : c));
  const sent = redirect(files, r.doc, at, redirections, output, r.exitCode, writeErrorPrefix, stamp);
  return r.control ? { ...sent, control: r.control } : sent;
}

/**
 * Sends stdout and stderr where the redirections say, left to right as bash applies them
 * (`> f 2>&1` sends both to f, `2>&1 > f` only stdout), and writes the files.
 */
export function redirect(
files: FileSink, doc: LabDocument, at: Where, redirections: readonly ResolvedRedirection[], output: readonly OutputChunk[], exitCode: number,
  writeErrorPrefix: string, stamp: Stamp,
): Ran {
  const { nodeId, state } = at;
  // The shell's own stdout and stderr, or a file.
  type Target = 'stdout' | 'stderr' | { path: string; append: boolean; text: string };
  const fds: Record<'stdout' | 'stderr', Target> = { stdout: 'stdout', stderr: 'stderr' };
  const targets: { path: string; append: boolean; text: string }[] = [];
  for (const r of redirections) {
    if (r.kind === 'stderr-to-stdout') fds.stderr = fds.stdout;
    else if (r.kind === 'stdout-to-stderr') fds.stdout = fds.stderr;
    else if (r.kind === 'out') {
      let target = targets.find((f) => f.path === r.path);
      if (!target) {
        target = { path: r.path, append: r.append, text: '' };
        targets.push(target);
      }
      if (r.fd === 1 || r.fd === 'both') fds.stdout = target;
      if (r.fd === 2 || r.fd === 'both') fds.stderr = target;
    }
  }
  const shown: OutputChunk[] = [];
  for (const c of output) {
    const t = fds[c.stream];
    if (typeof t === 'string') shown.push(t === c.stream ? c : { ...c, stream: t });
    else t.text += c.text;
  }
  let current = doc;
  let status = exitCode;
  for (const f of targets) {
    const node = findNode(current, nodeId)!;
    const written = writeFile({ node, runtime: files.runtime, state }, resolvePath(state.cwd, f.path), f.text, f.append);
    if (typeof written === 'string') {
      shown.push({ stream: 'stderr', text: `${writeErrorPrefix}write error: ${FS_MESSAGES[written]}\n` });
      status = 1;
    } else if (written !== node) {
      current = withNode(current, written);
      files.apply?.(current);
    }
  }
  return { output: stamp(shown), exitCode: status, doc: current };
}
