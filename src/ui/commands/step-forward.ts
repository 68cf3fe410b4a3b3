import type { Command } from './types.ts';

/** →: on to the next hop. */
export const stepForward: Command = {
  id: 'cmd.stepForward', label: 'cmd.stepForward', group: 'playback', keys: [{ key: 'ArrowRight' }], recordsUndo: false,
  enabled: (s) => s.run.records.length > 0,
  perform: ({ playback }) => playback.send({ type: 'playback.step_forward' }),
};
