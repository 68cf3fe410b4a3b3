import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatScriptError, parseLabScript, type LabScript } from '../lab/script/parse.ts';
import { runLabScript } from '../worker/script-runner.ts';
import { traceJson } from './run.ts';

/** Reads and parses a lab script file; the errors as `FILE: line N: …` on failure. */
export function loadLabScript(file: string): LabScript | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return `cannot read ${file}: ${(e as Error).message}`;
  }
  return parseScriptText(text, file);
}

/** Parses script text, naming `source` in errors. */
export function parseScriptText(text: string, source: string): LabScript | string {
  const parsed = parseLabScript(text);
  if (!parsed.ok) return `${source} is not a valid lab script:\n${parsed.errors.map((e) => `  ${source}: ${formatScriptError(e)}`).join('\n')}`;
  return parsed.script;
}

export interface ScriptRunOptions {
  readonly seed: number | undefined;
  readonly pcap: string | undefined;
  readonly trace: string | undefined;
}

/** `lab run FILE.lab`: prints the transcript; writes the pcap and trace when asked. */
export function runScriptFile(script: LabScript, name: string, opts: ScriptRunOptions, out: (line: string) => void): number {
  const run = runLabScript(script, { ...(opts.seed !== undefined ? { seed: opts.seed } : {}), title: basename(name).replace(/\.lab$/, '') });
  for (const line of run.transcript) out(line);
  if (opts.pcap) writeFileSync(opts.pcap, run.session.pcap());
  if (opts.trace) writeFileSync(opts.trace, traceJson(run.session.records));
  return 0;
}
