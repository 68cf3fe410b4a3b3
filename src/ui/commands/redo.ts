import type { Command } from './types.ts';

/** Ctrl+Shift+Z or Ctrl+Y: redoes the last undone edit. */
export const redo: Command = {
  id: 'cmd.redo', label: 'cmd.redo', group: 'edit', keys: [{ key: 'z', mod: true, shift: true }, { key: 'y', mod: true }], recordsUndo: false,
  enabled: (s) => s.future.length > 0,
  perform: ({ store, editor }) => {
    editor.send({ type: 'editor.interrupt' });
    store.getState().redo();
  },
};
