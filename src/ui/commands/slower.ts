import { MIN_SPEED } from '../../editor/playback/speed.ts';
import type { Command } from './types.ts';

/** -: slower playback. */
export const slower: Command = {
  id: 'cmd.slower', label: 'cmd.slower', group: 'playback', keys: [{ key: '-' }], recordsUndo: false,
  enabled: (s) => s.playback.speed > MIN_SPEED,
  perform: ({ playback }) => playback.send({ type: 'playback.slower' }),
};
