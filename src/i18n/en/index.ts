import type { Catalog } from '../translate.ts';
import { appEn } from './app.ts';
import { canvasEn } from './canvas.ts';
import { explainEn } from './explain.ts';
import { panelsEn } from './panels.ts';

/** The English catalog: every area's messages. */
export const en: Catalog = { ...explainEn, ...appEn, ...canvasEn, ...panelsEn };
