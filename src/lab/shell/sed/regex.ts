import { grepRegExp } from '../coreutils/grep.ts';

/**
 * sed's regular expressions as JavaScript RegExps. compile.c hands regcomp the text that
 * match_slash and normalize_text left (delimiters unescaped, `\n` already a newline); this does the
 * rest of normalize_text (`\t`, `\dNNN`, `\oNNN`, `\xHH`, `\cX`) and leaves the BRE/ERE syntax to
 * grep's translator. What grep's translator does not know is marked with private-use characters
 * it copies through untouched: back-references `\1`…`\9`, and `` \` `` / `\'` (start and end of
 * the pattern space).
 */

/** A compiled address or `s` regex. */
export interface SedRegex {
  /** Global (`lastIndex` drives the search), dotAll unless M: `.` matches the newline N adds. */
  readonly re: RegExp;
  /** How many `\(…\)` groups it has (the highest `\N` a replacement may use). */
  readonly groups: number;
}

const MARK = 0xe000;
const BUFFER_START = String.fromCharCode(MARK + 10);
const BUFFER_END = String.fromCharCode(MARK + 11);
const CLASS_NAMES = ['alpha', 'digit', 'alnum', 'upper', 'lower', 'space', 'blank', 'punct', 'xdigit', 'print', 'graph', 'cntrl'];
/** The one-letter escapes GNU sed turns into control characters in regular expressions (`\n` is handled apart there). */
export const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', f: '\f', v: '\v', r: '\r', t: '\t' };

/** normalize_text's numeric and control escapes at `i` (the letter after `\`): the character and how many letters it used. */
export function numericEscape(text: string, i: number): { char: string; length: number } | null {
  const kind = text[i];
  const pattern = kind === 'd' ? /^[0-9]{1,3}/ : kind === 'o' ? /^[0-7]{1,3}/ : kind === 'x' ? /^[0-9A-Fa-f]{1,2}/ : null;
  if (kind === 'c' && i + 1 < text.length) return { char: String.fromCharCode(text[i + 1]!.toUpperCase().charCodeAt(0) ^ 0x40), length: 2 };
  if (!pattern) return null;
  const digits = pattern.exec(text.slice(i + 1));
  if (!digits) return null;
  const code = parseInt(digits[0], kind === 'd' ? 10 : kind === 'o' ? 8 : 16);
  return code > 255 ? null : { char: String.fromCharCode(code), length: 1 + digits[0].length };
}

/** The end of a bracket expression opened at `i` (the `[`), as regcomp reads it: `]` first is literal, `[:…:]` nests. */
function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === ']') return j;
    const nested = /^\[([:.=])/.exec(p.slice(j));
    if (nested) {
      const close = p.indexOf(`${nested[1]}]`, j + 2);
      if (close >= 0) j = close + 1;
    }
  }
  return -1;
}

/** A character produced by an escape, quoted so that it stands for itself in the BRE or ERE. */
function literal(c: string, extended: boolean): string {
  // Only the operators are escaped: a backslash before another character can be an operator
  // itself (`\<`, `\b`); in a BRE `\(`, `\{`, `\|`, `\+`, `\?` are operators and the bare ones literal.
  return (extended ? '.[]()*+?{}|^$\\' : '.[]*^$\\').includes(c) ? `\\${c}` : c;
}

/** glibc's regerror text for a pattern the translation rejected, guessed from what is unbalanced. */
function regError(p: string, extended: boolean): string {
  const count = (re: RegExp): number => (p.match(re) ?? []).length;
  const open = extended ? count(/(?<!\\)\(/g) : count(/\\\(/g);
  const close = extended ? count(/(?<!\\)\)/g) : count(/\\\)/g);
  if (/(?<!\\)\[/.test(p) && bracketEnd(p, p.search(/(?<!\\)\[/)) < 0) return 'Unmatched [ or [^';
  if (open > close) return 'Unmatched ( or \\(';
  if (close > open) return 'Unmatched ) or \\)';
  const braces = extended ? /\{/ : /\\\{/;
  if (braces.test(p) && !(extended ? /\{[^}]*\}/ : /\\\{.*\\\}/).test(p)) return 'Unmatched \\{';
  if (braces.test(p)) return 'Invalid content of \\{\\}';
  if (/^[*+?{]|[(|][*+?{]/.test(p) && extended) return 'Invalid preceding regular expression';
  if (/\[[^\]]*[^\\]-/.test(p)) return 'Invalid range end';
  return 'Invalid regular expression';
}

/**
 * Compiles a sed regex (the text between the delimiters after match_slash): the RegExp, or
 * regerror's message. `multiline` is the M flag (`^`/`$` at each line, `.` not across lines).
 */
export function compileSedRegex(pattern: string, extended: boolean, ignoreCase: boolean, multiline: boolean): SedRegex | string {
  let text = '';
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) return 'Unmatched [ or [^';
      const body = pattern.slice(i, end + 1);
      for (const cls of body.matchAll(/\[:([a-z]*):\]/g)) if (!CLASS_NAMES.includes(cls[1]!)) return 'Invalid character class name';
      // normalize_text converts `\t` and its kind inside brackets too (`[ \t]` is a blank).
      text += body.replace(/\\([\\aftrv])/g, (m, e: string) => SIMPLE_ESCAPES[e] ?? m);
      i = end;
      atStart = false;
      continue;
    }
    if (c === '*' && atStart && !extended) {
      // A BRE's `*` at the start of the pattern or of a group is an ordinary character (POSIX).
      text += '\\*';
      atStart = false;
      continue;
    }
    if (c !== '\\' || i + 1 >= pattern.length) {
      text += c;
      atStart = c === '^' && text === '^';
      continue;
    }
    const n = pattern[++i]!;
    const numeric = numericEscape(pattern, i);
    atStart = !extended && (n === '(' || n === '|');
    if (/[1-9]/.test(n)) text += String.fromCharCode(MARK + Number(n));
    else if (n === '`') text += BUFFER_START;
    else if (n === "'") text += BUFFER_END;
    else if (SIMPLE_ESCAPES[n] !== undefined) text += SIMPLE_ESCAPES[n];
    else if (numeric) {
      text += literal(numeric.char, extended);
      i += numeric.length - 1;
    } else text += `\\${n}`;
  }
  const translated = grepRegExp(text, extended, ignoreCase, false);
  if (!translated) return regError(pattern, extended);
  const source = translated.source
    .replace(/[\ue001-\ue009]/g, (m) => `\\${m.charCodeAt(0) - MARK}`)
    .replace(new RegExp(BUFFER_START, 'g'), '(?<![\\s\\S])')
    .replace(new RegExp(BUFFER_END, 'g'), '(?![\\s\\S])');
  let re: RegExp;
  try {
    re = new RegExp(source, `g${ignoreCase ? 'i' : ''}${multiline ? 'm' : 's'}`);
  } catch {
    return regError(pattern, extended);
  }
  const groups = new RegExp(`${source}|`).exec('')!.length - 1;
  const highest = Math.max(0, ...[...text.matchAll(/[\ue001-\ue009]/g)].map((m) => m[0].charCodeAt(0) - MARK));
  if (highest > groups) return 'Invalid back reference';
  return { re, groups };
}
