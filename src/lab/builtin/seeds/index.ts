import type { LabDocument } from '../../document.ts';
import { parseScenarioCommand } from '../../script/metadata.ts';
import { formatScriptError, parseLabScript } from '../../script/parse.ts';
import { replayLabScript } from '../../script/replay.ts';
import { SEED000_DR_CORRECTED, SEED000_DR_VERBATIM } from './seed000-dr.ts';
import { SEED000_NAT_CORRECTED, SEED000_NAT_VERBATIM } from './seed000-nat.ts';
import { SEED003_DR_CORRECTED, SEED003_DR_VERBATIM } from './seed003-dr.ts';

/** A built-in lab written as a lab script. */
export interface ScriptLab {
  readonly id: string;
  readonly script: string;
  /** The lab the script configures; its scenario is the script's traffic commands, a second apart. */
  readonly doc: LabDocument;
}

/** The lab a built-in script configures (a script error here is a bug in the built-in lab). */
export function scriptLabDocument(id: string, script: string): LabDocument {
  const parsed = parseLabScript(script);
  if (!parsed.ok) throw new Error(`built-in lab ${id}: ${parsed.errors.map(formatScriptError).join('; ')}`);
  const { doc } = replayLabScript(parsed.script);
  if (doc.scenario.length > 0) return doc;
  const scenario = parsed.script.steps.flatMap((s) => {
    const a = parseScenarioCommand(s.node, s.command.trim().split(/\s+/));
    return typeof a === 'string' ? [] : [a];
  }).map((action, i) => ({ atUs: i * 1_000_000, action }));
  return { ...doc, scenario };
}

const lab = (id: string, script: string): ScriptLab => ({ id, script, doc: scriptLabDocument(id, script) });

/** The seeds' deployments, corrected and as written. */
export const SEED_LABS: readonly ScriptLab[] = [
  lab('seed000-nat', SEED000_NAT_CORRECTED),
  lab('seed000-nat-verbatim', SEED000_NAT_VERBATIM),
  lab('seed000-dr', SEED000_DR_CORRECTED),
  lab('seed000-dr-verbatim', SEED000_DR_VERBATIM),
  lab('seed003-dr', SEED003_DR_CORRECTED),
  lab('seed003-dr-verbatim', SEED003_DR_VERBATIM),
];
