import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../store/app-store.ts';
import type { AppControllers } from '../app/controllers.tsx';

/** A key that runs a command: `key` as KeyboardEvent.key reports it (letters lower-case). */
export interface KeyBinding {
  readonly key: string;
  /** Ctrl (or ⌘ on a Mac). */
  readonly mod?: boolean;
  /** For letters: whether Shift must be held (default: must not). Symbols ignore Shift. */
  readonly shift?: boolean;
}

/** Where a command is listed in the help overlay. */
export type CommandGroup = 'tools' | 'edit' | 'playback' | 'view';

/** What a command acts on. */
export interface CommandContext extends AppControllers {
  readonly store: StoreApi<AppState>;
}

/** A user command (excalidraw style): the keyboard handler, toolbar, top bar and help overlay all read these. */
export interface Command {
  readonly id: string;
  /** i18n key of its name. */
  readonly label: string;
  readonly group: CommandGroup;
  readonly keys?: readonly KeyBinding[];
  /** Whether it can run now. */
  enabled(state: AppState): boolean;
  perform(ctx: CommandContext): void;
  /** Whether performing it records an undo step. */
  readonly recordsUndo: boolean;
}
