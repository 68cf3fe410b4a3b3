import type { StateCreator } from 'zustand';
import type { LabDocument } from '../lab/document.ts';
import type { AppState } from './app-store.ts';

/** One undoable step. */
export interface HistoryEntry {
  readonly doc: LabDocument;
  /** i18n key of what the step did (`edit.moveNode`…), for the undo button's title. */
  readonly label: string;
}

/** How many steps undo remembers. */
export const HISTORY_LIMIT = 200;

export interface DocumentSlice {
  readonly doc: LabDocument;
  /** The built-in lab this document started from, or null for the user's own. */
  readonly labId: string | null;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  /** Opens a document; history starts empty. */
  loadDocument(doc: LabDocument, labId: string | null): void;
  /** Applies an edit as one undoable step; an edit that returns the same document records nothing. */
  edit(label: string, fn: (doc: LabDocument) => LabDocument): void;
  /** Replaces the document without a history step (e.g. continuous dragging, before the drop). */
  replaceDocument(doc: LabDocument): void;
  undo(): void;
  redo(): void;
}

export const createDocumentSlice = (initial: LabDocument, labId: string | null): StateCreator<AppState, [], [], DocumentSlice> => (set, get) => ({
  doc: initial,
  labId,
  past: [],
  future: [],
  loadDocument: (doc, id) => set({ doc, labId: id, past: [], future: [] }),
  edit: (label, fn) => {
    const before = get().doc;
    const after = fn(before);
    if (after === before) return;
    set({ doc: after, past: [...get().past, { doc: before, label }].slice(-HISTORY_LIMIT), future: [] });
  },
  replaceDocument: (doc) => set({ doc }),
  undo: () => {
    const { past, doc, future } = get();
    const last = past[past.length - 1];
    if (!last) return;
    set({ doc: last.doc, past: past.slice(0, -1), future: [{ doc, label: last.label }, ...future] });
  },
  redo: () => {
    const { past, doc, future } = get();
    const next = future[0];
    if (!next) return;
    set({ doc: next.doc, past: [...past, { doc, label: next.label }], future: future.slice(1) });
  },
});
