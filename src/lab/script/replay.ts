import type { LabDocument } from '../document.ts';
import { ShellSession } from '../shell/session.ts';
import type { LabScript } from './parse.ts';
import { scriptTopology } from './topology.ts';

/** A command of a replay that failed, with where it came from. */
export interface ReplayFailure {
  readonly line: number;
  readonly node: string;
  readonly command: string;
  readonly stderr: string;
}

/**
 * The lab a script configures, without running a simulation: every command runs through the
 * shell for its configuration; traffic commands report that nothing runs and change nothing.
 * The editor's import and the built-in labs use it; the CLI runs scripts on the simulation.
 */
export function replayLabScript(script: LabScript, fallbackTitle?: string): { doc: LabDocument; failures: ReplayFailure[] } {
  let doc = scriptTopology(script, fallbackTitle);
  const shell = new ShellSession();
  const failures: ReplayFailure[] = [];
  for (const step of script.steps) {
    const r = shell.exec(doc, step.node, step.command);
    doc = r.doc;
    if (r.exitCode !== 0) failures.push({ line: step.line, node: step.node, command: step.command, stderr: r.stderr });
  }
  return { doc, failures };
}
