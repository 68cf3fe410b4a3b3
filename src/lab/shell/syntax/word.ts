/**
 * A word of a command line as bash keeps it until the command runs: literal text (quotes already
 * removed, remembering whether it was quoted) and the expansions it contains, in order. The shell
 * expands words when the command runs (see ../expand.ts), as bash does.
 */

/** A piece of a word. `quoted`: inside "…" (or, for text, '…' or a backslash escape). */
export type WordPart =
  | { readonly kind: 'text'; readonly text: string; readonly quoted: boolean }
  /** `$?`. */
  | { readonly kind: 'status'; readonly quoted: boolean }
  /** `$NAME`, `${NAME}`, `$1`, and the special parameters `$#`, `$@`, `$*`. */
  | { readonly kind: 'param'; readonly name: string; readonly quoted: boolean }
  /** `$(…)` or `` `…` ``: the command line inside (backquotes' own escapes already removed). */
  | { readonly kind: 'command'; readonly source: string; readonly quoted: boolean };

export interface Word {
  readonly parts: readonly WordPart[];
  /** The word as typed (for job listings and bash's messages about it). */
  readonly raw: string;
}

/** The word's text when it is plain unquoted text (how bash recognises reserved words), else undefined. */
export function plainText(word: Word): string | undefined {
  if (word.parts.length !== 1) return undefined;
  const p = word.parts[0]!;
  return p.kind === 'text' && !p.quoted ? p.text : undefined;
}

/** A word that is a shell variable assignment (`NAME=value`): its name and the value's parts. */
export function assignmentOf(word: Word): { name: string; value: readonly WordPart[] } | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'text' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return undefined;
  const rest = first.text.slice(m[0].length);
  return { name: m[1]!, value: [...(rest === '' ? [] : [{ ...first, text: rest }]), ...word.parts.slice(1)] };
}
