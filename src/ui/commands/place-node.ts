import type { Command } from './types.ts';

/** Enter with an add-node tool: places the node at a free spot (adding without a mouse). */
export const placeNode: Command = {
  id: 'cmd.placeNode', label: 'cmd.placeNode', group: 'edit', keys: [{ key: 'Enter' }], recordsUndo: true,
  enabled: (s) => s.editor.tool === 'add_node',
  perform: ({ editor }) => editor.send({ type: 'editor.place_at_free_spot' }),
};
