import type { Command } from './types.ts';

/** F: fits the topology to the canvas. */
export const fit: Command = {
  id: 'cmd.fit', label: 'cmd.fit', group: 'view', keys: [{ key: 'f' }], recordsUndo: false,
  enabled: (s) => s.doc.nodes.length > 0,
  perform: ({ store }) => store.getState().requestFit(),
};
