import type { Command } from './types.ts';

/** V: the select tool (select, drag to move). */
export const selectTool: Command = {
  id: 'tool.select', label: 'tool.select', group: 'tools', keys: [{ key: 'v' }], recordsUndo: false,
  enabled: () => true,
  perform: ({ editor }) => editor.send({ type: 'tool.select' }),
};
