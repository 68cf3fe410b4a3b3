import type { KeyBinding } from './types.ts';

const isLetter = (k: string) => /^[a-z]$/.test(k);

/** Whether a keyboard event is this binding. */
export function matchesKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, b: KeyBinding): boolean {
  if (e.altKey) return false;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key !== b.key) return false;
  if ((e.ctrlKey || e.metaKey) !== (b.mod ?? false)) return false;
  // Symbols such as ? and + need Shift on many layouts, so Shift only counts for letters and named keys.
  const shiftCounts = isLetter(b.key) || b.key.length > 1 || b.shift !== undefined;
  return !shiftCounts || e.shiftKey === (b.shift ?? false);
}

/** Names of special keys as printed on keyboards (the help overlay translates none of these). */
const KEY_NAMES: Readonly<Record<string, string>> = {
  ' ': 'Space', ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Delete: 'Delete', Backspace: 'Backspace', Home: 'Home', End: 'End', Enter: 'Enter',
};

/** A binding as the user reads it: `Ctrl+Shift+Z`, `Space`, `?`. */
export function formatKey(b: KeyBinding): string {
  const name = KEY_NAMES[b.key] ?? (b.key.length === 1 ? b.key.toUpperCase() : b.key);
  return [b.mod ? 'Ctrl' : '', b.shift ? 'Shift' : '', name].filter(Boolean).join('+');
}

/** Whether keys typed here belong to the element (text fields, menus, the console), not to shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}
