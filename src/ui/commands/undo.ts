import type { Command } from './types.ts';

/** Ctrl+Z: undoes the last edit. */
export const undo: Command = {
  id: 'cmd.undo', label: 'cmd.undo', group: 'edit', keys: [{ key: 'z', mod: true }], recordsUndo: false,
  enabled: (s) => s.past.length > 0,
  perform: ({ store, editor }) => {
    editor.send({ type: 'editor.interrupt' });
    store.getState().undo();
  },
};
