import { editorSetup } from '../setup.ts';

/** Edit-properties tool: a click on a node opens its drawer (interfaces, routes, sysctls, IPVS…). */
export const idle = editorSetup.createStateConfig({
  on: {
    'canvas.pointer_down': [
      { guard: 'targetIsNode', actions: 'openPropertiesOfTarget' },
      { actions: 'selectTarget' },
    ],
    'editor.open_properties': { guard: 'hasSelectedNode', actions: 'openPropertiesOfSelection' },
    'editor.cancel': { target: '#editor.select' },
  },
});
