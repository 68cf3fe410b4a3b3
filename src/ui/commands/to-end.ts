import type { Command } from './types.ts';

/** End: to the end of the run. */
export const toEnd: Command = {
  id: 'cmd.toEnd', label: 'cmd.toEnd', group: 'playback', keys: [{ key: 'End' }], recordsUndo: false,
  enabled: (s) => s.run.records.length > 0,
  perform: ({ playback }) => playback.send({ type: 'playback.to_end' }),
};
