import { addNodeTools } from './add-node-tools.ts';
import { connectTool } from './connect-tool.ts';
import { deleteSelection } from './delete-selection.ts';
import { deleteTool } from './delete-tool.ts';
import { escape } from './escape.ts';
import { faster } from './faster.ts';
import { fit } from './fit.ts';
import { help } from './help.ts';
import { language } from './language.ts';
import { nudgeCommands } from './nudge.ts';
import { openProperties } from './open-properties.ts';
import { placeNode } from './place-node.ts';
import { playPause } from './play-pause.ts';
import { propertiesTool } from './properties-tool.ts';
import { redo } from './redo.ts';
import { replay } from './replay.ts';
import { selectTool } from './select-tool.ts';
import { slower } from './slower.ts';
import { stepBack } from './step-back.ts';
import { stepForward } from './step-forward.ts';
import { toEnd } from './to-end.ts';
import { toStart } from './to-start.ts';
import type { Command } from './types.ts';
import { undo } from './undo.ts';

/** Every user command, in help-overlay order. The keyboard handler takes the first enabled match. */
export const COMMANDS: readonly Command[] = [
  selectTool, ...addNodeTools, connectTool, deleteTool, propertiesTool,
  placeNode, openProperties, deleteSelection, ...nudgeCommands, undo, redo,
  playPause, stepBack, stepForward, toStart, toEnd, faster, slower, replay,
  fit, language, help, escape,
];

/** The command with this id (toolbar buttons look theirs up). */
export function commandById(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id);
  if (!c) throw new Error(`no command ${id}`);
  return c;
}
