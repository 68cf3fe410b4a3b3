import { editorSetup } from '../setup.ts';
import { awaitingTarget } from './awaiting-target.ts';
import { dragging } from './dragging.ts';
import { idle } from './idle.ts';

/** The connect tool: drag (or click, then click) from a node to a node or switch to cable them. */
export const connectTool = editorSetup.createStateConfig({
  initial: 'idle',
  states: { idle, dragging, awaiting_target: awaitingTarget },
});
