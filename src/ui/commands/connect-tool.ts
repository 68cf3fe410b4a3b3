import type { Command } from './types.ts';

/** C: the connect tool (drag from a node to a node or switch). */
export const connectTool: Command = {
  id: 'tool.connect', label: 'tool.connect', group: 'tools', keys: [{ key: 'c' }], recordsUndo: false,
  enabled: () => true,
  perform: ({ editor }) => editor.send({ type: 'tool.connect' }),
};
