import { braceExpand } from './brace.ts';
import type { Word, WordPart } from './syntax/word.ts';

/**
 * bash's word expansion when a command runs: brace expansion (`web{1,2}`, `{1..5}`), parameter
 * expansion (`$?`, `$NAME`; an unset name is empty), command substitution (the inner line's
 * stdout without its trailing newlines), then word splitting of the unquoted results on spaces,
 * tabs and newlines (IFS unset), and removal of an unquoted word that expanded to nothing
 * (`echo a $X b` runs echo with two arguments). Pathname expansion is not done: `*` stays as typed.
 */

/** What expansion needs from the shell. */
export interface Expander {
  /** `$?`. */
  readonly status: number;
  /** A shell variable or positional parameter, undefined when unset. */
  variable(name: string): string | undefined;
  /** Runs a command substitution's line; its stdout with trailing newlines removed. */
  substitute(source: string): string;
}

const IFS_WHITESPACE = /[ \t\n]+/;

/** The value of an expansion part, or null for literal text. */
function partValue(part: WordPart, x: Expander): string | null {
  switch (part.kind) {
    case 'text':
      return null;
    case 'status':
      return String(x.status);
    case 'param':
      return x.variable(part.name) ?? '';
    case 'command':
      return x.substitute(part.source);
  }
}

/** The fields a word expands to (none, one or, after splitting, several). */
export function expandWord(word: Word, x: Expander): string[] {
  const fields: string[] = [];
  let field = '';
  // A field exists once it has text or a quoted piece (`""` is an empty argument).
  let present = false;
  const end = (): void => {
    if (present) fields.push(field);
    field = '';
    present = false;
  };
  for (const part of word.parts) {
    const value = partValue(part, x);
    if (value === null || part.quoted) {
      field += value ?? (part.kind === 'text' ? part.text : '');
      present ||= part.quoted || field !== '';
      continue;
    }
    if (value === '') continue;
    const pieces = value.split(IFS_WHITESPACE).filter((p) => p !== '');
    if (/^[ \t\n]/.test(value)) end();
    pieces.forEach((p, k) => {
      field += p;
      present = true;
      if (k < pieces.length - 1) end();
    });
    if (pieces.length > 0 && /[ \t\n]$/.test(value)) end();
  }
  end();
  return fields;
}

/** The fields of several words, in order: each word brace-expanded first, then expanded. */
export function expandWords(words: readonly Word[], x: Expander): string[] {
  return words.flatMap((w) => braceExpand(w).flatMap((b) => expandWord(b, x)));
}

/** Each part's value, and whether it was quoted (a case pattern takes quoted text literally). */
export function expandParts(parts: readonly WordPart[], x: Expander): { readonly text: string; readonly quoted: boolean }[] {
  return parts.map((p) => ({ text: partValue(p, x) ?? (p.kind === 'text' ? p.text : ''), quoted: p.quoted }));
}

/** An assignment's value: expanded without splitting (`X=$(echo a  b)` keeps both spaces). */
export function expandValue(parts: readonly WordPart[], x: Expander): string {
  return expandParts(parts, x).map((p) => p.text).join('');
}
