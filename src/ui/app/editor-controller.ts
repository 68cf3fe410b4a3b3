import { createActor } from 'xstate';
import type { StoreApi } from 'zustand/vanilla';
import type { EditorEvent } from '../../editor/events.ts';
import type { EditorHost } from '../../editor/host.ts';
import { editorMachine, statePath } from '../../editor/tools/editor-machine.ts';
import type { AppState } from '../../store/app-store.ts';
import type { ToolId } from '../../store/editor-slice.ts';
import type { EditorController } from './controllers.tsx';

/** The editor machine's host over the store. */
function storeHost(store: StoreApi<AppState>): EditorHost {
  const s = () => store.getState();
  return {
    getDoc: () => s().doc,
    getSelection: () => s().selection,
    edit: (label, fn) => s().edit(label, fn),
    replaceDocument: (doc) => s().replaceDocument(doc),
    select: (sel) => s().select({ nodeId: sel.nodeId, link: sel.link, recordSeq: sel.recordSeq }),
    openProperties: (id) => s().openDrawer(id),
    setPreview: (preview) => s().setEditorView({ preview }),
    refuse: (r) => s().notify({ level: 'error', key: r.key, params: r.params }),
  };
}

/** Drops a selection or open drawer whose node or link no longer exists (after undo, delete, a new lab). */
function keepSelectionValid(store: StoreApi<AppState>): () => void {
  return store.subscribe((st, prev) => {
    if (st.doc === prev.doc) return;
    const ids = new Set(st.doc.nodes.map((n) => n.id));
    const sel = st.selection;
    const nodeGone = sel.nodeId !== undefined && !ids.has(sel.nodeId);
    const linkGone = sel.link !== undefined && (sel.link >= st.doc.links.length || st.doc.links[sel.link] !== prev.doc.links[sel.link]);
    if (nodeGone || linkGone) st.select({ ...(nodeGone ? { nodeId: undefined } : {}), ...(linkGone ? { link: undefined } : {}) });
    if (st.drawerNodeId !== undefined && !ids.has(st.drawerNodeId)) st.closeDrawer();
  });
}

/** Starts the editor machine over the store and mirrors its tool and state path into `store.editor`. */
export function createEditorController(store: StoreApi<AppState>): EditorController & { dispose(): void } {
  const actor = createActor(editorMachine, { input: { host: storeHost(store) } });
  const sub = actor.subscribe((snap) => {
    const toolState = statePath(snap);
    const tool = toolState.split('.')[0] as ToolId;
    const ed = store.getState().editor;
    if (ed.toolState !== toolState || ed.tool !== tool || ed.addRole !== snap.context.addRole) {
      store.getState().setEditorView({ tool, toolState, addRole: snap.context.addRole });
    }
  });
  const unkeep = keepSelectionValid(store);
  actor.start();
  return {
    send: (ev: EditorEvent) => actor.send(ev),
    dispose: () => {
      unkeep();
      sub.unsubscribe();
      actor.stop();
    },
  };
}
