import type { LabDocument } from '../document.ts';
import { HAND_BUILT_LABS } from './hand-built.ts';
import { SEED_LAB_DOCUMENTS } from './seeds/documents.ts';

/** A lab shipped with the app. Seed labs were written as lab scripts (`./seeds/index.ts` has them). */
export interface BuiltinLab {
  readonly id: string;
  readonly doc: LabDocument;
}

/**
 * The built-in labs in menu order, every document loaded (the CLI and tests; the page uses
 * `./menu.ts`, which loads all but DR's documents on demand).
 */
export const BUILTIN_LABS: readonly BuiltinLab[] = [...HAND_BUILT_LABS, ...SEED_LAB_DOCUMENTS];

/** The built-in lab with this id. */
export function builtinLab(id: string): LabDocument | undefined {
  return BUILTIN_LABS.find((l) => l.id === id)?.doc;
}
