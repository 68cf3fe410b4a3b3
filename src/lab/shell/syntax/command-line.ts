import { parseConditional, type CondExpr } from './conditional.ts';
import { arithWord, tokenize, type Operator, type Token } from './tokens.ts';
import { assignmentOf, plainText, type ParamOp, type Word, type WordPart } from './word.ts';

/** A redirection of a command, in bash's terms; the target is expanded when the command runs. */
export type Redirection =
  | { readonly kind: 'in'; readonly target: Word }
  /** `<<<WORD`: the word, expanded without splitting, and a newline, is stdin. */
  | { readonly kind: 'herestring'; readonly target: Word }
  /** `<<WORD`: the body (expanded when the command runs unless WORD was quoted) is stdin; `line` is where it began. */
  | { readonly kind: 'heredoc'; readonly body: Word; readonly delimiter: string; readonly terminated: boolean; readonly line: number }
  | { readonly kind: 'out'; readonly target: Word; readonly append: boolean; readonly fd: 1 | 2 | 'both' }
  | { readonly kind: 'stderr-to-stdout' }
  /** `>&2` (`1>&2`): stdout goes where stderr goes. */
  | { readonly kind: 'stdout-to-stderr' };

/** One simple command: its words (assignments first, if any) and redirections. */
export interface SimpleCommand {
  readonly kind: 'simple';
  readonly words: readonly Word[];
  readonly redirections: readonly Redirection[];
  /** The line of the input it starts on (a script's messages name it). */
  readonly line: number;
}

/** `for NAME [in WORDS]; do LIST; done`: `items` null iterates over the positional parameters. */
export interface ForCommand {
  readonly kind: 'for';
  readonly name: string;
  /** The line its head is on ($LINENO, set -x). */
  readonly line: number;
  readonly items: readonly Word[] | null;
  readonly body: CommandLine;
  readonly redirections: readonly Redirection[];
}

/** `if LIST; then LIST; [elif LIST; then LIST;]… [else LIST;] fi`. */
export interface IfCommand {
  readonly kind: 'if';
  readonly clauses: readonly { readonly condition: CommandLine; readonly body: CommandLine }[];
  readonly orElse: CommandLine | null;
  readonly redirections: readonly Redirection[];
}

/** `while LIST; do LIST; done`, or `until` (the body runs while the condition fails). */
export interface WhileCommand {
  readonly kind: 'while';
  readonly until: boolean;
  readonly condition: CommandLine;
  readonly body: CommandLine;
  readonly redirections: readonly Redirection[];
}

/** `case WORD in [(]PATTERN[|PATTERN]…) LIST ;; … esac`. */
export interface CaseCommand {
  readonly kind: 'case';
  readonly word: Word;
  /** The line its head is on ($LINENO, set -x). */
  readonly line: number;
  readonly items: readonly { readonly patterns: readonly Word[]; readonly body: CommandLine }[];
  readonly redirections: readonly Redirection[];
}

/** `((EXPRESSION))`: status 0 when the expression's value is not zero, 1 when it is. */
export interface ArithCommand {
  readonly kind: 'arith';
  readonly expression: Word;
  readonly redirections: readonly Redirection[];
  readonly line: number;
}

/** `for ((INIT; CONDITION; STEP)); do LIST; done` (an empty condition is true). */
export interface ArithForCommand {
  readonly kind: 'arith-for';
  readonly init: Word;
  readonly condition: Word;
  readonly step: Word;
  readonly body: CommandLine;
  readonly redirections: readonly Redirection[];
  readonly line: number;
}

/** `[[ EXPRESSION ]]`: status 0 when the expression holds, 1 when not, 2 for a bad regular expression. */
export interface CondCommand {
  readonly kind: 'cond';
  readonly expr: CondExpr;
  readonly redirections: readonly Redirection[];
  readonly line: number;
}

/** `( LIST )`: the list run in a subshell (its cd, variables and functions do not last). */
export interface SubshellCommand {
  readonly kind: 'subshell';
  readonly body: CommandLine;
  readonly redirections: readonly Redirection[];
}

/** `{ LIST; }`: the list run in this shell, as one command (for redirections and function bodies). */
export interface GroupCommand {
  readonly kind: 'group';
  readonly body: CommandLine;
  readonly redirections: readonly Redirection[];
}

/** `NAME () COMMAND` or `function NAME [()] COMMAND`: defines a shell function whose body is a compound command. */
export interface FunctionDefinition {
  readonly kind: 'function';
  readonly name: string;
  readonly body: Command;
}

export type Command =
  | SimpleCommand | ForCommand | IfCommand | WhileCommand | CaseCommand | ArithCommand | ArithForCommand | CondCommand | GroupCommand | SubshellCommand
  | FunctionDefinition;

/** Commands joined by `|`. */
export interface Pipeline {
  /** Started with `!`: the status is inverted. */
  readonly negated: boolean;
  readonly commands: readonly Command[];
  /** Run with `&`. */
  readonly background: boolean;
  /** The pipeline's text as typed (for `jobs` and job notices). */
  readonly text: string;
}

/** A pipeline and how it is joined to the one before it (`;`/`&`/newline run it anyway). */
export interface ListItem {
  readonly when: 'always' | 'and' | 'or';
  readonly pipeline: Pipeline;
}

/** A parsed command line: a list of pipelines (empty for a blank line or a comment). */
export type CommandLine = readonly ListItem[];

/**
 * bash's message for a line it cannot parse (without the `bash: ` prefix). `incomplete`: the
 * input ended where bash, reading from a terminal, would prompt `> ` for the rest (an open quote,
 * a loop without `done`, a trailing `|`, `&&` or `||`).
 */
export interface SyntaxError {
  readonly kind: 'error';
  readonly message: string;
  readonly incomplete?: true;
}

const REDIRECTS: readonly Operator[] = ['<', '<<<', '>', '>>', '1>', '1>>', '2>', '2>>', '&>', '2>&1', '>&2', '1>&2'];
/** Compound commands this shell does not run. */
const COMPOUND = new Set(['select']);
/** Reserved words that cannot start a command (bash: `syntax error near unexpected token`). */
const MISPLACED = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', 'esac', '}']);
/** What may start a function's body: a compound command. */
const BODY_START = new Set(['{', 'if', 'for', 'while', 'until', 'case']);
/** The message for what this shell does not run. */
const unsupported = (what: string): SyntaxError => ({
  kind: 'error', message: `lab: this shell runs simple commands, pipelines, lists, functions, subshells and the compound commands for, while, until, if, case, { }, (( )) and [[ ]]; "${what}" is not supported`,
});

const unexpected = (what: string): SyntaxError => ({ kind: 'error', message: `syntax error near unexpected token \`${what}'` });
const EOF: SyntaxError = { kind: 'error', message: 'syntax error: unexpected end of file', incomplete: true };

/** Whether a parse failed. */
export function isSyntaxError<T>(r: T | SyntaxError): r is SyntaxError {
  return !Array.isArray(r) && typeof r === 'object' && r !== null && (r as { kind?: unknown }).kind === 'error';
}

/** Parses a line into a list of pipelines, or returns bash's syntax error. Never throws. */
export function parseCommandLine(line: string): CommandLine | SyntaxError {
  const tokens = tokenize(line);
  if (!Array.isArray(tokens)) return tokens;
  try {
    return new Parser(tokens).program();
  } catch (e) {
    // Compound commands nested thousands deep exhaust the parser's stack.
    if (e instanceof RangeError) return TOO_DEEP;
    throw e;
  }
}

const TOO_DEEP: SyntaxError = { kind: 'error', message: 'lab: the line nests too deeply for this shell' };

/**
 * Input as bash reads it from a terminal, pasted or continued over several lines: line by line,
 * a command ends at the first newline where what was read is complete, so each runs before the
 * next is read and a syntax error spoils only its own command. `rest` is an incomplete end (bash
 * would prompt `> ` for more), '' when there is none. Blank lines run nothing and are dropped.
 */
export function splitCommands(text: string): { readonly commands: readonly string[]; readonly rest: string } {
  const { commands, rest } = readCommands(text);
  return { commands: commands.map((c) => c.text), rest };
}

/** splitCommands with the line each command starts on (1 for the first line of `text`). */
export function readCommands(text: string): { readonly commands: readonly { readonly text: string; readonly line: number }[]; readonly rest: string } {
  const commands: { text: string; line: number }[] = [];
  let pending: string | undefined;
  let first = 0;
  text.split('\n').forEach((line, k) => {
    if (pending === undefined) first = k + 1;
    pending = pending === undefined ? line : `${pending}\n${line}`;
    if (needsMore(pending)) return;
    if (pending.trim() !== '') commands.push({ text: pending, line: first });
    pending = undefined;
  });
  return { commands, rest: pending ?? '' };
}

/** Whether bash would read another line before running `text`: a trailing `\`, a here-document without its end, or input that ends too early. */
function needsMore(text: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(text)) return true;
  const tokens = tokenize(text);
  if (Array.isArray(tokens) && tokens.some((t) => t.kind === 'heredoc' && !t.terminated)) return true;
  const parsed = parseCommandLine(text);
  return isSyntaxError(parsed) && parsed.incomplete === true;
}

const tokenName = (t: Token | undefined): string =>
  t === undefined ? 'newline' : t.kind === 'word' ? t.word.raw : t.kind === 'heredoc' ? '<<' : t.kind === 'arith' ? '(' : t.kind === 'cond' ? '[[' : t.op === '\n' ? 'newline' : t.op;

/** bash's grammar, reduced to lists, pipelines, simple commands and the compound commands for, while, until, if and case. */
class Parser {
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  program(): CommandLine | SyntaxError {
    return this.list([]);
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isWord(t: Token | undefined, reserved: string): boolean {
    return t?.kind === 'word' && plainText(t.word) === reserved;
  }

  private isOp(t: Token | undefined, ...ops: Operator[]): boolean {
    return t?.kind === 'op' && ops.includes(t.op);
  }

  private skipNewlines(): void {
    while (this.isOp(this.peek(), '\n')) this.i++;
  }

  /**
   * Pipelines joined by `;`, `&`, newlines, `&&` and `||`, up to the end or, where a command
   * would start, one of the reserved words `terminators` (or `;;` in a case item).
   */
  private list(terminators: readonly string[], inCase = false, inParens = false): CommandLine | SyntaxError {
    const items: ListItem[] = [];
    let when: ListItem['when'] = 'always';
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t === undefined) {
        if (when !== 'always') return EOF;
        break;
      }
      if (when === 'always' && (terminators.some((w) => this.isWord(t, w)) || (inCase && this.isOp(t, ';;')) || (inParens && this.isOp(t, ')')))) break;
      const start = this.i;
      let negated = false;
      if (this.isWord(t, '!')) {
        negated = true;
        this.i++;
      }
      const commands = this.pipeline();
      if (isSyntaxError(commands)) return commands;
      const sep = this.peek();
      const background = this.isOp(sep, '&');
      items.push({ when, pipeline: { negated, commands, background, text: tokensText(this.tokens.slice(start, this.i)) } });
      if (sep === undefined) break;
      if (inCase && this.isOp(sep, ';;')) break;
      if (inParens && this.isOp(sep, ')')) break;
      if (sep.kind !== 'op') return unexpected(tokenName(sep));
      if (sep.op === ';' || sep.op === '&' || sep.op === '\n') when = 'always';
      else if (sep.op === '&&') when = 'and';
      else if (sep.op === '||') when = 'or';
      else return unexpected(tokenName(sep));
      this.i++;
      this.skipNewlines();
    }
    return items;
  }

  private pipeline(): Command[] | SyntaxError {
    const commands: Command[] = [];
    for (;;) {
      const c = this.command();
      if (isSyntaxError(c)) return c;
      commands.push(c);
      if (!this.isOp(this.peek(), '|')) return commands;
      this.i++;
      this.skipNewlines();
      if (this.peek() === undefined) return EOF;
    }
  }

  private command(): Command | SyntaxError {
    const t = this.peek();
    const first = t?.kind === 'word' ? plainText(t.word) : undefined;
    if (first === 'for') return this.forCommand();
    if (first === '{') return this.groupCommand();
    if (first === 'function') return this.functionDefinition(true);
    if (t?.kind === 'cond') {
      const expr = parseConditional(t.source);
      if ('error' in expr) return { kind: 'error', message: expr.error };
      this.i++;
      const redirections = this.trailingRedirections();
      if (isSyntaxError(redirections)) return redirections;
      return { kind: 'cond', expr, redirections, line: t.line };
    }
    if (t?.kind === 'arith') {
      const bad = checkSubstitutions(t.expression);
      if (bad) return bad;
      this.i++;
      const redirections = this.trailingRedirections();
      if (isSyntaxError(redirections)) return redirections;
      return { kind: 'arith', expression: t.expression, redirections, line: t.line };
    }
    if (first === 'if') return this.ifCommand();
    if (first === 'while' || first === 'until') return this.whileCommand(first === 'until');
    if (first === 'case') return this.caseCommand();
    if (first !== undefined && MISPLACED.has(first)) return unexpected(first);
    if (first !== undefined && COMPOUND.has(first)) return unsupported(first);
    if (this.isOp(t, '(')) return this.subshellCommand();
    // NAME() … defines a function.
    if (t?.kind === 'word' && this.isOp(this.tokens[this.i + 1], '(')) return this.functionDefinition(false);
    const words: Word[] = [];
    const redirections: Redirection[] = [];
    const line = this.lineHere();
    for (;;) {
      const w = this.peek();
      if (w?.kind === 'word') {
        const bad = checkSubstitutions(w.word);
        if (bad) return bad;
        words.push(w.word);
        this.i++;
        continue;
      }
      const r = this.redirection();
      if (r === null) break;
      if (isSyntaxError(r)) return r;
      redirections.push(r);
    }
    if (words.length === 0 && redirections.length === 0) return unexpected(tokenName(this.peek()));
    if (misplacedCompound(words)) return unexpected('(');
    return { kind: 'simple', words, redirections, line };
  }

  /** The line of the next word from here (or of the last one, at the end). */
  private lineHere(): number {
    for (let k = this.i; k < this.tokens.length; k++) {
      const t = this.tokens[k]!;
      if (t.kind === 'word') return t.line;
    }
    for (let k = this.i - 1; k >= 0; k--) {
      const t = this.tokens[k]!;
      if (t.kind === 'word') return t.line;
    }
    return 1;
  }

  /** A redirection at the current token, null when there is none. */
  private redirection(): Redirection | SyntaxError | null {
    const t = this.peek();
    if (t?.kind === 'heredoc') {
      const bad = checkSubstitutions(t.body);
      if (bad) return bad;
      this.i++;
      const line = 1 + this.tokens.slice(0, this.i).filter((x) => x.kind === 'op' && x.op === '\n').length;
      return { kind: 'heredoc', body: t.body, delimiter: t.delimiter, terminated: t.terminated, line };
    }
    if (t?.kind !== 'op' || !REDIRECTS.includes(t.op)) return null;
    this.i++;
    if (t.op === '2>&1') return { kind: 'stderr-to-stdout' };
    if (t.op === '>&2' || t.op === '1>&2') return { kind: 'stdout-to-stderr' };
    const target = this.peek();
    if (target?.kind !== 'word') return unexpected(tokenName(target));
    const bad = checkSubstitutions(target.word);
    if (bad) return bad;
    this.i++;
    if (t.op === '<') return { kind: 'in', target: target.word };
    if (t.op === '<<<') return { kind: 'herestring', target: target.word };
    return {
      kind: 'out', target: target.word, append: t.op === '>>' || t.op === '1>>' || t.op === '2>>',
      fd: t.op === '2>' || t.op === '2>>' ? 2 : t.op === '&>' ? 'both' : 1,
    };
  }

  /** `for NAME [in WORD…] ;|newline do LIST done [redirections]`. */
  private forCommand(): ForCommand | ArithForCommand | SyntaxError {
    this.i++;
    const nameToken = this.peek();
    if (nameToken === undefined) return EOF;
    if (nameToken.kind === 'arith') return this.arithFor(nameToken);
    if (nameToken.kind !== 'word') return unexpected(tokenName(nameToken));
    this.i++;
    this.skipNewlines();
    let items: Word[] | null = null;
    if (this.isWord(this.peek(), 'in')) {
      this.i++;
      items = [];
      for (let t = this.peek(); t?.kind === 'word'; t = this.peek()) {
        const bad = checkSubstitutions(t.word);
        if (bad) return bad;
        items.push(t.word);
        this.i++;
      }
      const sep = this.peek();
      if (sep === undefined) return EOF;
      if (!this.isOp(sep, ';', '\n')) return unexpected(tokenName(sep));
      this.i++;
      this.skipNewlines();
    } else if (this.isOp(this.peek(), ';')) {
      this.i++;
      this.skipNewlines();
    }
    const loop = this.doGroup();
    if (isSyntaxError(loop)) return loop;
    return { kind: 'for', name: nameToken.word.raw, items, ...loop, line: nameToken.line };
  }

  /** A for loop's `do LIST done [redirections]`. */
  private doGroup(): { body: CommandLine; redirections: Redirection[] } | SyntaxError {
    const d = this.peek();
    if (d === undefined) return EOF;
    if (!this.isWord(d, 'do')) return unexpected(tokenName(d));
    this.i++;
    const body = this.list(['done']);
    if (isSyntaxError(body)) return body;
    const end = this.peek();
    if (end === undefined) return EOF;
    if (body.length === 0) return unexpected(tokenName(end));
    this.i++;
    const redirections = this.trailingRedirections();
    if (isSyntaxError(redirections)) return redirections;
    return { body, redirections };
  }

  /** `for ((INIT; CONDITION; STEP)) [;|newline] do LIST done [redirections]`, after `for`. */
  private arithFor(head: Extract<Token, { kind: 'arith' }>): ArithForCommand | SyntaxError {
    const parts = splitArithFor(head.raw.slice(2, -2));
    if (!parts) return { kind: 'error', message: 'syntax error: arithmetic expression required' };
    const [init, condition, step] = parts.map(arithWord) as [Word, Word, Word];
    for (const w of [init, condition, step]) {
      const bad = checkSubstitutions(w);
      if (bad) return bad;
    }
    this.i++;
    if (this.isOp(this.peek(), ';')) this.i++;
    this.skipNewlines();
    const loop = this.doGroup();
    if (isSyntaxError(loop)) return loop;
    return { kind: 'arith-for', init, condition, step, ...loop, line: head.line };
  }

  /** `( LIST ) [redirections]`. */
  private subshellCommand(): SubshellCommand | SyntaxError {
    this.i++;
    const body = this.list([], false, true);
    if (isSyntaxError(body)) return body;
    const end = this.peek();
    if (end === undefined) return EOF;
    if (!this.isOp(end, ')') || body.length === 0) return unexpected(tokenName(end));
    this.i++;
    const redirections = this.trailingRedirections();
    if (isSyntaxError(redirections)) return redirections;
    return { kind: 'subshell', body, redirections };
  }

  /** `{ LIST ; } [redirections]`. */
  private groupCommand(): GroupCommand | SyntaxError {
    this.i++;
    const body = this.listUntil(['}']);
    if (isSyntaxError(body)) return body;
    this.i++;
    const redirections = this.trailingRedirections();
    if (isSyntaxError(redirections)) return redirections;
    return { kind: 'group', body, redirections };
  }

  /** `NAME ( ) [newlines] COMPOUND-COMMAND`, or after `function`: `NAME [( )] [newlines] COMPOUND-COMMAND`. */
  private functionDefinition(keyword: boolean): FunctionDefinition | SyntaxError {
    if (keyword) this.i++;
    const nameToken = this.peek();
    if (nameToken === undefined) return EOF;
    if (nameToken.kind !== 'word') return unexpected(tokenName(nameToken));
    this.i++;
    const name = nameToken.word.raw;
    if (this.isOp(this.peek(), '(')) {
      this.i++;
      const close = this.peek();
      if (close === undefined) return EOF;
      if (!this.isOp(close, ')')) return unexpected(tokenName(close));
      this.i++;
    } else if (!keyword) {
      return unexpected(tokenName(this.peek()));
    }
    this.skipNewlines();
    const t = this.peek();
    if (t === undefined) return EOF;
    const first = t.kind === 'word' ? plainText(t.word) : undefined;
    if (t.kind !== 'arith' && (first === undefined || !BODY_START.has(first))) {
      if (!this.isOp(t, '(')) return unexpected(tokenName(t));
    }
    // A name bash would refuse at definition (it must not be a special word or contain quotes or `$`).
    if (!/^[^\s$`'"|&;()<>]+$/.test(name) || /^[0-9]+$/.test(name)) return { kind: 'error', message: `\`${name}': not a valid identifier` };
    const body = this.command();
    if (isSyntaxError(body)) return body;
    return { kind: 'function', name, body };
  }

  /** The redirections after a compound command's closing word. */
  private trailingRedirections(): Redirection[] | SyntaxError {
    const redirections: Redirection[] = [];
    for (let r = this.redirection(); r !== null; r = this.redirection()) {
      if (isSyntaxError(r)) return r;
      redirections.push(r);
    }
    return redirections;
  }

  /** A non-empty list up to one of `terminators`, which must come (bash: an empty list is an error at the terminator). */
  private listUntil(terminators: readonly string[]): CommandLine | SyntaxError {
    const list = this.list(terminators);
    if (isSyntaxError(list)) return list;
    const end = this.peek();
    if (end === undefined) return EOF;
    if (!terminators.some((w) => this.isWord(end, w))) return unexpected(tokenName(end));
    if (list.length === 0) return unexpected(tokenName(end));
    return list;
  }

  /** `if LIST then LIST [elif LIST then LIST]… [else LIST] fi [redirections]`. */
  private ifCommand(): IfCommand | SyntaxError {
    const clauses: { condition: CommandLine; body: CommandLine }[] = [];
    let orElse: CommandLine | null = null;
    this.i++;
    for (;;) {
      const condition = this.listUntil(['then']);
      if (isSyntaxError(condition)) return condition;
      this.i++;
      const body = this.listUntil(['elif', 'else', 'fi']);
      if (isSyntaxError(body)) return body;
      clauses.push({ condition, body });
      const next = this.peek();
      this.i++;
      if (this.isWord(next, 'elif')) continue;
      if (this.isWord(next, 'else')) {
        const last = this.listUntil(['fi']);
        if (isSyntaxError(last)) return last;
        orElse = last;
        this.i++;
      }
      break;
    }
    const redirections = this.trailingRedirections();
    if (isSyntaxError(redirections)) return redirections;
    return { kind: 'if', clauses, orElse, redirections };
  }

  /** `while|until LIST do LIST done [redirections]`. */
  private whileCommand(until: boolean): WhileCommand | SyntaxError {
    this.i++;
    const condition = this.listUntil(['do']);
    if (isSyntaxError(condition)) return condition;
    this.i++;
    const body = this.listUntil(['done']);
    if (isSyntaxError(body)) return body;
    this.i++;
    const redirections = this.trailingRedirections();
    if (isSyntaxError(redirections)) return redirections;
    return { kind: 'while', until, condition, body, redirections };
  }

  /** `case WORD in [[(]PATTERN[|PATTERN]…) [LIST] ;;]… esac [redirections]` (the last `;;` may be left out). */
  private caseCommand(): CaseCommand | SyntaxError {
    this.i++;
    const subject = this.peek();
    if (subject === undefined) return EOF;
    if (subject.kind !== 'word') return unexpected(tokenName(subject));
    const bad = checkSubstitutions(subject.word);
    if (bad) return bad;
    this.i++;
    this.skipNewlines();
    const inWord = this.peek();
    if (inWord === undefined) return EOF;
    if (!this.isWord(inWord, 'in')) return unexpected(tokenName(inWord));
    this.i++;
    this.skipNewlines();
    const items: { patterns: Word[]; body: CommandLine }[] = [];
    for (;;) {
      let t = this.peek();
      if (t === undefined) return EOF;
      if (this.isWord(t, 'esac')) break;
      if (this.isOp(t, '(')) {
        this.i++;
        t = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        if (t === undefined) return EOF;
        if (t.kind !== 'word') return unexpected(tokenName(t));
        const badPattern = checkSubstitutions(t.word);
        if (badPattern) return badPattern;
        patterns.push(t.word);
        this.i++;
        t = this.peek();
        if (!this.isOp(t, '|')) break;
        this.i++;
        t = this.peek();
      }
      if (t === undefined) return EOF;
      if (!this.isOp(t, ')')) return unexpected(tokenName(t));
      this.i++;
      const body = this.list(['esac'], true);
      if (isSyntaxError(body)) return body;
      items.push({ patterns, body });
      const end = this.peek();
      if (end === undefined) return EOF;
      if (this.isOp(end, ';;')) {
        this.i++;
        this.skipNewlines();
      } else if (!this.isWord(end, 'esac')) {
        return unexpected(tokenName(end));
      }
    }
    this.i++;
    const redirections = this.trailingRedirections();
    if (isSyntaxError(redirections)) return redirections;
    return { kind: 'case', word: subject.word, items, redirections, line: subject.line };
  }
}

/** bash parses the command inside `$(…)` with the line (within `${…}` and `$((…))` too): its syntax errors are the line's. */
function checkSubstitutions(word: Word): SyntaxError | undefined {
  for (const p of word.parts) {
    const bad = p.kind === 'command' ? commandError(p.source) : nestedWords(p).map(checkSubstitutions).find((e) => e !== undefined);
    if (bad) return bad;
  }
  return undefined;
}

function commandError(source: string): SyntaxError | undefined {
  const inner = parseCommandLine(source);
  // The substitution is closed, so more input would not complete it.
  return isSyntaxError(inner) ? { kind: 'error', message: inner.message } : undefined;
}

/**
 * Whether a compound value `NAME=(…)` stands where bash takes no assignment: after the command
 * name, unless the command is a declaration builtin (declare, typeset, local, readonly, export).
 */
function misplacedCompound(words: readonly Word[]): boolean {
  let k = 0;
  while (k < words.length && assignmentOf(words[k]!)) k++;
  if (k === words.length || DECLARATION_BUILTINS.has(plainText(words[k]!) ?? '')) return false;
  return words.slice(k).some((w) => w.parts.some((p) => p.kind === 'array-literal'));
}

/** The builtins whose NAME=VALUE arguments are assignments (not split; compound values allowed). */
export const DECLARATION_BUILTINS: ReadonlySet<string> = new Set(['declare', 'typeset', 'local', 'readonly', 'export']);

/** The words inside a part: an arithmetic expression, a parameter operator's operands. */
function nestedWords(p: WordPart): readonly Word[] {
  if (p.kind === 'arith') return [p.expression];
  if (p.kind === 'array-literal') return p.items;
  if (p.kind === 'param' || p.kind === 'param-op') {
    const sub = p.subscript?.kind === 'index' ? [p.subscript.expression] : [];
    if (p.kind === 'param') return sub;
    return [...sub, ...operandWords(p.op)];
  }
  return [];
}

/** A parameter operator's operand words. */
function operandWords(op: ParamOp): readonly Word[] {
  switch (op.kind) {
    case 'use': return [op.word];
    case 'trim': return [op.pattern];
    case 'replace': return [op.pattern, op.replacement];
    case 'substring': return op.length ? [op.offset, op.length] : [op.offset];
    case 'case': return [op.pattern];
    default: return [];
  }
}

/** The three expressions of `for ((…; …; …))`, split at the top-level semicolons; undefined unless there are three. */
function splitArithFor(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.length === 3 ? parts : undefined;
}

function tokensText(tokens: readonly Token[]): string {
  return tokens.filter((t) => !(t.kind === 'op' && t.op === '\n')).map((t) => (t.kind === 'op' ? t.op : t.kind === 'heredoc' || t.kind === 'arith' || t.kind === 'cond' ? t.raw : t.word.raw)).join(' ');
}
