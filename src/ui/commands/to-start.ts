import type { Command } from './types.ts';

/** Home: to the start of the run. */
export const toStart: Command = {
  id: 'cmd.toStart', label: 'cmd.toStart', group: 'playback', keys: [{ key: 'Home' }], recordsUndo: false,
  enabled: (s) => s.run.records.length > 0,
  perform: ({ playback }) => playback.send({ type: 'playback.to_start' }),
};
