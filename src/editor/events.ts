import type { NodeRole } from '../lab/document.ts';

/**
 * The events the canvas sends to the editor's tool machines, in world coordinates (the
 * topology's own coordinate system, independent of pan and zoom).
 */
export interface WorldPoint {
  readonly x: number;
  readonly y: number;
}

/** What is under the pointer. */
export type CanvasTarget =
  | { readonly kind: 'canvas' }
  /** A node; `iface` when the pointer is on one of its interface labels. */
  | { readonly kind: 'node'; readonly id: string; readonly iface?: string }
  | { readonly kind: 'link'; readonly index: number }
  | { readonly kind: 'packet'; readonly seq: number };

export type CanvasEvent =
  | { readonly type: 'canvas.pointer_down'; readonly target: CanvasTarget; readonly point: WorldPoint; readonly shift: boolean }
  | { readonly type: 'canvas.pointer_move'; readonly target: CanvasTarget; readonly point: WorldPoint }
  | { readonly type: 'canvas.pointer_up'; readonly target: CanvasTarget; readonly point: WorldPoint }
  | { readonly type: 'canvas.double_click'; readonly target: CanvasTarget; readonly point: WorldPoint };

/** Events from the toolbar, the keyboard and other panels. */
export type EditorCommandEvent =
  | { readonly type: 'tool.select' }
  | { readonly type: 'tool.add_node'; readonly role: NodeRole }
  | { readonly type: 'tool.connect' }
  | { readonly type: 'tool.delete' }
  | { readonly type: 'tool.edit_properties' }
  /** Escape: cancels the transient state, or leaves a tool for select. */
  | { readonly type: 'editor.cancel' }
  /** Something took the pointer away (window blur, a dialog opened): finish what is in progress. */
  | { readonly type: 'editor.interrupt' }
  /** Delete / Backspace: removes the selected node (with its links) or link. */
  | { readonly type: 'editor.delete_selection' }
  /** Opens the property drawer of the selected node. */
  | { readonly type: 'editor.open_properties' }
  /** Add-node tool from the keyboard: place the node at a free spot. */
  | { readonly type: 'editor.place_at_free_spot' };

/** Everything the editor machine hears. */
export type EditorEvent = CanvasEvent | EditorCommandEvent;
