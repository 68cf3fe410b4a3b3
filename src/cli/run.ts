import { readFileSync, writeFileSync } from 'node:fs';
import { hopTable, hopTableText } from '../lab/hop-table.ts';
import type { LabDocument } from '../lab/document.ts';
import { roleNames } from '../lab/roles.ts';
import { formatLabError, parseLabJson } from '../lab/validate.ts';
import { SimSession } from '../worker/session.ts';
import { actionCommand, resultSummary, seconds } from './format.ts';

/** Reads and validates a lab JSON file; an error message on failure. */
export function loadLabJson(file: string): LabDocument | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return `cannot read ${file}: ${(e as Error).message}`;
  }
  const parsed = parseLabJson(text);
  if (!parsed.ok) return `${file} is not a valid lab:\n${parsed.errors.map((e) => `  ${formatLabError(e)}`).join('\n')}`;
  return parsed.doc;
}

/** JSON for the trace: byte arrays as hex strings. */
export function traceJson(records: unknown): string {
  return JSON.stringify(records, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v), 1);
}

export interface RunOptions {
  readonly seed: number | undefined;
  readonly pcap: string | undefined;
  readonly trace: string | undefined;
}

/** `lab run FILE.json`: runs the scenario and prints each action's result and hop table. */
export function runLabDocument(doc: LabDocument, opts: RunOptions, out: (line: string) => void): number {
  const session = new SimSession(doc, opts.seed !== undefined ? { seed: opts.seed } : {});
  const issues = session.network.issues();
  for (const i of issues) out(`warning: ${i.node}: ${i.what}`);
  out(`# ${doc.title.en} (seed ${session.seed})`);
  const roles = roleNames(doc);
  const runs = session.runScenario();
  for (const run of runs) {
    const r = run.result;
    out('');
    out(`[${run.flowId}] ${run.action.node}$ ${actionCommand(run.action)}${r ? `   (${seconds(r.startUs)} s → ${seconds(r.endUs)} s)` : ''}`);
    out(resultSummary(r));
    out('');
    out(hopTableText(hopTable(session.records, { flowId: run.flowId }), roles));
  }
  if (opts.pcap) writeFileSync(opts.pcap, session.pcap());
  if (opts.trace) writeFileSync(opts.trace, traceJson(session.records));
  return runs.every((r) => r.result !== undefined) ? 0 : 1;
}
