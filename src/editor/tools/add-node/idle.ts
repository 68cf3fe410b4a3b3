import { editorSetup } from '../setup.ts';

/** Add-node tool: shows where the node would go; a click (or Enter) places it and returns to select. */
export const idle = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_move': { actions: 'showPlacePreview' },
    'canvas.pointer_down': { actions: ['clearPreview', 'placeAtPointer'], target: '#editor.select' },
    'editor.place_at_free_spot': { actions: ['clearPreview', 'placeAtFreeSpot'], target: '#editor.select' },
    'editor.cancel': { actions: 'clearPreview', target: '#editor.select' },
    'editor.interrupt': { actions: 'clearPreview' },
  },
});
