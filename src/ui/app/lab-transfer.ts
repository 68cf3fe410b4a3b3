// Moving a lab in and out of the app: a JSON file in, a JSON file out, a link to the clipboard.
// Loaded on the first click (the first screen needs none of it). It imports only what else loads
// on demand and gets the rest from its caller: a module of the first screen imported here would be
// split out of the page's first chunk by the bundler, and the first screen would load more.
import type { StoreApi } from 'zustand/vanilla';
import { labLinkFragment } from '../../embed/lab-link.ts';
import type { LabDocument } from '../../lab/document.ts';
import { formatLabError, parseLabJson } from '../../lab/validate.ts';
import type { AppState } from '../../store/app-store.ts';
import type { SavedLab } from '../../store/persistence.ts';

/** Larger files are refused before reading: no lab comes near this. */
const MAX_IMPORT_BYTES = 5_000_000;
/** Links longer than this are copied with a warning: some mail and chat programs cut them. */
const LONG_LINK_CHARS = 8_000;

/** A file name for a lab: its English title in lower case, words joined by dashes. */
export function labFileName(doc: LabDocument): string {
  const slug = doc.title.en.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${slug || 'lab'}.json`;
}

/** The document as the JSON a lab file holds (what Import reads back). */
export function labJson(doc: LabDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Offers text as a file download. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves the current lab as a JSON file. */
export function exportLabFile(store: StoreApi<AppState>): void {
  const doc = store.getState().doc;
  downloadText(labFileName(doc), labJson(doc));
}

/**
 * Opens a lab from a JSON file (validated; errors with their location go to the notice panel and
 * the current lab stays).
 */
export async function importLabFile(store: StoreApi<AppState>, file: File): Promise<void> {
  const s = store.getState();
  if (file.size > MAX_IMPORT_BYTES) {
    s.notify({ level: 'error', key: 'app.import.tooLarge', params: { file: file.name } });
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    s.notify({ level: 'error', key: 'app.import.unreadable', params: { file: file.name }, details: [err instanceof Error ? err.message : String(err)] });
    return;
  }
  const parsed = parseLabJson(text);
  if (!parsed.ok) {
    store.getState().notify({ level: 'error', key: 'app.import.failed', params: { file: file.name, count: parsed.errors.length }, details: parsed.errors.map(formatLabError) });
    return;
  }
  store.getState().openLab(parsed.doc, null);
  if (!store.getState().notice) store.getState().notify({ level: 'info', key: 'app.import.done', params: { file: file.name } });
}

/**
 * Copies a link to this page that opens `saved`, the lab as it is now (document, seed, and the
 * traffic and console lines sent so far); `pristine`: it is a built-in as shipped, so its id will do.
 */
export async function copyLabLink(store: StoreApi<AppState>, saved: SavedLab, pristine: boolean): Promise<void> {
  const fragment = await labLinkFragment(saved, pristine);
  const url = `${location.origin}${location.pathname}${location.search}#${fragment}`;
  if (!(await copied(store, url))) return;
  store.getState().notify({
    level: 'info', key: url.length > LONG_LINK_CHARS ? 'app.link.copiedLong' : 'app.link.copied', params: { length: url.length }, action: 'copyEmbed',
  });
}

/**
 * Copies the HTML that shows `saved` in another page: the <lvs-lab> script from this site and the
 * element with the lab (a built-in's id, or the packed lab), its seed and the page's language.
 */
export async function copyEmbedCode(store: StoreApi<AppState>, saved: SavedLab, pristine: boolean): Promise<void> {
  const params = new URLSearchParams(await labLinkFragment(saved, pristine));
  const seed = params.get('seed');
  const script = new URL('lvs-lab.js', location.href).href;
  const html = `<script type="module" src="${script}"></script>\n`
    + `<lvs-lab lab="${params.get('lab') ?? ''}"${seed !== null ? ` seed="${seed}"` : ''} lang="${store.getState().prefs.language}" height="560"></lvs-lab>`;
  if (await copied(store, html)) store.getState().notify({ level: 'info', key: 'app.link.embedCopied', details: [html] });
}

/** Puts text on the clipboard; where the browser refuses, the notice shows it to copy by hand. */
async function copied(store: StoreApi<AppState>, text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    store.getState().notify({ level: 'error', key: 'app.link.copyFailed', details: [text] });
    return false;
  }
}
