import { editorSetup } from '../setup.ts';

/** Connect tool, after a click on the start node: a click on another node cables them. */
export const awaitingTarget = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_move': { actions: 'showConnectPreview' },
    'canvas.pointer_down': [
      { guard: 'targetIsOtherNode', actions: ['clearPreview', 'connectToTarget', 'forgetConnect'], target: 'idle' },
      { actions: ['clearPreview', 'forgetConnect'], target: 'idle' },
    ],
    'editor.cancel': { actions: ['clearPreview', 'forgetConnect'], target: 'idle' },
    'editor.interrupt': { actions: ['clearPreview', 'forgetConnect'], target: 'idle' },
    'tool.*': { actions: ['clearPreview', 'forgetConnect', 'reraise'], target: 'idle' },
    'editor.delete_selection': {},
    'editor.open_properties': {},
  },
});
