import { isTypingTarget, matchesKey } from './keys.ts';
import { COMMANDS } from './registry.ts';
import type { Command, CommandContext } from './types.ts';

/** The command a key press runs now, if any (no tool's where the app offers no tools). */
export function commandForKey(e: KeyboardEvent, ctx: CommandContext, commands: readonly Command[] = COMMANDS): Command | undefined {
  const state = ctx.store.getState();
  return commands.find((c) => c.keys?.some((k) => matchesKey(e, k)) && (state.tools || c.group !== 'tools') && c.enabled(state));
}

/**
 * Listens for shortcuts on `target` (the window). Keys typed into text fields and menus stay
 * there; Space and Enter on a focused button press the button, not a shortcut.
 */
export function installKeyboard(target: Window, ctx: CommandContext): () => void {
  const onKey = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing) return;
    if (isTypingTarget(e.target) && e.key !== 'Escape') return;
    if (isTypingTarget(e.target) && e.key === 'Escape') {
      (e.target as HTMLElement).blur();
      return;
    }
    if ((e.key === ' ' || e.key === 'Enter') && e.target instanceof HTMLElement && e.target.closest('button, a, summary')) return;
    const cmd = commandForKey(e, ctx);
    if (!cmd) return;
    e.preventDefault();
    cmd.perform(ctx);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
