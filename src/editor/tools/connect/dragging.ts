import { editorSetup } from '../setup.ts';

/**
 * Connect tool, pointer held down from a node: releasing on another node or switch cables them;
 * releasing on the start node waits for a click on the other end; releasing elsewhere cancels.
 */
export const dragging = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_move': { actions: 'showConnectPreview' },
    'canvas.pointer_up': [
      { guard: 'targetIsOtherNode', actions: ['clearPreview', 'connectToTarget', 'forgetConnect'], target: 'idle' },
      { guard: 'targetIsSourceNode', target: 'awaiting_target' },
      { actions: ['clearPreview', 'forgetConnect'], target: 'idle' },
    ],
    'editor.cancel': { actions: ['clearPreview', 'forgetConnect'], target: 'idle' },
    'editor.interrupt': { actions: ['clearPreview', 'forgetConnect'], target: 'idle' },
    'tool.*': { actions: ['clearPreview', 'forgetConnect', 'reraise'], target: 'idle' },
    'editor.delete_selection': {},
    'editor.open_properties': {},
  },
});
