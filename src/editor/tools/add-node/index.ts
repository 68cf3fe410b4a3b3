import { editorSetup } from '../setup.ts';
import { idle } from './idle.ts';

/** The add-node tool for one role (client, router, switch, director, real server, NFS). */
export const addNodeTool = editorSetup.createStateConfig({
  initial: 'idle',
  exit: 'clearPreview',
  states: { idle },
});
