import type { Command } from './types.ts';

/** ?: shows or hides the list of shortcuts. */
export const help: Command = {
  id: 'cmd.help', label: 'cmd.help', group: 'view', keys: [{ key: '?' }], recordsUndo: false,
  enabled: () => true,
  perform: ({ store }) => {
    const s = store.getState();
    s.setOverlay(s.overlay === 'help' ? undefined : 'help');
  },
};
