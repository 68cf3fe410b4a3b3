import type { Command } from './types.ts';

/** Enter: opens the selected node's drawer. */
export const openProperties: Command = {
  id: 'cmd.openProperties', label: 'cmd.openProperties', group: 'edit', keys: [{ key: 'Enter' }], recordsUndo: false,
  enabled: (s) => s.editor.tool !== 'add_node' && s.selection.nodeId !== undefined,
  perform: ({ editor }) => editor.send({ type: 'editor.open_properties' }),
};
