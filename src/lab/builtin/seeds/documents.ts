import type { LabDocument } from '../../document.ts';
import { formatLabError, validateLab } from '../../validate.ts';
import seed000DrVerbatim from './generated/seed000-dr-verbatim.json';
import seed000Dr from './generated/seed000-dr.json';
import seed000NatVerbatim from './generated/seed000-nat-verbatim.json';
import seed000Nat from './generated/seed000-nat.json';
import seed003DrVerbatim from './generated/seed003-dr-verbatim.json';
import seed003Dr from './generated/seed003-dr.json';

/** A generated document, checked on load (a failure here is a bug in the built-in lab). */
function checked(id: string, json: unknown): { id: string; doc: LabDocument } {
  const r = validateLab(json);
  if (!r.ok) throw new Error(`built-in lab ${id}: ${r.errors.map(formatLabError).join('; ')}`);
  return { id, doc: r.doc };
}

/**
 * The documents the seed lab scripts configure, precomputed by `scripts/generate-seed-labs.ts`
 * (the app needs the labs, not the shell that replays them).
 */
export const SEED_LAB_DOCUMENTS: readonly { readonly id: string; readonly doc: LabDocument }[] = [
  checked('seed000-nat', seed000Nat),
  checked('seed000-nat-verbatim', seed000NatVerbatim),
  checked('seed000-dr', seed000Dr),
  checked('seed000-dr-verbatim', seed000DrVerbatim),
  checked('seed003-dr', seed003Dr),
  checked('seed003-dr-verbatim', seed003DrVerbatim),
];
