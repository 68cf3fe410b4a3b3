import { editorSetup } from '../setup.ts';

/** Select tool, pointer pressed on a node: a release is a click, a move past the threshold a drag. */
export const pointingNode = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_move': { guard: 'movedPastThreshold', target: 'translating' },
    'canvas.pointer_up': { actions: 'forgetPress', target: 'idle' },
    'editor.cancel': { actions: 'forgetPress', target: 'idle' },
    'editor.interrupt': { actions: 'forgetPress', target: 'idle' },
    'tool.*': { actions: ['forgetPress', 'reraise'], target: 'idle' },
    'editor.delete_selection': {},
    'editor.open_properties': {},
  },
});
