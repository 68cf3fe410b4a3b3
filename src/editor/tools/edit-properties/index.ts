import { editorSetup } from '../setup.ts';
import { idle } from './idle.ts';

/** The edit-properties tool. */
export const editPropertiesTool = editorSetup.createStateConfig({
  initial: 'idle',
  states: { idle },
});
