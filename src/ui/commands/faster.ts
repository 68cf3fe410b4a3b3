import { MAX_SPEED } from '../../editor/playback/speed.ts';
import type { Command } from './types.ts';

/** + (or =): faster playback. */
export const faster: Command = {
  id: 'cmd.faster', label: 'cmd.faster', group: 'playback', keys: [{ key: '+' }, { key: '=' }], recordsUndo: false,
  enabled: (s) => s.playback.speed < MAX_SPEED,
  perform: ({ playback }) => playback.send({ type: 'playback.faster' }),
};
