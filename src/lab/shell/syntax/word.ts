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
  | { readonly kind: 'command'; readonly source: string; readonly quoted: boolean }
  /** `$((…))`: the expression, expanded as if double-quoted when the command runs, then evaluated. */
  | { readonly kind: 'arith'; readonly expression: Word; readonly quoted: boolean }
  /** `${NAME…}` with an operator (see ./parameter.ts); `raw` is the whole `${…}` as typed. */
  | { readonly kind: 'param-op'; readonly name: string; readonly op: ParamOp; readonly raw: string; readonly quoted: boolean }
  /** A `${…}` bash cannot make sense of: expanding it fails with "bad substitution". */
  | { readonly kind: 'bad-substitution'; readonly raw: string; readonly quoted: boolean };

/**
 * What `${NAME OP …}` does to the parameter: its length (`${#NAME}`), indirection (`${!NAME}`),
 * a value when unset or null (`-` default, `=` assign, `+` alternate, `?` error; with `:` null
 * counts as unset), removing the shortest or longest matching prefix or suffix (`#`, `##`, `%`,
 * `%%`), replacing a pattern (`/`, `//`, `/#`, `/%`), a substring (`:OFFSET:LENGTH`) and case
 * changes (`^`, `^^`, `,`, `,,`). Words are expanded when the command runs.
 */
export type ParamOp =
  | { readonly kind: 'length' }
  | { readonly kind: 'indirect' }
  | { readonly kind: 'use'; readonly nullToo: boolean; readonly action: 'default' | 'assign' | 'alternate' | 'error'; readonly word: Word }
  | { readonly kind: 'trim'; readonly end: 'prefix' | 'suffix'; readonly longest: boolean; readonly pattern: Word }
  | { readonly kind: 'replace'; readonly where: 'first' | 'all' | 'prefix' | 'suffix'; readonly pattern: Word; readonly replacement: Word }
  | { readonly kind: 'substring'; readonly offset: Word; readonly length: Word | undefined }
  | { readonly kind: 'case'; readonly upper: boolean; readonly all: boolean; readonly pattern: Word };

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

/** Whether `text` is a shell variable name (bash's legal_identifier). */
export const isName = (text: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(text);
