import { editorSetup } from '../setup.ts';
import { idle } from './idle.ts';

/** The delete tool. */
export const deleteTool = editorSetup.createStateConfig({
  initial: 'idle',
  states: { idle },
});
