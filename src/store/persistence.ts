import type { LabDocument } from '../lab/document.ts';
import type * as LabValidation from '../lab/validate.ts';
import type { Language } from '../i18n/translate.ts';
import type { TimelineEntry } from '../worker/api.ts';
import type { Preferences } from './preferences-slice.ts';

/** The autosave format version; a different version is ignored, never misread. */
export const SAVE_VERSION = 1;
/** localStorage keys (versioned). Preferences live apart, so a bad lab never loses the language. */
export const LAB_KEY = `lvs-lab.v${SAVE_VERSION}.lab`;
export const PREFS_KEY = `lvs-lab.v${SAVE_VERSION}.prefs`;

/** The part of the app a reload restores. */
export interface SavedLab {
  readonly doc: LabDocument;
  readonly labId: string | null;
  readonly seed: number;
  readonly timeline: readonly TimelineEntry[];
}

/** The few Storage members persistence needs (localStorage, or a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type Restored =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly saved: SavedLab }
  /** Something was saved but cannot be used; `details` say where and why. */
  | { readonly kind: 'ignored'; readonly details: readonly string[] };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The lab validator, loaded only when there is something to restore (a first visit needs none). */
type Validation = typeof LabValidation;

/** Checks the timeline against the document: traffic as the lab's scenario would be checked, shell lines by shape. */
function timelineErrors({ validateLab, formatLabError }: Validation, doc: LabDocument, timeline: unknown): string[] {
  if (!Array.isArray(timeline)) return ['timeline: is not a list'];
  const errors: string[] = [];
  const traffic: unknown[] = [];
  timeline.forEach((e: unknown, i) => {
    if (isObj(e) && e.kind === 'traffic') traffic.push({ atUs: 0, action: e.action });
    else if (isObj(e) && e.kind === 'shell') {
      if (typeof e.node !== 'string' || typeof e.line !== 'string') errors.push(`timeline[${i}]: a shell entry needs a node and a line`);
    } else errors.push(`timeline[${i}]: is neither traffic nor a shell line`);
  });
  const check = validateLab({ ...doc, scenario: traffic });
  if (!check.ok) errors.push(...check.errors.map((e) => `timeline: ${formatLabError(e)}`));
  return errors;
}

/** Reads the autosaved lab; anything unreadable is reported, never thrown. */
export async function loadSavedLab(storage: KeyValueStorage): Promise<Restored> {
  let text: string | null;
  try {
    text = storage.getItem(LAB_KEY);
  } catch (e) {
    return { kind: 'ignored', details: [`storage: ${(e as Error).message}`] };
  }
  if (text === null) return { kind: 'none' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { kind: 'ignored', details: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (!isObj(value) || value.version !== SAVE_VERSION) return { kind: 'ignored', details: ['not a saved lab of this version'] };
  return checkSavedLab(value);
}

/**
 * Checks a saved lab's fields (`doc`, `labId`, `seed`, `timeline`) as a reload or a lab link
 * reads them: every problem says where and why; nothing is thrown.
 */
export async function checkSavedLab(value: Record<string, unknown>): Promise<Restored> {
  let validation: Validation;
  try {
    validation = await import('../lab/validate.ts');
  } catch (e) {
    return { kind: 'ignored', details: [`the lab checker could not be loaded: ${(e as Error).message}`] };
  }
  const { validateLab, formatLabError } = validation;
  const parsed = validateLab(value.doc);
  if (!parsed.ok) return { kind: 'ignored', details: parsed.errors.map((e) => `doc.${formatLabError(e)}`) };
  const seed = value.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) return { kind: 'ignored', details: ['seed: is not a whole number from 0 to 4294967295'] };
  const labId = value.labId;
  if (labId !== null && typeof labId !== 'string') return { kind: 'ignored', details: ['labId: is not a string'] };
  const errors = timelineErrors(validation, parsed.doc, value.timeline);
  if (errors.length > 0) return { kind: 'ignored', details: errors };
  return { kind: 'ok', saved: { doc: parsed.doc, labId, seed, timeline: value.timeline as TimelineEntry[] } };
}

/** Writes the lab; returns false when storage refuses (full, private mode). */
export function saveLab(storage: KeyValueStorage, saved: SavedLab): boolean {
  try {
    storage.setItem(LAB_KEY, JSON.stringify({ version: SAVE_VERSION, ...saved }));
    return true;
  } catch {
    return false;
  }
}

const LANGS: readonly Language[] = ['en', 'zh'];

/** Reads the saved preferences, keeping only valid fields. */
export function loadPreferences(storage: KeyValueStorage): Partial<Preferences> {
  try {
    const v: unknown = JSON.parse(storage.getItem(PREFS_KEY) ?? '{}');
    if (!isObj(v)) return {};
    return {
      ...(LANGS.includes(v.language as Language) ? { language: v.language as Language } : {}),
      ...(typeof v.showSwitchHops === 'boolean' ? { showSwitchHops: v.showSwitchHops } : {}),
      ...(typeof v.drawerHeight === 'number' && Number.isFinite(v.drawerHeight) && v.drawerHeight > 0 ? { drawerHeight: v.drawerHeight } : {}),
    };
  } catch {
    return {};
  }
}

/** Writes the preferences; storage errors are ignored (they are preferences). */
export function savePreferences(storage: KeyValueStorage, prefs: Preferences): void {
  try {
    storage.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // A full or disabled storage only costs remembering the language.
  }
}
