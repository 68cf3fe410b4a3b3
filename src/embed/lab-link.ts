// Lab links: a lab in a URL's fragment, so a tutorial can link to (or embed) exactly the lab it
// talks about and a student can send a teacher the lab they are stuck on. The fragment never
// reaches a server, so a lab in it stays on the reader's machine.
//
//   #lab=dr                 a built-in lab as shipped (its id, as the lab menu knows it)
//   #lab=dr&seed=7          … run with another seed
//   #lab=1.<data>           any lab: its document, seed and the traffic and console lines sent so
//                           far, as JSON, deflate-compressed (raw, RFC 1951), base64url (RFC 4648 §5)
//
// The version prefix ("1.") lets a later format be told apart; a link of another version is
// refused with a message, never misread.
import type { Language } from '../i18n/translate.ts';
import type { LabDocument } from '../lab/document.ts';
import type { Restored, SavedLab } from '../store/persistence.ts';

/** The packed format's version, written before the data. */
const PACKED_VERSION = '1';
/** Unpacked labs larger than this are refused (a lab file is limited likewise on import). */
export const MAX_UNPACKED_BYTES = 5_000_000;
/** Fragments longer than this are refused before decoding (browsers keep URLs up to ~2 MB). */
const MAX_LINK_CHARS = 2_000_000;

/**
 * What reading a link needs from the page: the built-in labs, the lab checker, the panels' words.
 * Passed in rather than imported, so this module, loaded on demand, shares no module with the
 * page's first chunk (the bundler would split those out of it, and the first screen would load more).
 */
export interface LinkContext {
  readonly builtinIds: readonly string[];
  checkSavedLab(value: Record<string, unknown>): Promise<Restored>;
  loadBuiltinLab(id: string): Promise<LabDocument | undefined>;
  /** Loads the catalog part with the link notices' words. */
  loadWords(language: Language): Promise<void>;
}

/** What a URL fragment holds. */
export type LabLink =
  | { readonly kind: 'none' }
  | { readonly kind: 'builtin'; readonly id: string; readonly seed: number | undefined }
  | { readonly kind: 'packed'; readonly saved: SavedLab }
  /** The fragment names a lab that cannot be opened; `details` say where and why. */
  | { readonly kind: 'invalid'; readonly details: readonly string[] };

/** The fragment (without `#`) that opens `saved`: a built-in's id when it is one as shipped, else the packed lab. */
export async function labLinkFragment(saved: SavedLab, pristineBuiltin: boolean): Promise<string> {
  if (pristineBuiltin && saved.labId !== null && saved.timeline.length === 0) {
    return `lab=${encodeURIComponent(saved.labId)}${saved.seed !== saved.doc.seed ? `&seed=${saved.seed}` : ''}`;
  }
  const json = JSON.stringify({ doc: saved.doc, labId: saved.labId, seed: saved.seed, timeline: saved.timeline });
  const packed = await transform(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Infinity);
  return `lab=${PACKED_VERSION}.${toBase64Url(packed)}`;
}

/** Reads a URL fragment (with or without `#`). Never throws: a bad link is `invalid` with its reasons. */
export async function readLabLink(fragment: string, context: LinkContext): Promise<LabLink> {
  if (fragment.length > MAX_LINK_CHARS) return invalid(`the link is ${fragment.length} characters long; a lab link has at most ${MAX_LINK_CHARS}`);
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const labs = params.getAll('lab');
  if (labs.length === 0) return { kind: 'none' };
  if (labs.length > 1) return invalid(`lab: appears ${labs.length} times; a link opens one lab`);
  const lab = labs[0]!;
  const seedText = params.get('seed');
  let seed: number | undefined;
  if (seedText !== null) {
    if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 0xffffffff) return invalid(`seed: "${clip(seedText)}" is not a whole number from 0 to 4294967295`);
    seed = Number(seedText);
  }
  const dot = lab.indexOf('.');
  if (dot < 0) {
    if (!context.builtinIds.includes(lab)) {
      return invalid(`lab: "${clip(lab)}" is not a built-in lab (the built-in labs are ${context.builtinIds.join(', ')})`);
    }
    return { kind: 'builtin', id: lab, seed };
  }
  const version = lab.slice(0, dot);
  if (version !== PACKED_VERSION) return invalid(`lab: a packed lab of version "${clip(version)}"; this app reads version ${PACKED_VERSION}`);
  return unpack(lab.slice(dot + 1), dot + 1, seed, context);
}

/** What a fragment opens: nothing, a lab with its seed and timeline, or why it cannot. */
export type LinkedLab =
  | { readonly kind: 'none' }
  | { readonly kind: 'lab'; readonly saved: SavedLab }
  | { readonly kind: 'invalid'; readonly details: readonly string[] };

/** Reads a fragment and, for a built-in lab, loads its document: the lab the link opens. */
export async function linkedLab(fragment: string, context: LinkContext): Promise<LinkedLab> {
  const link = await readLabLink(fragment, context);
  if (link.kind !== 'builtin') return link.kind === 'packed' ? { kind: 'lab', saved: link.saved } : link;
  const doc = await context.loadBuiltinLab(link.id).catch(() => undefined);
  if (!doc) return { kind: 'invalid', details: [`lab: the built-in lab "${link.id}" could not be loaded; check the connection and reload`] };
  return { kind: 'lab', saved: { doc, labId: link.id, seed: link.seed ?? doc.seed, timeline: [] } };
}

/** The packed part of a link: base64url → deflate → JSON → a checked lab. */
async function unpack(data: string, offset: number, seed: number | undefined, context: LinkContext): Promise<LabLink> {
  const bad = data.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0) return invalid(`lab: character ${offset + bad + 1} ("${data[bad]}") is not base64url (A–Z, a–z, 0–9, - and _); was the link cut or changed?`);
  if (data.length % 4 === 1) return invalid(`lab: the packed data has ${data.length} characters, which no base64url text has; was the link cut short?`);
  let json: string;
  try {
    const bytes = await transform(fromBase64Url(data), new DecompressionStream('deflate-raw'), MAX_UNPACKED_BYTES);
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof TooLarge) return invalid(`lab: unpacks to more than ${MAX_UNPACKED_BYTES} bytes; no lab is that large`);
    return invalid(`lab: the packed data is damaged or cut short (${(e as Error).message || 'it does not unpack'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return invalid(`lab: the unpacked data is not JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('lab: the unpacked data is not a lab (an object with doc, seed and timeline)');
  const fields = value as Record<string, unknown>;
  const labId = fields.labId ?? null;
  if (labId !== null && !context.builtinIds.includes(labId as string)) return invalid(`labId: ${JSON.stringify(labId)} is not a built-in lab`);
  const checked = await context.checkSavedLab({ ...fields, labId, timeline: fields.timeline ?? [], ...(seed !== undefined ? { seed } : {}) });
  if (checked.kind !== 'ok') return invalid(...(checked.kind === 'ignored' ? checked.details : ['nothing to open']));
  return { kind: 'packed', saved: checked.saved };
}

function invalid(...details: string[]): LabLink {
  return { kind: 'invalid', details };
}

/** At most 40 characters of user input in a message. */
function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

class TooLarge extends Error {}

/** Runs bytes through a (de)compression stream, stopping once the output passes `limit` bytes. */
async function transform(input: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Errors surface through the reader; the writer's own promises must not go unhandled.
  writer.write(input).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
