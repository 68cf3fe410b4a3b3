import type { Command } from './types.ts';

/** X: the delete tool (a click removes a node with its links, or a link). */
export const deleteTool: Command = {
  id: 'tool.delete', label: 'tool.delete', group: 'tools', keys: [{ key: 'x' }], recordsUndo: false,
  enabled: () => true,
  perform: ({ editor }) => editor.send({ type: 'tool.delete' }),
};
