import { switchLanguage } from '../app/language-switch.ts';
import type { Command } from './types.ts';

/** L: switches between English and Chinese. */
export const language: Command = {
  id: 'cmd.language', label: 'cmd.language', group: 'view', keys: [{ key: 'l' }], recordsUndo: false,
  enabled: () => true,
  perform: ({ store }) => switchLanguage(store),
};
