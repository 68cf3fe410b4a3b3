import type { Address, Operation, ReplacementPart, SedProgram, Substitution } from './program.ts';
import { compileSedRegex, numericEscape, SIMPLE_ESCAPES, type SedRegex } from './regex.ts';

/**
 * GNU sed 4.2.2's compile.c: the -e expressions (or the script operand) into a SedProgram. The
 * reader counts characters as compile.c's inchar() does (end of text is not a character), so
 * messages name the same `char N`. Expressions share blocks, labels and a pending a/i/c text, as
 * they do in sed (`-e '1{' -e 'p' -e '}'`, `-e 'a\' -e 'text'`).
 */

/** Why a script was refused: the message (with its newline) and sed's exit status. */
export interface ScriptError {
  readonly message: string;
  readonly status: number;
}

const UNSUPPORTED: Record<string, string> = {
  e: 'the e command (running a shell command) is not supported',
  L: 'the L command (filling paragraphs) is not supported',
  R: 'the R command (reading a file line by line) is not supported',
  w: 'the w command (writing a file) is not supported',
  W: 'the W command (writing a file) is not supported',
};
/** In replacement and a/i/c text `\n` is a newline too. */
const TEXT_ESCAPES: Readonly<Record<string, string>> = { ...SIMPLE_ESCAPES, n: '\n' };
const isBlank = (c: string | null): boolean => c === ' ' || c === '\t';
const isSpace = (c: string | null): boolean => c !== null && ' \t\n\v\f\r'.includes(c);
type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
const isDigit = (c: string | null): c is Digit => c !== null && c >= '0' && c <= '9';

/** compile.c's bad_prog: unwinds to parseScripts, which returns it. */
class Refusal extends Error {
  constructor(readonly error: ScriptError) {
    super(error.message);
  }
}

type Draft = { a1: Address | undefined; a2: Address | undefined; negate: boolean; op: Operation };

/** normalize_text for a/i/c text and `y` strings: `\t` and friends, numeric escapes, else the character itself. */
function unescapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i]!;
    const numeric = numericEscape(text, i);
    if (TEXT_ESCAPES[n] !== undefined) out += TEXT_ESCAPES[n];
    else if (numeric) {
      out += numeric.char;
      i += numeric.length - 1;
    } else out += n;
  }
  return out;
}

/** setup_replacement: `&`, `\0`…`\9`, `\L \U \E \l \u`, `\n`, escapes; other `\c` is `c`. */
function parseReplacement(text: string): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '&') {
      flush();
      parts.push({ kind: 'group', group: 0 });
    } else if (c !== '\\' || i + 1 >= text.length) literal += c;
    else {
      const n = text[++i]!;
      const numeric = numericEscape(text, i);
      if (isDigit(n)) {
        flush();
        parts.push({ kind: 'group', group: Number(n) });
      } else if ('LUElu'.includes(n)) {
        flush();
        parts.push({ kind: 'case', mode: n as 'L' | 'U' | 'E' | 'l' | 'u' });
      } else if (TEXT_ESCAPES[n] !== undefined) literal += TEXT_ESCAPES[n];
      else if (numeric) {
        literal += numeric.char;
        i += numeric.length - 1;
      } else literal += n;
    }
  }
  flush();
  return parts;
}

class Compiler {
  readonly commands: Draft[] = [];
  private readonly blocks: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly jumps: number[] = [];
  /** An a/i/c text that ended with `\` (or bare `a\`) at the end of an expression: the next one continues it. */
  private pending: { command: Draft; text: string } | undefined;
  private text = '';
  private pos = 0;
  private expression = 0;
  quiet = false;

  constructor(private readonly extended: boolean) {}

  /** Compiles one expression (compile_program). */
  compile(text: string): void {
    this.text = text;
    this.pos = 0;
    this.expression++;
    if (this.pending) this.readText(this.pending.command, '\n', this.pending.text);
    for (;;) {
      let ch = this.inchar();
      while (ch === ';' || isSpace(ch)) ch = this.inchar();
      if (ch === null) break;
      // `op` is filled in once the command letter is read; a/i/c text may complete it in a later expression.
      const draft: Draft = { a1: this.address(ch), a2: undefined, negate: false, op: { name: 'p' } };
      if (draft.a1) {
        if (draft.a1.kind === 'plus' || draft.a1.kind === 'multiple') this.bad('invalid usage of +N or ~N as first address');
        ch = this.inNonblank();
        if (ch === ',') {
          draft.a2 = this.address(this.inNonblank());
          if (!draft.a2) this.bad("unexpected `,'");
          ch = this.inNonblank();
        }
        if (draft.a1.kind === 'line' && draft.a1.line === 0 && draft.a2?.kind !== 'regex') this.bad('invalid usage of line address 0');
      }
      if (ch === '!') {
        draft.negate = true;
        ch = this.inNonblank();
        if (ch === '!') this.bad("multiple `!'s");
      }
      const op = this.operation(ch, draft);
      if (op) {
        draft.op = op;
        this.commands.push(draft);
      }
    }
  }

  /** check_final_program: pending text, open blocks, branch targets. */
  finish(): SedProgram {
    if (this.pending) {
      this.pending.command.op = { ...(this.pending.command.op as { name: 'a' | 'i' | 'c' }), text: unescapeText(this.pending.text) };
      this.pending = undefined;
    }
    if (this.blocks.length > 0) {
      this.pos = 0;
      this.bad("unmatched `{'");
    }
    for (const index of this.jumps) {
      const jump = this.commands[index]!;
      if (jump.op.name !== 'b' && jump.op.name !== 't' && jump.op.name !== 'T') continue;
      const target = jump.op.label === '' ? this.commands.length : this.labels.get(jump.op.label);
      if (target === undefined) throw new Refusal({ message: `sed: can't find label for jump to \`${jump.op.label}'\n`, status: 4 });
      jump.op = { ...jump.op, target };
    }
    return { commands: this.commands, quiet: this.quiet };
  }

  private bad(message: string, prefix = 'sed'): never {
    throw new Refusal({ message: `${prefix}: -e expression #${this.expression}, char ${this.pos}: ${message}\n`, status: 1 });
  }

  private inchar(): string | null {
    return this.pos < this.text.length ? this.text[this.pos++]! : null;
  }

  private savchar(ch: string | null): void {
    if (ch !== null) this.pos--;
  }

  private inNonblank(): string | null {
    let ch = this.inchar();
    while (isBlank(ch)) ch = this.inchar();
    return ch;
  }

  private inInteger(first: string): number {
    let digits = first;
    let ch = this.inchar();
    while (isDigit(ch)) {
      digits += ch;
      ch = this.inchar();
    }
    this.savchar(ch);
    return Number(digits);
  }

  /** in_integer(in_nonblank()): the number after blanks, 0 when there is none. */
  private optionalInteger(): number {
    const ch = this.inNonblank();
    if (isDigit(ch)) return this.inInteger(ch);
    this.savchar(ch);
    return 0;
  }

  /** read_end_of_cmd: blanks, then the end of the command (`}` and `#` stay for the next one). */
  private endOfCommand(): void {
    const ch = this.inNonblank();
    if (ch === '}' || ch === '#') this.savchar(ch);
    else if (ch !== null && ch !== '\n' && ch !== ';') this.bad('extra characters after command');
  }

  /** match_slash: the text up to the unescaped delimiter, with `\DELIM` unescaped (and `\n` a newline in a regex); null when unterminated. */
  private matchSlash(slash: string | null, regex: boolean): string | null {
    if (slash !== null && slash.charCodeAt(0) > 0x7f) this.bad('delimiter character is not a single-byte character');
    if (slash === null || slash === '\n' || slash === '\\') return null;
    let text = '';
    let ch = this.inchar();
    for (; ch !== null && ch !== '\n'; ch = this.inchar()) {
      if (ch === slash) return text;
      if (ch === '\\') {
        ch = this.inchar();
        if (ch === null) break;
        if (ch === 'n' && regex) ch = '\n';
        else if (ch !== '\n' && (ch !== slash || (!regex && ch === '&'))) text += '\\';
      }
      text += ch;
    }
    if (ch === '\n') this.savchar(ch);
    return null;
  }

  private regex(pattern: string, ignoreCase: boolean, multiline: boolean): SedRegex | null {
    if (pattern === '') {
      if (ignoreCase || multiline) this.bad('no previous regular expression');
      return null;
    }
    const compiled = compileSedRegex(pattern, this.extended, ignoreCase, multiline);
    if (typeof compiled === 'string') this.bad(compiled);
    return compiled;
  }

  /** compile_address; undefined when `ch` starts no address (it is then the command). */
  private address(ch: string | null): Address | undefined {
    if (ch === '/' || ch === '\\') {
      const pattern = this.matchSlash(ch === '\\' ? this.inchar() : ch, true);
      if (pattern === null) this.bad('unterminated address regex');
      let ignoreCase = false;
      let multiline = false;
      for (let flag = this.inNonblank(); ; flag = this.inNonblank()) {
        if (flag === 'I') ignoreCase = true;
        else if (flag === 'M') multiline = true;
        else {
          this.savchar(flag);
          return { kind: 'regex', regex: this.regex(pattern, ignoreCase, multiline) };
        }
      }
    }
    if (isDigit(ch)) {
      const line = this.inInteger(ch);
      const next = this.inNonblank();
      if (next !== '~') {
        this.savchar(next);
        return { kind: 'line', line };
      }
      const step = this.optionalInteger();
      return step > 0 ? { kind: 'step', first: line, step } : { kind: 'line', line };
    }
    if (ch === '+' || ch === '~') {
      const count = this.optionalInteger();
      return ch === '+' || count === 0 ? { kind: 'plus', count } : { kind: 'multiple', of: count };
    }
    if (ch === '$') return { kind: 'last' };
    return undefined;
  }

  /** The command after the addresses; undefined for what compiles to nothing (comments, `v`). */
  private operation(ch: string | null, draft: Draft): Operation | undefined {
    if (ch !== null && UNSUPPORTED[ch] !== undefined) this.bad(UNSUPPORTED[ch], 'lab: sed');
    switch (ch) {
      case '#': {
        if (draft.a1) this.bad("comments don't accept any addresses");
        let c = this.inchar();
        if (c === 'n' && this.expression === 1 && this.pos === 2) {
          c = this.inchar();
          if (c === null || c === '\n') this.quiet = true;
        }
        while (c !== null && c !== '\n') c = this.inchar();
        return undefined;
      }
      case 'v':
        this.readLabel(false);
        return undefined;
      case '{':
        this.blocks.push(this.commands.length);
        return { name: '{', end: -1 };
      case '}': {
        const open = this.blocks.pop();
        if (open === undefined) this.bad("unexpected `}'");
        if (draft.a1) this.bad("`}' doesn't want any addresses");
        this.endOfCommand();
        this.commands[open]!.op = { name: '{', end: this.commands.length };
        return { name: '}' };
      }
      case 'a':
      case 'i':
      case 'c': {
        let lead = this.inNonblank();
        if (lead === null) this.bad("expected \\ after `a', `c' or `i'");
        if (lead === '\\') lead = this.inchar();
        else {
          this.savchar(lead);
          lead = '\n';
        }
        draft.op = { name: ch, text: '' };
        this.readText(draft, lead, '');
        return draft.op;
      }
      case ':': {
        if (draft.a1) this.bad(": doesn't want any addresses");
        const label = this.readLabel(false);
        if (label === '') this.bad('":" lacks a label');
        this.labels.set(label, this.commands.length);
        return { name: ':', label };
      }
      case 'b':
      case 't':
      case 'T':
        this.jumps.push(this.commands.length);
        return { name: ch, label: this.readLabel(true), target: -1 };
      case 'q':
      case 'Q':
      case 'l': {
        if (draft.a2 && ch !== 'l') this.bad('command only uses one address');
        let next = this.inNonblank();
        let number: number | undefined;
        if (isDigit(next)) {
          number = this.inInteger(next);
          next = this.inNonblank();
        }
        if (next === '}' || next === '#') this.savchar(next);
        else if (next !== null && next !== '\n' && next !== ';') this.bad('extra characters after command');
        return ch === 'l' ? { name: 'l', width: number } : { name: ch, exitCode: number ?? 0 };
      }
      case '=': case 'd': case 'D': case 'F': case 'g': case 'G': case 'h': case 'H':
      case 'n': case 'N': case 'p': case 'P': case 'x': case 'z':
        this.endOfCommand();
        return { name: ch };
      case 'r': {
        let c = this.inNonblank();
        let file = '';
        for (; c !== null && c !== '\n'; c = this.inchar()) file += c;
        if (file === '') this.bad('missing filename in r/R/w/W commands');
        return { name: 'r', file };
      }
      case 's':
        return this.substitution();
      case 'y':
        return this.transliteration();
      case null:
        return this.bad('missing command');
      default:
        return this.bad(`unknown command: \`${ch}'`);
    }
  }

  /** read_label: up to a blank, `;` or the end of the line (and `}` after b, t, T). */
  private readLabel(jump: boolean): string {
    let label = '';
    let ch = this.inNonblank();
    for (; ch !== null && !isSpace(ch) && ch !== ';' && !(jump && ch === '}'); ch = this.inchar()) label += ch;
    this.savchar(ch);
    return label;
  }

  /** read_text: an a/i/c text up to an unescaped newline; `\` at the end of the expression continues into the next. */
  private readText(command: Draft, lead: string | null, sofar: string): void {
    let text = sofar;
    if (lead === null) {
      this.pending = { command, text };
      return;
    }
    if (lead !== '\n') text += lead;
    let ch = this.inchar();
    while (ch !== null && ch !== '\n') {
      if (ch === '\\') {
        ch = this.inchar();
        if (ch === null) {
          this.pending = { command, text: `${text}\n` };
          return;
        }
        text += '\\';
      }
      text += ch;
      ch = this.inchar();
    }
    this.pending = undefined;
    command.op = { ...(command.op as { name: 'a' | 'i' | 'c' }), text: unescapeText(`${text}\n`) };
  }

  private substitution(): Substitution {
    const slash = this.inchar();
    const pattern = this.matchSlash(slash, true);
    if (pattern === null) this.bad("unterminated `s' command");
    const replacementText = this.matchSlash(slash, false);
    if (replacementText === null) this.bad("unterminated `s' command");
    const replacement = parseReplacement(replacementText);
    let global = false;
    let print = false;
    let nth = 0;
    let ignoreCase = false;
    let multiline = false;
    for (let ch = this.inchar(); ch !== '\n' && ch !== ';' && ch !== null; ch = this.inchar()) {
      if (ch === '}' || ch === '#') {
        this.savchar(ch);
        break;
      }
      if (ch === 'i' || ch === 'I') ignoreCase = true;
      else if (ch === 'm' || ch === 'M') multiline = true;
      else if (ch === 'p') {
        if (print) this.bad("multiple `p' options to `s' command");
        print = true;
      } else if (ch === 'g') {
        if (global) this.bad("multiple `g' options to `s' command");
        global = true;
      } else if (isDigit(ch)) {
        if (nth) this.bad("multiple number options to `s' command");
        nth = this.inInteger(ch);
        if (!nth) this.bad("number option to `s' command may not be zero");
      } else if (ch === 'w' || ch === 'e') {
        this.bad(`the \`${ch}' option of \`s' (${ch === 'w' ? 'writing a file' : 'running the pattern space as a command'}) is not supported`, 'lab: sed');
      } else if (!isBlank(ch)) this.bad("unknown option to `s'");
    }
    const regex = this.regex(pattern, ignoreCase, multiline);
    for (const part of replacement) {
      if (part.kind === 'group' && regex && part.group > regex.groups) this.bad(`invalid reference \\${part.group} on \`s' command's RHS`);
    }
    return { name: 's', regex, replacement, global, print, nth: nth || 1 };
  }

  private transliteration(): Operation {
    const slash = this.inchar();
    const source = this.matchSlash(slash, false);
    if (source === null) this.bad("unterminated `y' command");
    const target = this.matchSlash(slash, false);
    if (target === null) this.bad("unterminated `y' command");
    const from = [...unescapeText(source)];
    const to = [...unescapeText(target)];
    if (from.length !== to.length) this.bad("strings for `y' command are different lengths");
    this.endOfCommand();
    return { name: 'y', map: new Map(from.map((c, k) => [c, to[k]!])) };
  }
}

/** Compiles the expressions (in order, as -e gave them) into a program, or the message sed prints. */
export function parseScripts(expressions: readonly string[], extended: boolean): SedProgram | ScriptError {
  const compiler = new Compiler(extended);
  try {
    for (const text of expressions) compiler.compile(text);
    return compiler.finish();
  } catch (e) {
    if (e instanceof Refusal) return e.error;
    throw e;
  }
}
