import type { LabDocument, LocalizedText } from '../document.ts';
import { drLab } from './dr.ts';
import seedTitles from './seeds/generated/titles.json';
import { HAND_BUILT_TITLES } from './titles.ts';

/** A built-in lab as the lab menu lists it. */
export interface BuiltinLabEntry {
  readonly id: string;
  readonly title: LocalizedText;
}

/** The built-in labs in menu order (`index.ts` has the same labs with their documents). */
export const BUILTIN_LAB_MENU: readonly BuiltinLabEntry[] = [
  ...Object.entries(HAND_BUILT_TITLES).map(([id, title]) => ({ id, title })),
  ...(seedTitles as readonly BuiltinLabEntry[]),
];

/** Documents at hand: the lab the page opens first, then every other once one of them is asked for. */
const atHand = new Map<string, LabDocument>([['dr', drLab]]);
let othersLoading: Promise<void> | undefined;

/** A built-in lab's document if it is at hand: DR always, the others once loaded. */
export function builtinLabAtHand(id: string): LabDocument | undefined {
  return atHand.get(id);
}

/** Loads every other built-in lab's document (the seed labs' are the larger part), all together, once. */
function loadOthers(): Promise<void> {
  othersLoading ??= import('./on-demand.ts').then(({ ON_DEMAND_LABS }) => {
    for (const { id, doc } of ON_DEMAND_LABS) atHand.set(id, doc);
  }, (e: unknown) => {
    othersLoading = undefined;
    throw e;
  });
  return othersLoading;
}

/** A built-in lab's document, loading the others' documents first if it is one of them. */
export async function loadBuiltinLab(id: string): Promise<LabDocument | undefined> {
  if (!atHand.has(id) && BUILTIN_LAB_MENU.some((l) => l.id === id)) await loadOthers();
  return atHand.get(id);
}
