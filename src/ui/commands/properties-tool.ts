import type { Command } from './types.ts';

/** E: the edit-properties tool (a click opens a node's drawer). */
export const propertiesTool: Command = {
  id: 'tool.properties', label: 'tool.properties', group: 'tools', keys: [{ key: 'e' }], recordsUndo: false,
  enabled: () => true,
  perform: ({ editor }) => editor.send({ type: 'tool.edit_properties' }),
};
