/**
 * awk's tokens, read one at a time because `/` is division or the start of a regex literal
 * depending on where the parser is: the parser asks for a regex (`regexAt`) when it expects an
 * operand and sees `/` or `/=`. Newlines are tokens (they end statements); `\` before a newline
 * and `#` comments are skipped.
 */

export type TokenKind = 'newline' | 'eof' | 'number' | 'string' | 'regex' | 'name' | 'funcname' | 'builtin' | 'keyword' | 'punct';

/** A token and where it starts in the source text. */
export interface Token {
  readonly kind: TokenKind;
  /** The punctuation or keyword or name; the regex's source; the string's value. */
  readonly text: string;
  readonly number?: number;
  readonly offset: number;
}

/** A syntax error at an offset of a source, before it is formatted (see formatSyntaxError). */
export class AwkSyntaxError extends Error {
  constructor(readonly offset: number, readonly detail: string) {
    super(detail);
  }
}

export const KEYWORDS = new Set([
  'BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile',
  'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf',
]);

/** POSIX's built-in functions, and close/fflush/system which gawk also has. */
export const BUILTINS = new Set([
  'length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper',
  'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush',
]);

/** gawk 4.0's extension functions, which the lab does not have. */
export const GAWK_ONLY_FUNCTIONS = new Set([
  'gensub', 'strftime', 'systime', 'mktime', 'asort', 'asorti', 'and', 'or', 'xor', 'lshift', 'rshift', 'compl',
  'strtonum', 'bindtextdomain', 'dcgettext', 'dcngettext', 'patsplit', 'isarray',
]);

const PUNCTUATION = [
  '**=', '**', '^=', '+=', '-=', '*=', '/=', '%=', '==', '<=', '>=', '!=', '!~', '++', '--', '&&', '||', '>>', '|&',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=',
];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** A string's escape at `i` (the letter after `\`): the character(s) it stands for and how many letters it used. */
export function stringEscape(text: string, i: number): { char: string; length: number; plain?: boolean } {
  const c = text[i] ?? '';
  if (ESCAPES[c] !== undefined) return { char: ESCAPES[c], length: 1 };
  const octal = /^[0-7]{1,3}/.exec(text.slice(i));
  if (octal) return { char: String.fromCharCode(parseInt(octal[0], 8) & 0xff), length: octal[0].length };
  const hex = /^x([0-9A-Fa-f]+)/.exec(text.slice(i));
  // gawk reads every hex digit and keeps the last two.
  if (hex) return { char: String.fromCharCode(parseInt(hex[1]!.slice(-2), 16)), length: 1 + hex[1]!.length };
  return { char: c, length: 1, plain: true };
}

/** A command-line value (-v, -F, `var=value` operands) with its escapes processed, as gawk does. */
export function processEscapes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\' || i + 1 >= text.length) {
      out += text[i];
      continue;
    }
    const escape = stringEscape(text, i + 1);
    out += escape.plain ? `\\${escape.char}` : escape.char;
    i += escape.length;
  }
  return out;
}

/** Reads the tokens of one program source. */
export class Lexer {
  private pos = 0;
  private ahead: Token | undefined;
  /** Warnings (escape sequences gawk treats as plain letters), with the offset they were found at. */
  readonly warnings: { offset: number; text: string }[] = [];

  constructor(readonly text: string) {}

  /** The next token, without consuming it. */
  peek(): Token {
    this.ahead ??= this.scan();
    return this.ahead;
  }

  /** The next token, consumed. */
  next(): Token {
    const t = this.peek();
    this.ahead = undefined;
    return t;
  }

  /** Where the lexer is, to come back to after looking further ahead. */
  mark(): { pos: number; ahead: Token | undefined } {
    return { pos: this.pos, ahead: this.ahead };
  }

  reset(mark: { pos: number; ahead: Token | undefined }): void {
    this.pos = mark.pos;
    this.ahead = mark.ahead;
  }

  /** Reads a regex literal from the `/` (or `/=`) token `slash`, which replaces it. */
  regexAt(slash: Token): Token {
    let i = slash.offset + 1;
    let source = '';
    let inBracket = false;
    for (;;) {
      const c = this.text[i];
      if (c === undefined || c === '\n') throw new AwkSyntaxError(slash.offset, 'unterminated regexp');
      if (c === '\\' && i + 1 < this.text.length) {
        if (this.text[i + 1] === '\n') {
          i += 2;
          continue;
        }
        source += this.text[i + 1] === '/' ? '/' : c + this.text[i + 1]!;
        i += 2;
        continue;
      }
      if (c === '[' && !inBracket) {
        inBracket = true;
        source += c;
        // `]` first in a bracket expression (or after `^`) is a member, not its end.
        if (this.text[i + 1] === '^') source += this.text[++i];
        if (this.text[i + 1] === ']') source += this.text[++i];
        i++;
        continue;
      }
      if (c === ']' && inBracket) inBracket = false;
      if (c === '/' && !inBracket) break;
      source += c;
      i++;
    }
    this.pos = i + 1;
    this.ahead = undefined;
    return { kind: 'regex', text: source, offset: slash.offset };
  }

  private scan(): Token {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && (t[this.pos + 1] === '\n' || (t[this.pos + 1] === '\r' && t[this.pos + 2] === '\n'))) this.pos += t[this.pos + 1] === '\n' ? 2 : 3;
      else if (c === '#') while (this.pos < t.length && t[this.pos] !== '\n') this.pos++;
      else break;
    }
    const start = this.pos;
    const c = t[start];
    if (c === undefined) return { kind: 'eof', text: '', offset: start };
    if (c === '\n') {
      this.pos++;
      return { kind: 'newline', text: '\n', offset: start };
    }
    if (c === '"') return this.scanString(start);
    const number = /^(?:0[xX][0-9A-Fa-f]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)/.exec(t.slice(start));
    if (number) {
      this.pos += number[0].length;
      return { kind: 'number', text: number[0], number: numberLiteral(number[0]), offset: start };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(t.slice(start));
    if (word) {
      const name = word[0];
      this.pos += name.length;
      if (KEYWORDS.has(name)) return { kind: 'keyword', text: name === 'func' ? 'function' : name, offset: start };
      if (BUILTINS.has(name) || GAWK_ONLY_FUNCTIONS.has(name)) return { kind: 'builtin', text: name, offset: start };
      return { kind: t[this.pos] === '(' ? 'funcname' : 'name', text: name, offset: start };
    }
    const punct = PUNCTUATION.find((p) => t.startsWith(p, start));
    if (punct === undefined) throw new AwkSyntaxError(start, c === '&' ? 'syntax error' : `invalid char '${c}' in expression`);
    this.pos += punct.length;
    return { kind: 'punct', text: punct, offset: start };
  }

  private scanString(start: number): Token {
    const t = this.text;
    let i = start + 1;
    let value = '';
    for (;;) {
      const c = t[i];
      if (c === undefined || c === '\n') throw new AwkSyntaxError(start, 'unterminated string');
      if (c === '"') break;
      if (c === '\\' && i + 1 < t.length) {
        if (t[i + 1] === '\n') {
          i += 2;
          continue;
        }
        const escape = stringEscape(t, i + 1);
        if (escape.plain) this.warnings.push({ offset: start, text: `escape sequence \`\\${escape.char}' treated as plain \`${escape.char}'` });
        value += escape.char;
        i += 1 + escape.length;
        continue;
      }
      value += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'string', text: value, offset: start };
  }
}

/** A numeric constant of the program text: decimal, or gawk's hexadecimal (0x…) and octal (0…). */
function numberLiteral(text: string): number {
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  return Number(text);
}

/**
 * A syntax error as gawk's yyerror prints it: the source line, then a caret under the offending
 * token (tabs kept so it lines up), then the message, both prefixed `awk: SOURCE:LINE: `.
 */
export function formatSyntaxError(program: string, sourceName: string, offset: number, detail: string): string {
  let at = Math.min(offset, program.length);
  let message = detail;
  if (at >= program.length || program[at] === '\n') {
    message = 'unexpected newline or end of string';
    if (at === program.length && program.endsWith('\n')) at--;
  }
  const lineStart = program.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = program.indexOf('\n', at) < 0 ? program.length : program.indexOf('\n', at);
  const lineNumber = program.slice(0, lineStart).split('\n').length;
  const prefix = `${sourceName}:${lineNumber}: `;
  const pad = program.slice(lineStart, at).replace(/[^\t]/g, ' ');
  return `${prefix}${program.slice(lineStart, lineEnd)}\n${prefix}${pad}^ ${message}\n`;
}
