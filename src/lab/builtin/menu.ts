import type { LabDocument, LocalizedText } from '../document.ts';
import { drArpAnnounceLab, drArpIgnoreLab } from './arp-problems.ts';
import { drLab } from './dr.ts';
import { natLab } from './nat.ts';
import seedTitles from './seeds/generated/titles.json';
import { tunLab, tunMtuLab } from './tun.ts';

/** A built-in lab as the lab menu lists it. */
export interface BuiltinLabEntry {
  readonly id: string;
  readonly title: LocalizedText;
}

/** The labs built in code, always at hand. */
export const HAND_BUILT_LABS: readonly { readonly id: string; readonly doc: LabDocument }[] = [
  { id: 'nat', doc: natLab },
  { id: 'dr', doc: drLab },
  { id: 'tun', doc: tunLab },
  { id: 'tun-mtu', doc: tunMtuLab },
  { id: 'dr-arp-ignore', doc: drArpIgnoreLab },
  { id: 'dr-arp-announce', doc: drArpAnnounceLab },
];

/** The built-in labs in menu order (`index.ts` has the same labs with their documents). */
export const BUILTIN_LAB_MENU: readonly BuiltinLabEntry[] = [
  ...HAND_BUILT_LABS.map(({ id, doc }) => ({ id, title: doc.title })),
  ...(seedTitles as readonly BuiltinLabEntry[]),
];

const atHand = new Map(HAND_BUILT_LABS.map(({ id, doc }) => [id, doc]));
let seedsLoading: Promise<void> | undefined;

/** A built-in lab's document if it is at hand: the hand-built labs always, the seed labs once loaded. */
export function builtinLabAtHand(id: string): LabDocument | undefined {
  return atHand.get(id);
}

/** Loads the seed labs' precomputed documents (the larger part of the built-ins), all together, once. */
function loadSeedLabs(): Promise<void> {
  seedsLoading ??= import('./seeds/documents.ts').then(({ SEED_LAB_DOCUMENTS }) => {
    for (const { id, doc } of SEED_LAB_DOCUMENTS) atHand.set(id, doc);
  }, (e: unknown) => {
    seedsLoading = undefined;
    throw e;
  });
  return seedsLoading;
}

/** A built-in lab's document, loading the seed labs' documents first if it is one of them. */
export async function loadBuiltinLab(id: string): Promise<LabDocument | undefined> {
  if (!atHand.has(id) && BUILTIN_LAB_MENU.some((l) => l.id === id)) await loadSeedLabs();
  return atHand.get(id);
}
