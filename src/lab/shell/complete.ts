import { resolvePath } from './fs/paths.ts';

/**
 * bash's Tab completion (readline with bash's defaults), for the console: the word before the
 * cursor is completed to a command name where a command starts, else to a path. One match is
 * completed with a space after it (a slash after a directory); several are completed to their
 * longest common beginning and listed, as bash lists them on the second Tab.
 */

/** What completion needs of the shell: its commands, the working directory and its directories. */
export interface CompletionSource {
  readonly commands: readonly string[];
  readonly cwd: string;
  /** The names in the directory at an absolute path, each with whether it is a directory; undefined when it is none. */
  list(dir: string): readonly { readonly name: string; readonly directory: boolean }[] | undefined;
}

/** The completed text, and the matches when there are several (bash's list). */
export interface Completion {
  readonly text: string;
  readonly candidates: readonly string[];
}

/** Where a command name is expected after these (bash's command position). */
const COMMAND_AFTER = /(^|[;&|(\n]|\b(?:then|do|else|elif|if|while|until|!))\s*$/;

/** Completes the last word of `text` (the cursor is at its end). */
export function complete(text: string, source: CompletionSource): Completion {
  const none = { text, candidates: [] };
  const start = Math.max(...[' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')'].map((c) => text.lastIndexOf(c))) + 1;
  const word = text.slice(start);
  // Inside quotes or an expansion bash completes other things (variables…); here nothing.
  if (/['"$`\\]/.test(word)) return none;
  const before = text.slice(0, start);
  if (COMMAND_AFTER.test(before) && !word.includes('/')) {
    const names = [...new Set(source.commands)].filter((c) => c.startsWith(word)).sort();
    return settle(before, word, names.map((n) => ({ shown: n, insert: n, final: ' ' })));
  }
  const slash = word.lastIndexOf('/');
  const dirPart = word.slice(0, slash + 1);
  const base = word.slice(slash + 1);
  // `~` is root's home, as the tokenizer reads it.
  const dir = resolvePath(source.cwd, dirPart === '' ? '.' : dirPart.replace(/^~(?=\/|$)/, '/root'));
  const entries = source.list(dir);
  if (!entries) return none;
  const matches = entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .map((e) => ({ shown: e.directory ? `${e.name}/` : e.name, insert: dirPart + e.name, final: e.directory ? '/' : ' ' }));
  return settle(before, word, matches);
}

/** One match completes with its ending; several extend the word to their common beginning and are listed. */
function settle(before: string, word: string, matches: readonly { shown: string; insert: string; final: string }[]): Completion {
  if (matches.length === 0) return { text: before + word, candidates: [] };
  if (matches.length === 1) return { text: before + matches[0]!.insert + matches[0]!.final, candidates: [] };
  let common = matches[0]!.insert;
  for (const m of matches) while (!m.insert.startsWith(common)) common = common.slice(0, -1);
  return { text: before + (common.length > word.length ? common : word), candidates: matches.map((m) => m.shown) };
}
