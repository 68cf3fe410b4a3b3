import { editorSetup } from '../setup.ts';

/** Connect tool, waiting for a press on the node a cable starts from. */
export const idle = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_down': { guard: 'targetIsNode', actions: ['startConnect', 'showConnectPreview'], target: 'dragging' },
    'editor.cancel': { target: '#editor.select' },
  },
});
