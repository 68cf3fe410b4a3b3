import { expandParts, type Expander } from './expand.ts';
import type { Word } from './syntax/word.ts';

/**
 * bash's pattern matching for `case`: `*` any string, `?` any character, `[…]` a bracket
 * expression (`[!…]` or `[^…]` negated, ranges, POSIX classes such as `[[:digit:]]`). Quoted
 * text, and quoted expansions, match literally; the whole word must match.
 */
export function casePattern(word: Word, x: Expander): RegExp {
  return globPattern(expandParts(word.parts, x));
}

/** An expanded pattern's pieces (quoted ones literal) as a regular expression matching whole strings. */
export function globPattern(pieces: readonly { readonly text: string; readonly quoted: boolean }[]): RegExp {
  let source = '';
  for (const piece of pieces) source += piece.quoted ? escapeRegExp(piece.text) : globSource(piece.text);
  try {
    return new RegExp(`^${source}$`);
  } catch {
    // A range out of order (`[z-a]`) matches nothing, as in bash.
    return NOTHING;
  }
}

const NOTHING = /(?!)/;

/** `s` matched literally in a regular expression. */
export const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
};

/** A glob as a regular expression's source. */
function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegExp(glob[++i]!);
    else if (c === '[') {
      const bracket = bracketSource(glob, i);
      if (bracket) {
        out += bracket.source;
        i = bracket.end;
      } else {
        out += '\\[';
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

/** The bracket expression at `start` (`[`) and the index of its `]`, or undefined when it does not close. */
function bracketSource(glob: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  // A `]` first in the set is a member.
  if (glob[i] === ']') {
    body += '\\]';
    i++;
  }
  for (; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === ']') return { source: `[${negated ? '^' : ''}${body}]`, end: i };
    const cls = /^\[:([a-z]+):\]/.exec(glob.slice(i));
    if (cls && CLASSES[cls[1]!] !== undefined) {
      body += CLASSES[cls[1]!];
      i += cls[0].length - 1;
    } else if (c === '-' && body !== '' && glob[i + 1] !== ']') {
      body += '-';
    } else {
      body += c === '\\' || c === '^' || c === '[' ? `\\${c}` : c;
    }
  }
  return undefined;
}
