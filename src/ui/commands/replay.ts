import type { Command } from './types.ts';

/** Shift+R: runs the lab again from the start with the same traffic, and plays it. */
export const replay: Command = {
  id: 'cmd.replay', label: 'cmd.replay', group: 'playback', keys: [{ key: 'r', shift: true }], recordsUndo: false,
  enabled: () => true,
  perform: ({ sim }) => sim.replay(),
};
