import { editorSetup } from '../setup.ts';
import { idle } from './idle.ts';
import { pointingNode } from './pointing-node.ts';
import { translating } from './translating.ts';

/** The select tool: select nodes, links and packets; drag nodes to move them. */
export const selectTool = editorSetup.createStateConfig({
  initial: 'idle',
  states: { idle, pointing_node: pointingNode, translating },
});
