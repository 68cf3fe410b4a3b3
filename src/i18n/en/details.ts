import type { Catalog } from '../translate.ts';
import { explainEn } from './explain.ts';
import { panelsEn } from './panels.ts';

/** The English messages of the panels that load on demand and of the trace's explanations (see `../load.ts`). */
export const detailsEn: Catalog = { ...explainEn, ...panelsEn };
