import type { LabDocument, NodeRole } from '../lab/document.ts';
import type { WorldPoint } from './events.ts';
import type { Refusal } from './topology.ts';

/** What the canvas draws for a tool in progress (world coordinates). */
export type EditorPreview =
  /** Connect tool: a rubber band from `from` to the pointer; `over` is the node under the pointer. */
  | { readonly kind: 'connect'; readonly from: string; readonly point: WorldPoint; readonly over: string | undefined }
  /** Add-node tool: where a click would place a node of `role`. */
  | { readonly kind: 'place'; readonly role: NodeRole; readonly point: WorldPoint };

/** What the editor selected (a subset of the store's selection). */
export interface EditorSelection {
  readonly nodeId?: string | undefined;
  readonly link?: number | undefined;
  readonly recordSeq?: number | undefined;
}

/**
 * The editor machine's window on the app: the document with its undo history, the selection,
 * the property drawer and the canvas preview. The app implements it over the store; tests over
 * plain variables.
 */
export interface EditorHost {
  getDoc(): LabDocument;
  getSelection(): EditorSelection;
  /** One undoable step labelled with an i18n key (`edit.addNode`). */
  edit(label: string, fn: (doc: LabDocument) => LabDocument): void;
  /** Shows a document without a history step (while dragging). */
  replaceDocument(doc: LabDocument): void;
  /** Replaces the whole selection (fields left out are cleared). */
  select(sel: EditorSelection): void;
  openProperties(nodeId: string): void;
  setPreview(p: EditorPreview | undefined): void;
  /** Tells the user why an edit was refused. */
  refuse(r: Refusal): void;
}
