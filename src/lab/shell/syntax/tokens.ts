import { ansicstr } from './ansi-c.ts';
import { braceParameter } from './parameter.ts';
import { arithEnd, backquoteEnd, backquoteSource, dollarBraceEnd, dollarParenEnd, quotedEnd } from './substitution.ts';
import type { Word, WordPart } from './word.ts';

/**
 * The words and operators of one bash command line, as bash's tokenizer splits them: quotes
 * ('…' literal, "…" with \" \\ \$ \` escapes), backslash escapes, `#` comments at a word start,
 * newlines, the control operators `; ;; & && || | ( )` and the redirections `< > >> 1> 1>> 2> 2>> 2>&1 >&2 1>&2 &>`.
 * Words keep their expansions (`$?`, `$NAME`, `${NAME}`, `${NAME OP WORD}`, `$1`, `$(…)`, `` `…` ``,
 * `$((…))`) as parts: the shell expands them when the command runs, as bash does. `((…))` where a
 * word would start is an arithmetic command's expression.
 */

/** A word or an operator (`\n` ends a command like `;`, and is where bash's grammar allows line breaks). */
export type Token =
  /** `line`: the line of the input the word starts on (1 for the first). */
  | { readonly kind: 'word'; readonly word: Word; readonly line: number }
  | { readonly kind: 'op'; readonly op: Operator }
  /** `[[ EXPRESSION ]]` where a command starts: the text between the brackets, `raw` as typed. */
  | { readonly kind: 'cond'; readonly source: string; readonly raw: string; readonly line: number }
  /** `((EXPRESSION))`: `expression` as a word to expand (as if double-quoted), `raw` as typed. */
  | { readonly kind: 'arith'; readonly expression: Word; readonly raw: string; readonly line: number }
  | HereDocument;

/**
 * `<<WORD` (or `<<-WORD`, which strips leading tabs) with the lines after the command up to the
 * line WORD. With the delimiter quoted anywhere the body is literal; otherwise its `$…`, `` `…` ``
 * and backslash escapes expand (as if double-quoted, without the quotes' own meaning).
 * `terminated` is false when the input ended first.
 */
export interface HereDocument {
  readonly kind: 'heredoc';
  readonly delimiter: string;
  readonly raw: string;
  readonly body: Word;
  readonly terminated: boolean;
}

export type Operator =
  | ';' | ';;' | '&' | '&&' | '||' | '|' | '(' | ')' | '<' | '<<<' | '>' | '>>' | '1>' | '1>>' | '2>' | '2>>' | '2>&1' | '>&2' | '1>&2' | '&>' | '\n';

/**
 * Why a line could not be split: bash's own message (without the `bash: ` prefix). `incomplete`:
 * the input ended inside a quote or substitution, where an interactive bash reads another line.
 */
export interface TokenError {
  readonly kind: 'error';
  readonly message: string;
  readonly incomplete?: true;
}

const OPERATORS: readonly Operator[] = ['2>&1', '1>&2', '<<<', '2>>', '1>>', '>&2', '&&', '||', ';;', '>>', '&>', '2>', '1>', ';', '&', '|', '(', ')', '<', '>'];

/** Collects the parts of the word being read, merging adjacent text of the same quoting. */
class WordBuilder {
  parts: WordPart[] = [];
  start = -1;

  get inWord(): boolean {
    return this.start >= 0;
  }

  begin(i: number): void {
    if (this.start < 0) this.start = i;
  }

  text(i: number, text: string, quoted: boolean): void {
    this.begin(i);
    const last = this.parts[this.parts.length - 1];
    if (last?.kind === 'text' && last.quoted === quoted) this.parts[this.parts.length - 1] = { ...last, text: last.text + text };
    else this.parts.push({ kind: 'text', text, quoted });
  }

  part(i: number, part: WordPart): void {
    this.begin(i);
    this.parts.push(part);
  }

  /** Whether the word so far is `NAME=` or `NAME+=` (a `(` next opens a compound assignment). */
  arrayAssignment(): boolean {
    const p = this.parts;
    return p.length === 1 && p[0]!.kind === 'text' && !p[0]!.quoted && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(p[0]!.text);
  }

  take(line: string, end: number): Word | undefined {
    const word = this.start < 0 ? undefined : { parts: this.parts, raw: line.slice(this.start, end) };
    this.parts = [];
    this.start = -1;
    return word;
  }
}

/** Splits a command line into tokens. */
export function tokenize(line: string): Token[] | TokenError {
  const tokens: Token[] = [];
  const w = new WordBuilder();
  let lineNo = 1;
  let counted = 0;
  const flush = (end: number): void => {
    const start = w.start;
    const word = w.take(line, end);
    if (!word) return;
    for (; counted < start; counted++) if (line[counted] === '\n') lineNo++;
    tokens.push({ kind: 'word', word, line: lineNo });
  };
  /** Here-documents of the current line, their bodies read at its end: index in `tokens`, strip tabs, delimiter quoted. */
  const pending: { at: number; strip: boolean; quoted: boolean }[] = [];
  /** Reads the bodies of the pending here-documents from `from` (the start of the next line); returns where reading stopped. */
  const readBodies = (from: number): number => {
    let j = from;
    for (const p of pending.splice(0)) {
      const doc = tokens[p.at] as HereDocument;
      const lines: string[] = [];
      let terminated = false;
      while (j < line.length) {
        const eol = line.indexOf('\n', j);
        const raw = line.slice(j, eol < 0 ? line.length : eol);
        j = eol < 0 ? line.length : eol + 1;
        const text = p.strip ? raw.replace(/^\t+/, '') : raw;
        if (text === doc.delimiter) {
          terminated = true;
          break;
        }
        lines.push(`${text}\n`);
      }
      tokens[p.at] = { ...doc, body: hereDocumentBody(lines.join(''), p.quoted), terminated };
    }
    return j;
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      flush(i);
      i++;
      continue;
    }
    if (c === '\n') {
      flush(i);
      tokens.push({ kind: 'op', op: '\n' });
      i = pending.length > 0 ? readBodies(i + 1) : i + 1;
      continue;
    }
    if (line.startsWith('<<', i) && !line.startsWith('<<<', i)) {
      // A here-document: the delimiter is the next word, quote removal applied.
      flush(i);
      const strip = line[i + 2] === '-';
      let j = i + (strip ? 3 : 2);
      while (line[j] === ' ' || line[j] === '\t') j++;
      const start = j;
      while (j < line.length && !' \t\n;&|<>()'.includes(line[j]!)) {
        if (line[j] === "'" || line[j] === '"') {
          const close = line.indexOf(line[j]!, j + 1);
          if (close < 0) return unexpectedEof(line[j]!);
          j = close + 1;
        } else {
          j += line[j] === '\\' ? 2 : 1;
        }
      }
      const raw = line.slice(start, j);
      if (raw === '') return { kind: 'error', message: `syntax error near unexpected token \`${line[j] === undefined || line[j] === '\n' ? 'newline' : line[j]}'` };
      const quoted = /['"\\]/.test(raw);
      const delimiter = raw.replace(/\\(.)|['"]/g, '$1');
      tokens.push({ kind: 'heredoc', delimiter, raw: `<<${strip ? '-' : ''}${raw}`, body: { parts: [], raw: '' }, terminated: false });
      pending.push({ at: tokens.length - 1, strip, quoted });
      i = j;
      continue;
    }
    if (c === '[' && line.startsWith('[[', i) && !w.inWord && /^[ \t\n]/.test(line[i + 2] ?? '') && atCommandStart(tokens)) {
      const end = condEnd(line, i + 2);
      if (end < 0) return { kind: 'error', message: "unexpected EOF while looking for `]]'\nbash: syntax error: unexpected end of file", incomplete: true };
      flush(i);
      for (; counted < i; counted++) if (line[counted] === '\n') lineNo++;
      tokens.push({ kind: 'cond', source: line.slice(i + 2, end), raw: line.slice(i, end + 2), line: lineNo });
      i = end + 2;
      continue;
    }
    if (c === '(' && line[i + 1] === '(' && !w.inWord) {
      // `((` opens an arithmetic command when a `))` closes it; otherwise it is two subshell parentheses.
      const end = arithEnd(line, i + 2);
      if (end === ')') return unexpectedEof(')');
      if (typeof end === 'number') {
        flush(i);
        for (; counted < i; counted++) if (line[counted] === '\n') lineNo++;
        tokens.push({ kind: 'arith', expression: innerWord(line.slice(i + 2, end - 2), true), raw: line.slice(i, end), line: lineNo });
        i = end;
        continue;
      }
    }
    if (c === '#' && !w.inWord) {
      const eol = line.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
      continue;
    }
    if (c === '\\') {
      // A backslash before a newline continues the line; before anything else it quotes it.
      if (line[i + 1] !== '\n') w.text(i, line[i + 1] ?? '', true);
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return unexpectedEof("'");
      w.text(i, line.slice(i + 1, end), true);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const end = doubleQuoted(line, i, w);
      if (typeof end === 'string') return unexpectedEof(end);
      i = end;
      continue;
    }
    if (c === '$' || c === '`') {
      const end = expansion(line, i, w, false);
      if (typeof end === 'string') return unexpectedEof(end);
      if (end > i) {
        i = end;
        continue;
      }
    }
    // `2>` is a redirection only when the 2 stands alone (bash: `a2>f` is the word a2 then `>`); `1>` too.
    if ((c === '1' || c === '2') && !w.inWord && (line[i + 1] === '>')) {
      const op = OPERATORS.find((o) => o.startsWith(c) && line.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', op });
        i += op.length;
        continue;
      }
    }
    if (c === '(' && w.arrayAssignment()) {
      // NAME=(…) / NAME+=(…): a compound assignment, its words read as a command's words (parse.y's read_token_word).
      const end = compoundEnd(line, i + 1);
      if (typeof end === 'string') return unexpectedEof(end);
      const items = arrayItems(line.slice(i + 1, end));
      if ('kind' in items) return items;
      w.part(i, { kind: 'array-literal', items: items.words, quoted: false });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => !/^[12]/.test(o) && line.startsWith(o, i));
    if (op) {
      flush(i);
      tokens.push({ kind: 'op', op });
      i += op.length;
      continue;
    }
    if (c === '~' && !w.inWord && (i + 1 === line.length || line[i + 1] === '/' || ' \t\n;&|<>'.includes(line[i + 1]!))) {
      w.text(i, '/root', true);
      i++;
      continue;
    }
    w.text(i, c, false);
    i++;
  }
  flush(line.length);
  // The input ended on the line of a here-document: its body is missing.
  readBodies(line.length);
  return tokens;
}

/** The index of the `)` ending a compound assignment's list that starts at `j`, or the missing character. */
function compoundEnd(line: string, j: number): number | string {
  while (j < line.length) {
    const c = line[j]!;
    if (c === ')') return j;
    if (c === '\\') {
      j += 2;
      continue;
    }
    const end = quotedEnd(line, j);
    if (typeof end === 'string') return end;
    j = end ?? j + 1;
  }
  return ')';
}

/** The words of a compound assignment's list (newlines and comments allowed, operators not). */
function arrayItems(text: string): { readonly words: Word[] } | TokenError {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  const words: Word[] = [];
  for (const t of tokens) {
    if (t.kind === 'word') words.push(t.word);
    else if (t.kind !== 'op' || t.op !== '\n') {
      const shown = t.kind === 'op' ? t.op : t.raw;
      return { kind: 'error', message: `syntax error near unexpected token \`${shown}'` };
    }
  }
  return { words };
}

/** A here-document's body as a word: literal, or with `$…`, `` `…` `` and `\$ \` \\ \newline` escapes (every part quoted: no splitting). */
function hereDocumentBody(text: string, literal: boolean): Word {
  if (literal) return { parts: text === '' ? [] : [{ kind: 'text', text, quoted: true }], raw: text };
  const w = new WordBuilder();
  w.text(0, '', true);
  let i = 0;
  while (i < text.length) {
    const next = quotedPiece(text, i, w, i, '$`\\\n');
    // An unclosed `$(` in a here-document is text.
    if (typeof next === 'string') w.text(i, text[i]!, true);
    i = typeof next === 'string' ? i + 1 : next;
  }
  return w.take(text, text.length) ?? { parts: [], raw: text };
}

/** Reads "…" starting at `i` into the word; the index after it, or the missing character. */
function doubleQuoted(line: string, i: number, w: WordBuilder): number | string {
  // An empty quoted piece marks the word as quoted: `""` and `"$UNSET"` are empty words, not none.
  w.text(i, '', true);
  let j = i + 1;
  for (;;) {
    if (j >= line.length) return '"';
    if (line[j] === '"') return j + 1;
    const next = quotedPiece(line, j, w, i, '"\\$`\n');
    if (typeof next === 'string') return next;
    j = next;
  }
}

/**
 * One piece of double-quoted text (or of a here-document) at `j` into the word: a backslash
 * before one of `escapable` (a backslash-newline is dropped), an expansion, or a character.
 * Returns the index after it, or the missing character of an unclosed expansion.
 */
function quotedPiece(src: string, j: number, w: WordBuilder, wordStart: number, escapable: string): number | string {
  const d = src[j]!;
  if (d === '\\' && j + 1 < src.length && escapable.includes(src[j + 1]!)) {
    if (src[j + 1] !== '\n') w.text(wordStart, src[j + 1]!, true);
    return j + 2;
  }
  if (d === '$' || d === '`') {
    const end = expansion(src, j, w, true);
    if (typeof end === 'string' || end > j) return end;
  }
  w.text(wordStart, d, true);
  return j + 1;
}

/**
 * An expansion at `i` (`$…` or a backquote) added to the word: the index after it, `i` when the
 * `$` is literal text (bash leaves `$` before anything else alone), or the missing character.
 */
function expansion(line: string, i: number, w: WordBuilder, quoted: boolean): number | string {
  if (!quoted && line[i] === '$' && line[i + 1] === '"') {
    // $"…": a string translated by the locale (the lab's is English: as "…").
    return doubleQuoted(line, i + 1, w);
  }
  if (!quoted && line[i] === '$' && line[i + 1] === "'") {
    // $'…': ANSI-C quoting, escapes decoded, the result quoted.
    const end = ansiCEnd(line, i + 2);
    if (end < 0) return "'";
    // The string ends at a NUL, as a C string does.
    w.text(i, ansicstr(line.slice(i + 2, end), false).text.split('\0')[0]!, true);
    return end + 1;
  }
  if (line[i] === '`') {
    const end = backquoteEnd(line, i);
    if (typeof end === 'string') return end;
    w.part(i, { kind: 'command', source: backquoteSource(line.slice(i + 1, end - 1), quoted), quoted });
    return end;
  }
  if (line.startsWith('$((', i)) {
    // `$((…))` is arithmetic when a `))` closes it; otherwise a command substitution of a subshell.
    const end = arithEnd(line, i + 3);
    if (typeof end === 'number') {
      w.part(i, { kind: 'arith', expression: innerWord(line.slice(i + 3, end - 2), true), quoted });
      return end;
    }
    if (end === ')') return end;
  }
  if (line[i + 1] === '(') {
    const end = dollarParenEnd(line, i);
    if (typeof end === 'string') return end;
    w.part(i, { kind: 'command', source: line.slice(i + 2, end - 1), quoted });
    return end;
  }
  const rest = line.slice(i + 1);
  if (rest.startsWith('?')) {
    w.part(i, { kind: 'status', quoted });
    return i + 2;
  }
  if (rest.startsWith('{')) {
    const end = dollarBraceEnd(line, i, quoted);
    if (typeof end === 'string') return end;
    const raw = line.slice(i, end);
    // A pattern operand is not quoted by the double quotes around `${…}` (only by its own quotes).
    w.part(i, braceParameter(raw.slice(2, -1), raw, quoted, (text, pattern) => innerWord(text, quoted && !pattern)));
    return end;
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9#@*$-])/.exec(rest);
  if (!m) return i;
  w.part(i, { kind: 'param', name: m[1]!, quoted });
  return i + 1 + m[0].length;
}

/** The index of the `'` closing a `$'…'` string whose text starts at `j` (a backslash escapes it), or −1. */
function ansiCEnd(line: string, j: number): number {
  for (; j < line.length; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === "'") return j;
  }
  return -1;
}

/**
 * The text of an operand inside `${…}` or of an arithmetic expression as a word: quotes, escapes
 * and expansions as in a word (spaces are text), or, within double quotes, as double-quoted text
 * in which a `"…"` only groups and a `'` is an ordinary character.
 */
function innerWord(text: string, quoted: boolean): Word {
  const w = new WordBuilder();
  w.text(0, '', quoted);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let next: number | string | undefined;
    if (c === '"') next = doubleQuoted(text, i, w);
    else if (c === "'" && !quoted) {
      const end = text.indexOf("'", i + 1);
      if (end >= 0) w.text(i, text.slice(i + 1, end), true);
      next = end < 0 ? "'" : end + 1;
    } else if (c === '\\') {
      if (quoted) next = quotedPiece(text, i, w, 0, '$`"\\\n');
      else {
        w.text(i, text[i + 1] ?? '', true);
        next = i + 2;
      }
    } else if (c === '$' || c === '`') {
      next = expansion(text, i, w, quoted);
    }
    if (typeof next === 'number' && next > i) {
      i = next;
      continue;
    }
    // What cannot be read as a quote or expansion (an unclosed one) is text, as bash leaves it.
    w.text(i, c, quoted);
    i++;
  }
  return w.take(text, text.length) ?? { parts: [], raw: text };
}

/** Reserved words after which a command starts. */
const COMMAND_PREFIXES = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
/** Operators after which a command starts (not redirections). */
const COMMAND_SEPARATORS = new Set<Operator>([';', ';;', '&', '&&', '||', '|', '(', '\n']);

/** Whether the next word would start a command: `[[` is a reserved word only there. */
function atCommandStart(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return true;
  if (last.kind === 'op') return COMMAND_SEPARATORS.has(last.op);
  if (last.kind === 'word') {
    const p = last.word.parts;
    return p.length === 1 && p[0]!.kind === 'text' && !p[0]!.quoted && COMMAND_PREFIXES.has(p[0]!.text);
  }
  return false;
}

/** Where the `]]` closing a conditional expression starts (a word of its own), skipping quotes and expansions; −1 when the line ends first. */
function condEnd(line: string, start: number): number {
  let j = start;
  while (j < line.length) {
    const c = line[j]!;
    if (c === ']' && line[j + 1] === ']' && /[ \t\n]/.test(line[j - 1] ?? '') && (j + 2 === line.length || /[ \t\n;&|)]/.test(line[j + 2]!))) return j;
    const end = quotedEnd(line, j);
    if (typeof end === 'string') return -1;
    j = end ?? j + 1;
  }
  return -1;
}

/** A conditional expression's word as typed (quotes and expansions as in a word; no splitting follows). */
export function condWord(text: string): Word {
  return innerWord(text, false);
}

/** An arithmetic expression's text as a word to expand (as if double-quoted: `"` only groups). */
export function arithWord(text: string): Word {
  return innerWord(text, true);
}

function unexpectedEof(quote: string): TokenError {
  return { kind: 'error', message: `unexpected EOF while looking for matching \`${quote}'\nbash: syntax error: unexpected end of file`, incomplete: true };
}
