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
  /** `$NAME`, `${NAME}`, `$1`, the special parameters `$#`, `$@`, `$*`, and `${NAME[SUBSCRIPT]}`. */
  | { readonly kind: 'param'; readonly name: string; readonly quoted: boolean; readonly subscript?: Subscript }
  /** `$(…)` or `` `…` ``: the command line inside (backquotes' own escapes already removed). */
  | { readonly kind: 'command'; readonly source: string; readonly quoted: boolean }
  /** `$((…))`: the expression, expanded as if double-quoted when the command runs, then evaluated. */
  | { readonly kind: 'arith'; readonly expression: Word; readonly quoted: boolean }
  /** `${NAME…}` with an operator (see ./parameter.ts); `raw` is the whole `${…}` as typed. */
  | {
    readonly kind: 'param-op'; readonly name: string; readonly op: ParamOp; readonly raw: string; readonly quoted: boolean; readonly subscript?: Subscript;
    /** `${!NAME OP …}`: the operator applies to the variable whose name NAME holds. */
    readonly indirect?: boolean;
  }
  /** `(WORD…)` after `NAME=` or `NAME+=`: a compound assignment's words, expanded when it runs. */
  | { readonly kind: 'array-literal'; readonly items: readonly Word[]; readonly quoted: false }
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
  /** `${!NAME[@]}`: the indices of the array's elements. */
  | { readonly kind: 'keys' }
  /** `${!PREFIX*}`, `${!PREFIX@}`: the names of the variables beginning with PREFIX. */
  | { readonly kind: 'names'; readonly star: boolean }
  | { readonly kind: 'use'; readonly nullToo: boolean; readonly action: 'default' | 'assign' | 'alternate' | 'error'; readonly word: Word }
  | { readonly kind: 'trim'; readonly end: 'prefix' | 'suffix'; readonly longest: boolean; readonly pattern: Word }
  | { readonly kind: 'replace'; readonly where: 'first' | 'all' | 'prefix' | 'suffix'; readonly pattern: Word; readonly replacement: Word }
  | { readonly kind: 'substring'; readonly offset: Word; readonly length: Word | undefined }
  | { readonly kind: 'case'; readonly upper: boolean; readonly all: boolean; readonly pattern: Word };

/** An array subscript: `[@]` or `[*]` (every element), or an index (an arithmetic expression). */
export type Subscript =
  | { readonly kind: 'all'; readonly star: boolean }
  | { readonly kind: 'index'; readonly expression: Word };

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

/**
 * A word that is a shell variable assignment (bash's assignment()): `NAME=value`, `NAME+=value`,
 * `NAME[SUBSCRIPT]=value` (the subscript's parts, expansions included, up to its `]`), or
 * `NAME=(…)` / `NAME+=(…)` with the compound assignment's words.
 */
export interface Assignment {
  readonly name: string;
  /** The name as typed, subscript included (`A[$i]`): how `set -x` shows it. */
  readonly target: string;
  readonly subscript?: readonly WordPart[];
  readonly append: boolean;
  readonly value: readonly WordPart[];
  readonly items?: readonly Word[];
}

export function assignmentOf(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'text' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?=|\[)/.exec(first.text);
  if (!m) return undefined;
  const name = m[1]!;
  if (m[2] !== '[') {
    const rest = first.text.slice(m[0].length);
    const value = [...(rest === '' ? [] : [{ ...first, text: rest }]), ...word.parts.slice(1)];
    const literal = value.length === 1 && value[0]!.kind === 'array-literal' ? value[0] : undefined;
    return { name, target: name, append: m[2] === '+=', value: literal ? [] : value, ...(literal ? { items: literal.items } : {}) };
  }
  const rest = afterSubscript([{ ...first, text: first.text.slice(m[0].length) }, ...word.parts.slice(1)]);
  if (!rest || rest.value.some((v) => v.kind === 'array-literal')) return undefined;
  return { name, target: word.raw.slice(0, subscriptEnd(word.raw, name.length) + 1), ...rest };
}

/**
 * The parts after a `[`: the subscript, up to the `]` that closes it (brackets nest), then `=` or
 * `+=` and the value's parts; undefined when they are not that.
 */
export function afterSubscript(parts: readonly WordPart[]): { subscript: WordPart[]; append: boolean; value: WordPart[] } | undefined {
  const subscript: WordPart[] = [];
  let depth = 1;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.kind !== 'text') {
      subscript.push(p);
      continue;
    }
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text[i];
      if (p.quoted || (c !== '[' && c !== ']')) continue;
      depth += c === '[' ? 1 : -1;
      if (depth > 0) continue;
      const op = /^\+?=/.exec(p.text.slice(i + 1));
      if (!op) return undefined;
      if (i > 0) subscript.push({ ...p, text: p.text.slice(0, i) });
      const rest = p.text.slice(i + 1 + op[0].length);
      return { subscript, append: op[0] === '+=', value: [...(rest === '' ? [] : [{ ...p, text: rest }]), ...parts.slice(k + 1)] };
    }
    subscript.push(p);
  }
  return undefined;
}

/** Whether `text` is a shell variable name (bash's legal_identifier). */
export const isName = (text: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(text);

/** skipsubscript: the index of the `]` closing the `[` at `open` (brackets nest), or −1. */
export function subscriptEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}
