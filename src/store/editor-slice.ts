import type { StateCreator } from 'zustand';
import type { NodeRole } from '../lab/document.ts';
import type { EditorPreview } from '../editor/host.ts';
import type { AppState } from './app-store.ts';

/** The editor's tools (the top-level states of the editor machine). */
export type ToolId = 'select' | 'add_node' | 'connect' | 'delete' | 'edit_properties';

export type { EditorPreview } from '../editor/host.ts';

/** A message for the user: an i18n key with parameters, and optional detail lines (located errors). */
export interface Notice {
  readonly level: 'info' | 'error';
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly details: readonly string[];
  /** A button the notice offers: bring back the replaced lab, or copy the lab's embed code. */
  readonly action?: 'restoreLab' | 'copyEmbed';
}

/** The editor's state as the UI shows it (the editor machine itself lives in ui/app). */
export interface EditorView {
  readonly tool: ToolId;
  /** The role the add-node tool places. */
  readonly addRole: NodeRole;
  /** The machine's state path, e.g. `select.translating`. */
  readonly toolState: string;
  readonly preview: EditorPreview | undefined;
}

export interface EditorSlice {
  readonly editor: EditorView;
  /** The node whose drawer (path, tables, console) is open. */
  readonly drawerNodeId: string | undefined;
  /** A full-screen overlay (the shortcut list). */
  readonly overlay: 'help' | undefined;
  /** The latest notice, shown until dismissed or replaced. */
  readonly notice: Notice | undefined;
  /** Bumped to ask the canvas to fit the topology to the screen; the canvas watches it. */
  readonly fitRequest: number;
  setEditorView(v: Partial<EditorView>): void;
  openDrawer(nodeId: string): void;
  closeDrawer(): void;
  setOverlay(o: 'help' | undefined): void;
  notify(n: Omit<Notice, 'details' | 'params'> & Partial<Pick<Notice, 'details' | 'params'>>): void;
  dismissNotice(): void;
  requestFit(): void;
}

export const INITIAL_EDITOR_VIEW: EditorView = { tool: 'select', addRole: 'client', toolState: 'select.idle', preview: undefined };

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => ({
  editor: INITIAL_EDITOR_VIEW,
  drawerNodeId: undefined,
  overlay: undefined,
  notice: undefined,
  fitRequest: 0,
  setEditorView: (v) => set({ editor: { ...get().editor, ...v } }),
  openDrawer: (nodeId) => set({ drawerNodeId: nodeId }),
  closeDrawer: () => set({ drawerNodeId: undefined }),
  setOverlay: (overlay) => set({ overlay }),
  notify: (n) => set({ notice: { params: {}, details: [], ...n } }),
  dismissNotice: () => set({ notice: undefined }),
  requestFit: () => set({ fitRequest: get().fitRequest + 1 }),
});
