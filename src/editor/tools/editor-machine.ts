import type { AnyMachineSnapshot } from 'xstate';
import { addNodeTool } from './add-node/index.ts';
import { connectTool } from './connect/index.ts';
import { deleteTool } from './delete/index.ts';
import { editPropertiesTool } from './edit-properties/index.ts';
import { selectTool } from './select/index.ts';
import { editorSetup } from './setup.ts';

/**
 * The topology editor: one top-level state per tool, each tool a small state chart. Tool changes
 * are heard everywhere; a transient state (dragging, connecting) finishes or cancels first.
 */
export const editorMachine = editorSetup.createMachine({
  id: 'editor',
  context: ({ input }) => ({ host: input.host, addRole: 'client', press: undefined, drag: undefined, connectFrom: undefined }),
  initial: 'select',
  on: {
    'tool.select': { target: '.select' },
    'tool.add_node': { actions: 'setRole', target: '.add_node' },
    'tool.connect': { target: '.connect' },
    'tool.delete': { target: '.delete' },
    'tool.edit_properties': { target: '.edit_properties' },
    'editor.delete_selection': { actions: 'deleteSelection' },
    'editor.open_properties': { guard: 'hasSelectedNode', actions: 'openPropertiesOfSelection' },
  },
  states: {
    select: selectTool,
    add_node: addNodeTool,
    connect: connectTool,
    delete: deleteTool,
    edit_properties: editPropertiesTool,
  },
});

/** A snapshot's state as a dotted path: `select.translating`. */
export function statePath(snapshot: AnyMachineSnapshot): string {
  const walk = (v: unknown): string => (typeof v === 'string' ? v : Object.entries(v as Record<string, unknown>).map(([k, sub]) => `${k}.${walk(sub)}`)[0] ?? '');
  return walk(snapshot.value);
}
