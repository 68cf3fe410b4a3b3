import { grepRegExp } from '../coreutils/grep.ts';
import { stringEscape } from './lexer.ts';

/**
 * awk's regular expressions (POSIX extended, as gawk 4 reads them: intervals on) as JavaScript
 * RegExps. gawk first turns the escapes of a regex literal into characters (`\t`, `\/`, `\056`);
 * `\y` is its word boundary, since `\b` is a backspace. What is left is an ERE, which grep's
 * translator turns into JavaScript. `.` matches a newline too, as in gawk.
 */

const REGEX_OPERATORS = new Set(['s', 'S', 'w', 'W', 'B', '<', '>', 'y', '`', "'"]);
const cache = new Map<string, RegExp | string>();

/** A character produced by an escape, quoted so that it stands for itself in an ERE. */
function literal(c: string): string {
  return /[.[\]()*+?{}|^$\\/]/.test(c) ? `\\${c}` : c;
}

/** Resolves gawk's escapes: characters become themselves, regex operators stay escaped. */
function resolveEscapes(source: string): string {
  let text = '';
  let inBracket = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '[' && !inBracket) {
      inBracket = true;
      text += c;
      if (source[i + 1] === '^') text += source[++i];
      if (source[i + 1] === ']') text += source[++i];
      continue;
    }
    if (c === ']' && inBracket) inBracket = false;
    if (c !== '\\' || i + 1 >= source.length) {
      text += c;
      continue;
    }
    const n = source[i + 1]!;
    if (!inBracket && REGEX_OPERATORS.has(n)) {
      text += n === 'y' ? '\\b' : `\\${n}`;
      i++;
      continue;
    }
    if (n === '\\') {
      text += '\\\\';
      i++;
      continue;
    }
    const escape = stringEscape(source, i + 1);
    // In a bracket expression every character but `\` and `]` stands for itself.
    text += inBracket ? escape.char : escape.plain && /[.[\]()*+?{}|^$]/.test(n) ? `\\${n}` : literal(escape.char);
    i += escape.length;
  }
  return text;
}

/** regerror's text for a pattern that does not compile, guessed from what is unbalanced. */
function regError(p: string): string {
  const count = (re: RegExp): number => (p.match(re) ?? []).length;
  if (/(?<!\\)\[/.test(p) && !/(?<!\\)\[\^?\]?[^\]]*\]/.test(p)) return 'Unmatched [ or [^';
  const open = count(/(?<!\\)\(/g);
  const close = count(/(?<!\\)\)/g);
  if (open > close) return 'Unmatched ( or \\(';
  if (close > open) return 'Unmatched ) or \\)';
  if (/^[*+?{]|[(|][*+?{]/.test(p)) return 'Invalid preceding regular expression';
  return 'Invalid regular expression';
}

/**
 * Compiles an awk regex (a literal's text between the slashes, or a string used as a regex): a
 * global RegExp (callers set lastIndex) or regerror's message.
 */
export function compileAwkRegex(source: string): RegExp | string {
  const known = cache.get(source);
  if (known !== undefined) return known;
  const translated = grepRegExp(resolveEscapes(source), true, false, false);
  let compiled: RegExp | string;
  try {
    compiled = translated ? new RegExp(translated.source, 'gs') : regError(source);
  } catch {
    compiled = regError(source);
  }
  if (cache.size > 500) cache.clear();
  cache.set(source, compiled);
  return compiled;
}
