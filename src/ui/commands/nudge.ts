import { moveNode } from '../../editor/topology.ts';
import type { Command } from './types.ts';

/** World units a node moves per press. */
const STEP = 20;

function nudge(id: string, key: string, dx: number, dy: number): Command {
  return {
    id, label: id, group: 'edit', keys: [{ key, shift: true }], recordsUndo: true,
    enabled: (s) => s.selection.nodeId !== undefined && s.editor.toolState === 'select.idle',
    perform: ({ store }) => {
      const s = store.getState();
      const selected = s.selection.nodeId;
      const node = s.doc.nodes.find((n) => n.id === selected);
      if (!node) return;
      s.edit('edit.moveNode', (d) => moveNode(d, node.id, { x: node.position.x + dx, y: node.position.y + dy }));
    },
  };
}

/** Shift+arrows: move the selected node without a mouse, one undo step per press. */
export const nudgeCommands: readonly Command[] = [
  nudge('cmd.nudgeLeft', 'ArrowLeft', -STEP, 0),
  nudge('cmd.nudgeRight', 'ArrowRight', STEP, 0),
  nudge('cmd.nudgeUp', 'ArrowUp', 0, -STEP),
  nudge('cmd.nudgeDown', 'ArrowDown', 0, STEP),
];
