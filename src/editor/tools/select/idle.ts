import { editorSetup } from '../setup.ts';

/** Select tool, nothing in progress: a press selects what is under the pointer. */
export const idle = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_down': [
      { guard: 'targetIsNode', actions: ['selectTarget', 'rememberPress'], target: 'pointing_node' },
      { actions: 'selectTarget' },
    ],
    'canvas.double_click': { guard: 'targetIsNode', actions: 'openPropertiesOfTarget' },
    'editor.delete_selection': { actions: 'deleteSelection' },
    'editor.open_properties': { guard: 'hasSelectedNode', actions: 'openPropertiesOfSelection' },
  },
});
