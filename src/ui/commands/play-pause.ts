import type { Command } from './types.ts';

/** Space: plays or pauses. */
export const playPause: Command = {
  id: 'cmd.playPause', label: 'cmd.playPause', group: 'playback', keys: [{ key: ' ' }], recordsUndo: false,
  enabled: (s) => s.run.records.length > 0,
  perform: ({ playback }) => playback.send({ type: 'playback.toggle' }),
};
