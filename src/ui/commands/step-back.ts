import type { Command } from './types.ts';

/** ←: back to the previous hop. */
export const stepBack: Command = {
  id: 'cmd.stepBack', label: 'cmd.stepBack', group: 'playback', keys: [{ key: 'ArrowLeft' }], recordsUndo: false,
  enabled: (s) => s.run.records.length > 0,
  perform: ({ playback }) => playback.send({ type: 'playback.step_back' }),
};
