import type { Command } from './types.ts';

/** Delete / Backspace: removes the selected node (with its links) or link. */
export const deleteSelection: Command = {
  id: 'cmd.delete', label: 'cmd.delete', group: 'edit', keys: [{ key: 'Delete' }, { key: 'Backspace' }], recordsUndo: true,
  enabled: (s) => s.selection.nodeId !== undefined || s.selection.link !== undefined,
  perform: ({ editor }) => editor.send({ type: 'editor.delete_selection' }),
};
