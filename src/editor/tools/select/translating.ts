import { editorSetup } from '../setup.ts';

/**
 * Select tool, dragging a node: the document follows the pointer without history; the drop is
 * one undoable edit; Escape puts the node back.
 */
export const translating = editorSetup.createStateConfig({
  entry: ['startDrag', 'dragTo'],
  on: {
    'canvas.pointer_move': { actions: 'dragTo' },
    'canvas.pointer_up': { actions: ['dragTo', 'commitDrag', 'clearDrag'], target: 'idle' },
    'editor.cancel': { actions: ['revertDrag', 'clearDrag'], target: 'idle' },
    'editor.interrupt': { actions: ['commitDrag', 'clearDrag'], target: 'idle' },
    'tool.*': { actions: ['commitDrag', 'clearDrag', 'reraise'], target: 'idle' },
    'canvas.pointer_down': {},
    'canvas.double_click': {},
    'editor.delete_selection': {},
    'editor.open_properties': {},
  },
});
