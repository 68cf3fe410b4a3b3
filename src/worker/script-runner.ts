import type { LabDocument } from '../lab/document.ts';
import type { OutputChunk } from '../lab/shell/output.ts';
import { ShellSession } from '../lab/shell/session.ts';
import type { LabScript } from '../lab/script/parse.ts';
import { scriptTopology } from '../lab/script/topology.ts';
import { SimSession } from './session.ts';
import { sessionRuntime, deviceCounters } from './shell-runtime.ts';

/** What running a script produced. */
export interface ScriptRun {
  /** The transcript, line by line. */
  readonly transcript: readonly string[];
  /** The lab as the commands left it. */
  readonly doc: LabDocument;
  /** The simulation the commands ran on (for the pcap and trace). */
  readonly session: SimSession;
}

export interface ScriptRunOptions {
  /** Overrides the script's seed. */
  readonly seed?: number;
  /** The title when the script has no `# @title`. */
  readonly title?: string;
}

/** Text chunks as transcript lines (a chunk without a final newline still ends its line). */
function chunkLines(text: string): string[] {
  const ls = text.split('\n');
  if (text.endsWith('\n')) ls.pop();
  return ls;
}

/**
 * Runs a lab script: builds its topology, then runs each command on its node in file order,
 * every traffic command until its traffic has settled. The transcript shows each command as
 * `node$ command` followed by its output, and the lines of background captures as
 * `node: <line>`, merged in virtual-time order. Deterministic for a seed.
 */
export function runLabScript(script: LabScript, opts: ScriptRunOptions = {}): ScriptRun {
  let doc = scriptTopology(script, opts.title);
  const session = new SimSession(doc, opts.seed !== undefined ? { seed: opts.seed } : {});
  const shell = new ShellSession({
    runtime: sessionRuntime(session),
    apply: (d) => {
      doc = d;
      session.reconfigure(d);
    },
    counters: deviceCounters(session),
  });
  const transcript: string[] = [];
  for (const step of script.steps) {
    transcript.push(`${step.node}$ ${step.command}`);
    const r = shell.exec(doc, step.node, step.command);
    if (r.doc !== doc) {
      doc = r.doc;
      session.reconfigure(doc);
    }
    // At equal times, in causal order: what the command prints as it starts comes before the
    // captures (ping's header precedes its first request), what it prints on receiving comes
    // after the capture of the packet it received (curl's page, ping's reply lines).
    const entries: { timeUs: number; rank: number; order: number; text: string }[] = [];
    let order = 0;
    r.output.forEach((c: OutputChunk) => {
      const timeUs = c.timeUs ?? r.endUs;
      for (const line of chunkLines(c.text)) entries.push({ timeUs, rank: timeUs === r.startUs ? 0 : 2, order: order++, text: line });
    });
    for (const l of shell.drainBackground()) entries.push({ timeUs: l.timeUs, rank: 1, order: order++, text: `${l.node}: ${l.text}` });
    entries.sort((a, b) => a.timeUs - b.timeUs || a.rank - b.rank || a.order - b.order);
    transcript.push(...entries.map((e) => e.text));
  }
  shell.stopAll();
  return { transcript, doc, session };
}
