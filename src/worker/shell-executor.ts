import type { LabDocument } from '../lab/document.ts';
import { ShellSession } from '../lab/shell/session.ts';
import type { OutputChunk } from '../lab/shell/output.ts';
import type { ShellChunk, ShellOutput } from './api.ts';
import type { SimSession } from './session.ts';
import type { ShellExecutor } from './sim-service.ts';
import { sessionRuntime, deviceCounters } from './shell-runtime.ts';

/**
 * The shells of the worker's current run: one ShellSession per simulation session, so background
 * jobs (tcpdump) live as long as the run they capture.
 */
export function createShellExecutor(): ShellExecutor {
  let shell: ShellSession | undefined;
  let owner: SimSession | undefined;
  const shellFor = (session: SimSession): ShellSession => {
    if (!shell || owner !== session) {
      shell?.stopAll();
      shell = new ShellSession({ runtime: sessionRuntime(session), apply: (d) => session.reconfigure(d), counters: deviceCounters(session) });
      owner = session;
    }
    return shell;
  };
  return {
    exec(session: SimSession, doc: LabDocument, node: string, line: string): { output: ShellOutput; doc: LabDocument } {
      const r = shellFor(session).exec(doc, node, line);
      const output: ShellOutput = { node, line, stdout: r.stdout, stderr: r.stderr, chunks: joinAdjacent(r.output), exitCode: r.exitCode, background: [] };
      return { output: r.edit ? { ...output, edit: r.edit } : output, doc: r.doc };
    },
    complete(session: SimSession, doc: LabDocument, node: string, text: string) {
      return shellFor(session).complete(doc, node, text);
    },
    drainBackground(session: SimSession): ShellOutput[] {
      if (!shell || owner !== session) return [];
      const byNode = new Map<string, { node: string; timeUs: number; text: string }[]>();
      for (const l of shell.drainBackground()) {
        const list = byNode.get(l.node) ?? [];
        list.push({ node: l.node, timeUs: l.timeUs, text: l.text });
        byNode.set(l.node, list);
      }
      return [...byNode].map(([node, background]) => ({ node, line: '', stdout: '', stderr: '', chunks: [], exitCode: 0, background }));
    },
  };
}

/** The output in order, each run of one stream as one chunk. */
function joinAdjacent(output: readonly OutputChunk[]): ShellChunk[] {
  const out: { stream: ShellChunk['stream']; text: string }[] = [];
  for (const c of output) {
    const last = out[out.length - 1];
    if (last !== undefined && last.stream === c.stream) last.text += c.text;
    else out.push({ stream: c.stream, text: c.text });
  }
  return out;
}
