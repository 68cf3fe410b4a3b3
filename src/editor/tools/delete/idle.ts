import { editorSetup } from '../setup.ts';

/** Delete tool: a click removes a node (with its links) or a link. */
export const idle = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_down': { actions: 'deleteTarget' },
    'editor.delete_selection': { actions: 'deleteSelection' },
    'editor.cancel': { target: '#editor.select' },
  },
});
