import type { LabDocument } from '../document.ts';
import { drArpAnnounceLab, drArpIgnoreLab } from './arp-problems.ts';
import { drLab } from './dr.ts';
import { natLab } from './nat.ts';
import { SEED_LAB_DOCUMENTS } from './seeds/documents.ts';
import { tunLab } from './tun.ts';

/** A lab shipped with the app. Seed labs were written as lab scripts (`./seeds/index.ts` has them). */
export interface BuiltinLab {
  readonly id: string;
  readonly doc: LabDocument;
}

/** The built-in labs in menu order. */
export const BUILTIN_LABS: readonly BuiltinLab[] = [
  { id: 'nat', doc: natLab },
  { id: 'dr', doc: drLab },
  { id: 'tun', doc: tunLab },
  { id: 'dr-arp-ignore', doc: drArpIgnoreLab },
  { id: 'dr-arp-announce', doc: drArpAnnounceLab },
  ...SEED_LAB_DOCUMENTS,
];

/** The built-in lab with this id. */
export function builtinLab(id: string): LabDocument | undefined {
  return BUILTIN_LABS.find((l) => l.id === id)?.doc;
}
