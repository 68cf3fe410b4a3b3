import type { LabDocument } from '../document.ts';
import { HAND_BUILT_LABS } from './hand-built.ts';
import { SEED_LAB_DOCUMENTS } from './seeds/documents.ts';

/** Every built-in lab's document: what the page loads, once, when one other than DR is opened. */
export const ON_DEMAND_LABS: readonly { readonly id: string; readonly doc: LabDocument }[] = [...HAND_BUILT_LABS, ...SEED_LAB_DOCUMENTS];
