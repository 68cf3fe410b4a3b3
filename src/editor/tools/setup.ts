import { assign, raise, setup } from 'xstate';
import type { LabDocument, NodeRole } from '../../lab/document.ts';
import type { CanvasTarget, EditorEvent, WorldPoint } from '../events.ts';
import type { EditorHost } from '../host.ts';
import { addNode, connectNodes, deleteLink, deleteNode, freeSpot, moveNode } from '../topology.ts';

/** A pointer press on a node, remembered until it becomes a click or a drag. */
export interface Press {
  readonly nodeId: string;
  readonly point: WorldPoint;
}

/** A node being dragged: the document before the drag, so Escape can put it back. */
export interface Drag {
  readonly nodeId: string;
  readonly docBefore: LabDocument;
  readonly nodeStart: WorldPoint;
  readonly pointerStart: WorldPoint;
}

export interface EditorContext {
  readonly host: EditorHost;
  readonly addRole: NodeRole;
  readonly press: Press | undefined;
  readonly drag: Drag | undefined;
  /** The node (and interface, when pointed at) a connection starts from. */
  readonly connectFrom: { readonly id: string; readonly iface?: string | undefined } | undefined;
}

/** World units the pointer must move before a press on a node becomes a drag. */
export const DRAG_THRESHOLD = 4;

const targetOf = (e: EditorEvent): CanvasTarget | undefined => ('target' in e ? e.target : undefined);
const pointOf = (e: EditorEvent): WorldPoint | undefined => ('point' in e ? e.point : undefined);
const nodeTarget = (e: EditorEvent) => {
  const t = targetOf(e);
  return t?.kind === 'node' ? t : undefined;
};

/** The editor machine's vocabulary: every action and guard its states use, by name. */
export const editorSetup = setup({
  types: {
    context: {} as EditorContext,
    events: {} as EditorEvent,
    input: {} as { host: EditorHost },
  },
  guards: {
    targetIsNode: ({ event }) => targetOf(event)?.kind === 'node',
    targetIsLink: ({ event }) => targetOf(event)?.kind === 'link',
    targetIsPacket: ({ event }) => targetOf(event)?.kind === 'packet',
    targetIsOtherNode: ({ context, event }) => {
      const t = nodeTarget(event);
      return t !== undefined && t.id !== context.connectFrom?.id;
    },
    targetIsSourceNode: ({ context, event }) => nodeTarget(event)?.id === context.connectFrom?.id,
    movedPastThreshold: ({ context, event }) => {
      const p = pointOf(event);
      if (!p || !context.press) return false;
      return Math.hypot(p.x - context.press.point.x, p.y - context.press.point.y) > DRAG_THRESHOLD;
    },
    hasSelectedNode: ({ context }) => {
      const id = context.host.getSelection().nodeId;
      return id !== undefined && context.host.getDoc().nodes.some((n) => n.id === id);
    },
  },
  actions: {
    selectTarget: ({ context, event }) => {
      const t = targetOf(event);
      if (!t) return;
      const sel = context.host.getSelection();
      if (t.kind === 'node') context.host.select({ nodeId: t.id, recordSeq: sel.recordSeq });
      else if (t.kind === 'link') context.host.select({ link: t.index, recordSeq: sel.recordSeq });
      else if (t.kind === 'packet') context.host.select({ nodeId: sel.nodeId, link: sel.link, recordSeq: t.seq });
      else context.host.select({ recordSeq: sel.recordSeq });
    },
    rememberPress: assign({
      press: ({ event }) => {
        const t = nodeTarget(event);
        const p = pointOf(event);
        return t && p ? { nodeId: t.id, point: p } : undefined;
      },
    }),
    forgetPress: assign({ press: undefined }),
    startDrag: assign({
      drag: ({ context }) => {
        const press = context.press;
        const doc = context.host.getDoc();
        const node = press && doc.nodes.find((n) => n.id === press.nodeId);
        return press && node ? { nodeId: node.id, docBefore: doc, nodeStart: node.position, pointerStart: press.point } : undefined;
      },
    }),
    dragTo: ({ context, event }) => {
      const d = context.drag;
      const p = pointOf(event);
      if (!d || !p) return;
      const at = { x: d.nodeStart.x + p.x - d.pointerStart.x, y: d.nodeStart.y + p.y - d.pointerStart.y };
      context.host.replaceDocument(moveNode(d.docBefore, d.nodeId, at));
    },
    // One undo step per drag: put the document back as it was, then record the drop as one edit.
    commitDrag: ({ context }) => {
      const d = context.drag;
      if (!d) return;
      const moved = context.host.getDoc();
      context.host.replaceDocument(d.docBefore);
      context.host.edit('edit.moveNode', () => moved);
    },
    revertDrag: ({ context }) => {
      if (context.drag) context.host.replaceDocument(context.drag.docBefore);
    },
    clearDrag: assign({ drag: undefined, press: undefined }),
    openPropertiesOfTarget: ({ context, event }) => {
      const t = nodeTarget(event);
      if (!t) return;
      context.host.select({ nodeId: t.id, recordSeq: context.host.getSelection().recordSeq });
      context.host.openProperties(t.id);
    },
    openPropertiesOfSelection: ({ context }) => {
      const id = context.host.getSelection().nodeId;
      if (id !== undefined) context.host.openProperties(id);
    },
    deleteSelection: ({ context }) => {
      const sel = context.host.getSelection();
      if (sel.nodeId !== undefined) {
        const id = sel.nodeId;
        context.host.edit('edit.deleteNode', (d) => deleteNode(d, id));
        context.host.select({ recordSeq: sel.recordSeq });
      } else if (sel.link !== undefined) {
        const i = sel.link;
        context.host.edit('edit.deleteLink', (d) => deleteLink(d, i));
        context.host.select({ recordSeq: sel.recordSeq });
      }
    },
    deleteTarget: ({ context, event }) => {
      const t = targetOf(event);
      const sel = context.host.getSelection();
      if (t?.kind === 'node') {
        context.host.edit('edit.deleteNode', (d) => deleteNode(d, t.id));
        context.host.select({ recordSeq: sel.recordSeq });
      } else if (t?.kind === 'link') {
        context.host.edit('edit.deleteLink', (d) => deleteLink(d, t.index));
        context.host.select({ recordSeq: sel.recordSeq });
      }
    },
    setRole: assign({ addRole: ({ context, event }) => (event.type === 'tool.add_node' ? event.role : context.addRole) }),
    showPlacePreview: ({ context, event }) => {
      const p = pointOf(event);
      if (p) context.host.setPreview({ kind: 'place', role: context.addRole, point: p });
    },
    placeAtPointer: ({ context, event }) => {
      const p = pointOf(event);
      if (!p) return;
      let id = '';
      context.host.edit('edit.addNode', (d) => {
        const r = addNode(d, context.addRole, p);
        id = r.id;
        return r.doc;
      });
      context.host.select({ nodeId: id });
    },
    placeAtFreeSpot: ({ context }) => {
      let id = '';
      context.host.edit('edit.addNode', (d) => {
        const r = addNode(d, context.addRole, freeSpot(d));
        id = r.id;
        return r.doc;
      });
      context.host.select({ nodeId: id });
    },
    startConnect: assign({
      connectFrom: ({ event }) => {
        const t = nodeTarget(event);
        return t ? { id: t.id, iface: t.iface } : undefined;
      },
    }),
    showConnectPreview: ({ context, event }) => {
      const p = pointOf(event);
      const from = context.connectFrom;
      if (!p || !from) return;
      const over = nodeTarget(event)?.id;
      context.host.setPreview({ kind: 'connect', from: from.id, point: p, over: over !== from.id ? over : undefined });
    },
    connectToTarget: ({ context, event }) => {
      const t = nodeTarget(event);
      const from = context.connectFrom;
      if (!t || !from) return;
      const r = connectNodes(context.host.getDoc(), from, { id: t.id, iface: t.iface });
      if (!r.ok) {
        context.host.refuse({ key: r.key, params: r.params });
        return;
      }
      context.host.edit('edit.connect', () => r.doc);
      context.host.select({ link: r.link });
    },
    forgetConnect: assign({ connectFrom: undefined }),
    clearPreview: ({ context }) => context.host.setPreview(undefined),
    /** Hands a tool change that interrupted a transient state back to the root, which switches tools. */
    reraise: raise(({ event }) => event),
  },
});
