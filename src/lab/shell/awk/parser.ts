import type { AssignOp, Expr, FunctionDef, LValue, Pattern, Program, Redirect, Rule, SourceLine, Stmt, VariableRef } from './ast.ts';
import { compileAwkRegex } from './regex.ts';
import { AwkSyntaxError, formatSyntaxError, GAWK_ONLY_FUNCTIONS, Lexer, type Token } from './lexer.ts';

/**
 * A recursive-descent parser for the POSIX awk grammar with gawk's precedence (lowest first):
 * assignment, `?:`, `||`, `&&`, `in`, `~ !~`, comparison, concatenation, `+ -`, `* / %`, unary
 * `! + -`, `^ **`, `++ --`, `$`, grouping. Inside print's argument list a bare `>` is the output
 * redirection, as in gawk's grammar. The first syntax error stops parsing.
 */

/** One program text: the command-line program or a -f file, with the name errors give it. */
export interface AwkSource {
  readonly name: string;
  readonly text: string;
}

/** The parsed program, or what awk prints when it cannot parse it. */
export type ParseResult =
  | { readonly program: Program; readonly warnings: readonly string[] }
  | {
      /** The message's lines, each to be prefixed with `awk: ` (a lab refusal is complete as it is). */
      readonly error: string;
      readonly status: number;
      readonly lab?: boolean;
      readonly warnings: readonly string[];
    };

/** A construct the lab refuses: its message, without the `lab: awk: ` prefix. */
class Refusal extends Error {}

/** A parse-time error gawk reports without a caret (`error: …`, or `fatal: …` for a bad regex). */
class PlainError extends Error {
  constructor(readonly offset: number, readonly text: string, readonly status: number) {
    super(text);
  }
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=', '**=']);
const COMPARISONS = new Set(['<', '<=', '==', '!=', '>=', '>']);

type RuleContext = 'BEGIN' | 'END' | 'main' | 'function';

class Parser {
  private readonly lex: Lexer;
  private params: readonly string[] = [];
  private context: RuleContext = 'main';
  /** Inside print's arguments (not within parentheses): `>` redirects. */
  private inPrint = false;
  /** How many loops enclose the statement being parsed (break and continue need one). */
  private loops = 0;

  constructor(private readonly source: AwkSource, private readonly out: { begin: Stmt[][]; rules: Rule[]; end: Stmt[][]; functions: Map<string, FunctionDef> }) {
    this.lex = new Lexer(source.text);
  }

  warnings(): string[] {
    return this.lex.warnings.map((w) => `${this.source.name}:${this.lineAt(w.offset)}: warning: ${w.text}`);
  }

  parse(): void {
    this.skipTerminators();
    while (this.lex.peek().kind !== 'eof') {
      // An item that ends with its action's `}` may be followed by the next on the same line.
      const endedWithAction = this.item();
      const t = this.lex.peek();
      if (!endedWithAction && t.kind !== 'eof' && t.kind !== 'newline' && !this.is(t, ';')) throw this.syntax(t);
      this.skipTerminators();
    }
  }

  /** Parses a rule or function; whether it ended with an action. */
  private item(): boolean {
    const t = this.lex.peek();
    if (this.isKeyword(t, 'function')) {
      this.functionDef();
      return true;
    }
    if (this.isKeyword(t, 'BEGIN') || this.isKeyword(t, 'END')) {
      this.lex.next();
      if (!this.is(this.lex.peek(), '{')) throw new PlainError(t.offset, `error: ${t.text} blocks must have an action part`, 1);
      this.context = t.text as RuleContext;
      const action = this.block();
      this.context = 'main';
      (t.text === 'BEGIN' ? this.out.begin : this.out.end).push(action);
      return true;
    }
    let pattern: Pattern = { kind: 'all' };
    if (!this.is(t, '{')) {
      const from = this.expression();
      if (this.is(this.lex.peek(), ',')) {
        this.lex.next();
        this.skipNewlines();
        pattern = { kind: 'range', from, to: this.expression() };
      } else pattern = { kind: 'expr', expr: from };
    }
    if (!this.is(this.lex.peek(), '{')) {
      this.out.rules.push({ pattern });
      return false;
    }
    this.out.rules.push({ pattern, action: this.block() });
    return true;
  }

  private functionDef(): void {
    this.lex.next();
    const name = this.lex.next();
    if (name.kind !== 'name' && name.kind !== 'funcname') throw this.syntax(name);
    if (this.out.functions.has(name.text)) throw new PlainError(name.offset, `error: function \`${name.text}': can't redefine function`, 1);
    this.expect('(');
    const params: string[] = [];
    while (!this.is(this.lex.peek(), ')')) {
      const p = this.lex.next();
      if (p.kind !== 'name') throw this.syntax(p);
      params.push(p.text);
      if (this.is(this.lex.peek(), ',')) {
        this.lex.next();
        this.skipNewlines();
      } else if (!this.is(this.lex.peek(), ')')) throw this.syntax(this.lex.peek());
    }
    this.lex.next();
    this.skipNewlines();
    this.params = params;
    this.loops = 0;
    this.context = 'function';
    const body = this.block();
    this.params = [];
    this.context = 'main';
    this.out.functions.set(name.text, { name: name.text, params, body });
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    for (;;) {
      this.skipTerminators();
      if (this.is(this.lex.peek(), '}')) break;
      body.push(this.statement());
    }
    this.lex.next();
    return body;
  }

  private statement(): Stmt {
    const t = this.lex.peek();
    if (this.is(t, '{')) return { kind: 'block', body: this.block() };
    if (this.is(t, ';')) {
      this.lex.next();
      return { kind: 'block', body: [] };
    }
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if': return this.ifStatement();
        case 'while': {
          this.lex.next();
          const test = this.condition();
          return { kind: 'while', test, body: this.loopBody() };
        }
        case 'do': {
          this.lex.next();
          this.skipNewlines();
          this.loops++;
          const body = this.statement();
          this.loops--;
          this.skipTerminators();
          const w = this.lex.next();
          if (!this.isKeyword(w, 'while')) throw this.syntax(w);
          const test = this.condition();
          this.endSimple();
          return { kind: 'do', body, test };
        }
        case 'for': return this.forStatement();
        default: break;
      }
    }
    const stmt = this.simpleStatement();
    this.endSimple();
    return stmt;
  }

  private ifStatement(): Stmt {
    this.lex.next();
    const test = this.condition();
    const then = this.body();
    const mark = this.lex.mark();
    this.skipTerminators();
    if (this.isKeyword(this.lex.peek(), 'else')) {
      this.lex.next();
      this.skipNewlines();
      return { kind: 'if', test, then, otherwise: this.statement() };
    }
    this.lex.reset(mark);
    return { kind: 'if', test, then };
  }

  private forStatement(): Stmt {
    const forToken = this.lex.next();
    this.expect('(');
    const mark = this.lex.mark();
    const variable = this.lex.next();
    if (variable.kind === 'name' && this.isKeyword(this.lex.peek(), 'in')) {
      this.lex.next();
      const array = this.lex.next();
      if (array.kind === 'name' && this.is(this.lex.peek(), ')')) {
        this.lex.next();
        const target: LValue = { kind: 'var', ref: this.ref(variable.text), at: this.at(variable) };
        return { kind: 'forin', variable: target, array: this.ref(array.text), body: this.loopBody(), at: this.at(forToken) };
      }
    }
    this.lex.reset(mark);
    const init = this.is(this.lex.peek(), ';') ? undefined : this.expression();
    this.expect(';');
    this.skipNewlines();
    const test = this.is(this.lex.peek(), ';') ? undefined : this.expression();
    this.expect(';');
    this.skipNewlines();
    const step = this.is(this.lex.peek(), ')') ? undefined : this.expression();
    this.expect(')');
    return { kind: 'for', init, test, step, body: this.loopBody() };
  }

  /** `( expr )` of if/while/do. */
  private condition(): Expr {
    this.expect('(');
    const test = this.expression();
    this.expect(')');
    return test;
  }

  /** The body of a loop. */
  private loopBody(): Stmt {
    this.loops++;
    const body = this.body();
    this.loops--;
    return body;
  }

  /** The body of if/while/for: `;` alone is an empty statement. */
  private body(): Stmt {
    if (this.is(this.lex.peek(), ';')) {
      this.lex.next();
      return { kind: 'block', body: [] };
    }
    this.skipNewlines();
    return this.statement();
  }

  private simpleStatement(): Stmt {
    const t = this.lex.peek();
    if (t.kind !== 'keyword') return { kind: 'expr', expr: this.expression() };
    switch (t.text) {
      case 'break': case 'continue':
        this.lex.next();
        if (this.loops === 0) {
          throw new PlainError(t.offset, `error: \`${t.text}' is not allowed outside a loop${t.text === 'break' ? ' or switch' : ''}`, 1);
        }
        return { kind: t.text };
      case 'next': case 'nextfile':
        this.lex.next();
        if (this.context === 'BEGIN' || this.context === 'END') throw new PlainError(t.offset, `error: \`${t.text}' used in ${this.context} action`, 1);
        return { kind: t.text };
      case 'exit':
        this.lex.next();
        return this.atTerminator() ? { kind: 'exit' } : { kind: 'exit', status: this.expression() };
      case 'return':
        this.lex.next();
        if (this.context !== 'function') throw new PlainError(t.offset, "error: `return' used outside function context", 1);
        return this.atTerminator() ? { kind: 'return' } : { kind: 'return', value: this.expression() };
      case 'delete': {
        this.lex.next();
        const name = this.lex.next();
        if (name.kind !== 'name') throw this.syntax(name);
        if (!this.is(this.lex.peek(), '[')) return { kind: 'delete', array: this.ref(name.text), at: this.at(t) };
        return { kind: 'delete', array: this.ref(name.text), subscripts: this.subscripts(), at: this.at(t) };
      }
      case 'print': case 'printf': return this.printStatement();
      case 'getline': throw new Refusal('getline is not supported');
      default: throw this.syntax(t);
    }
  }

  private printStatement(): Stmt {
    const keyword = this.lex.next();
    let args: Expr[] = [];
    const p = this.lex.peek();
    if (!this.atTerminator() && !this.is(p, '>') && !this.is(p, '>>') && !this.is(p, '|')) {
      const saved = this.inPrint;
      this.inPrint = true;
      args = [this.expression()];
      while (this.is(this.lex.peek(), ',')) {
        this.lex.next();
        this.skipNewlines();
        args.push(this.expression());
      }
      this.inPrint = saved;
      const only = args[0]!;
      if (args.length === 1 && only.kind === 'group') args = [...only.items];
    }
    let redirect: Redirect | undefined;
    const r = this.lex.peek();
    if (this.is(r, '|') || this.is(r, '|&')) throw new Refusal(`output to a command (${keyword.text} | "command") is not supported`);
    if (this.is(r, '>') || this.is(r, '>>')) {
      this.lex.next();
      const saved = this.inPrint;
      this.inPrint = true;
      redirect = { mode: r.text as '>' | '>>', target: this.concatenation() };
      this.inPrint = saved;
    }
    if (keyword.text === 'printf' && args.length === 0) throw this.syntax(this.lex.peek());
    return { kind: keyword.text as 'print' | 'printf', args, redirect, at: this.at(keyword) };
  }

  private expression(): Expr {
    const left = this.ternary();
    const t = this.lex.peek();
    if (t.kind === 'punct' && ASSIGN_OPS.has(t.text)) {
      if (!isLValue(left)) throw this.syntax(t);
      this.lex.next();
      this.skipNewlines();
      const op = (t.text === '**=' ? '^=' : t.text) as AssignOp;
      return { kind: 'assign', op, target: left, value: this.expression(), at: this.at(t) };
    }
    return left;
  }

  private ternary(): Expr {
    const test = this.or();
    if (!this.is(this.lex.peek(), '?')) return test;
    this.lex.next();
    this.skipNewlines();
    const then = this.expression();
    this.skipNewlines();
    this.expect(':');
    this.skipNewlines();
    return { kind: 'cond', test, then, otherwise: this.expression() };
  }

  private or(): Expr {
    let left = this.and();
    while (this.is(this.lex.peek(), '||')) {
      this.lex.next();
      this.skipNewlines();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.inExpr();
    while (this.is(this.lex.peek(), '&&')) {
      this.lex.next();
      this.skipNewlines();
      left = { kind: 'and', left, right: this.inExpr() };
    }
    return left;
  }

  private inExpr(): Expr {
    let left = this.matchExpr();
    while (this.isKeyword(this.lex.peek(), 'in')) {
      const t = this.lex.next();
      const array = this.lex.next();
      if (array.kind !== 'name') throw this.syntax(array);
      left = { kind: 'in', subscripts: left.kind === 'group' ? left.items : [left], array: this.ref(array.text), at: this.at(t) };
    }
    return left;
  }

  private matchExpr(): Expr {
    let left = this.comparison();
    for (let t = this.lex.peek(); this.is(t, '~') || this.is(t, '!~'); t = this.lex.peek()) {
      this.lex.next();
      left = { kind: 'match', negated: t.text === '!~', subject: left, pattern: this.comparison(), at: this.at(t) };
    }
    return left;
  }

  private comparison(): Expr {
    const left = this.concatenation();
    const t = this.lex.peek();
    if (t.kind === 'punct' && COMPARISONS.has(t.text) && !(this.inPrint && t.text === '>')) {
      this.lex.next();
      return { kind: 'binary', op: t.text as '<', left, right: this.concatenation(), at: this.at(t) };
    }
    if (this.is(t, '|') && !this.inPrint) throw new Refusal('getline is not supported');
    return left;
  }

  private concatenation(): Expr {
    let left = this.additive();
    for (let t = this.lex.peek(); startsOperand(t); t = this.lex.peek()) {
      left = { kind: 'concat', left, right: this.additive(), at: this.at(t) };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (let t = this.lex.peek(); this.is(t, '+') || this.is(t, '-'); t = this.lex.peek()) {
      this.lex.next();
      left = { kind: 'binary', op: t.text as '+', left, right: this.multiplicative(), at: this.at(t) };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (let t = this.lex.peek(); this.is(t, '*') || this.is(t, '/') || this.is(t, '%'); t = this.lex.peek()) {
      this.lex.next();
      left = { kind: 'binary', op: t.text as '*', left, right: this.unary(), at: this.at(t) };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.lex.peek();
    if (this.is(t, '!') || this.is(t, '-') || this.is(t, '+')) {
      this.lex.next();
      return { kind: 'unary', op: t.text as '!', operand: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    const t = this.lex.peek();
    if (!this.is(t, '^') && !this.is(t, '**')) return base;
    this.lex.next();
    // Right-associative, and the exponent may carry its own sign: 2^-1.
    const exponentOperand = (): Expr => {
      const s = this.lex.peek();
      if (this.is(s, '-') || this.is(s, '+') || this.is(s, '!')) {
        this.lex.next();
        return { kind: 'unary', op: s.text as '-', operand: exponentOperand() };
      }
      return this.power();
    };
    return { kind: 'binary', op: '^', left: base, right: exponentOperand(), at: this.at(t) };
  }

  private postfix(): Expr {
    const e = this.primary();
    const t = this.lex.peek();
    if (isLValue(e) && (this.is(t, '++') || this.is(t, '--'))) {
      this.lex.next();
      return { kind: 'incdec', op: t.text as '++', prefix: false, target: e, at: this.at(t) };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.lex.next();
    switch (t.kind) {
      case 'number': return { kind: 'number', value: t.number ?? 0 };
      case 'string': return { kind: 'string', value: t.text };
      case 'name':
        if (this.is(this.lex.peek(), '[')) return { kind: 'index', ref: this.ref(t.text), subscripts: this.subscripts(), at: this.at(t) };
        return { kind: 'var', ref: this.ref(t.text), at: this.at(t) };
      case 'funcname': return { kind: 'call', name: t.text, args: this.arguments(), at: this.at(t) };
      case 'builtin': return this.builtin(t);
      case 'keyword':
        if (t.text === 'getline') throw new Refusal('getline is not supported');
        throw this.syntax(t);
      default: break;
    }
    if (this.is(t, '/') || this.is(t, '/=')) {
      const re = this.lex.regexAt(t);
      const compiled = compileAwkRegex(re.text);
      if (typeof compiled === 'string') throw new PlainError(t.offset, `fatal: ${compiled}: /${re.text}/`, 2);
      return { kind: 'regex', source: re.text, at: this.at(t) };
    }
    if (this.is(t, '$')) {
      const s = this.lex.peek();
      let index: Expr;
      if (this.is(s, '++') || this.is(s, '--')) index = this.prefixIncDec(this.lex.next());
      else if (this.is(s, '-') || this.is(s, '+') || this.is(s, '!')) {
        this.lex.next();
        index = { kind: 'unary', op: s.text as '-', operand: this.primary() };
      } else index = this.primary();
      return { kind: 'field', index, at: this.at(t) };
    }
    if (this.is(t, '++') || this.is(t, '--')) return this.prefixIncDec(t);
    if (this.is(t, '-') || this.is(t, '+') || this.is(t, '!')) return { kind: 'unary', op: t.text as '-', operand: this.unary() };
    if (this.is(t, '(')) {
      const saved = this.inPrint;
      this.inPrint = false;
      this.skipNewlines();
      const items = [this.expression()];
      while (this.is(this.lex.peek(), ',')) {
        this.lex.next();
        this.skipNewlines();
        items.push(this.expression());
      }
      this.skipNewlines();
      this.expect(')');
      this.inPrint = saved;
      if (items.length === 1) return items[0]!;
      const after = this.lex.peek();
      // A list in parentheses is only print's argument list or the subscripts before `in`.
      if (!this.isKeyword(after, 'in') && !(saved && (this.atTerminator() || this.is(after, '>') || this.is(after, '>>') || this.is(after, '|')))) {
        throw this.syntax(after);
      }
      return { kind: 'group', items };
    }
    throw this.syntax(t);
  }

  private prefixIncDec(t: Token): Expr {
    const target = this.primary();
    if (!isLValue(target)) throw this.syntax(this.lex.peek());
    return { kind: 'incdec', op: t.text as '++', prefix: true, target, at: this.at(t) };
  }

  private builtin(t: Token): Expr {
    if (GAWK_ONLY_FUNCTIONS.has(t.text)) throw new Refusal(`${t.text}() (a gawk extension) is not supported`);
    if (t.text === 'system') throw new Refusal('system() is not supported (the lab runs no commands from awk)');
    if (t.text === 'length' && !this.is(this.lex.peek(), '(')) return { kind: 'builtin', name: 'length', args: [], at: this.at(t) };
    return { kind: 'builtin', name: t.text, args: this.arguments(), at: this.at(t) };
  }

  /** `( expr, … )` of a call. */
  private arguments(): Expr[] {
    this.expect('(');
    const saved = this.inPrint;
    this.inPrint = false;
    const args: Expr[] = [];
    this.skipNewlines();
    while (!this.is(this.lex.peek(), ')')) {
      args.push(this.expression());
      this.skipNewlines();
      if (this.is(this.lex.peek(), ',')) {
        this.lex.next();
        this.skipNewlines();
      } else if (!this.is(this.lex.peek(), ')')) throw this.syntax(this.lex.peek());
    }
    this.lex.next();
    this.inPrint = saved;
    return args;
  }

  /** `[ expr, … ]` of an array element. */
  private subscripts(): Expr[] {
    this.expect('[');
    const saved = this.inPrint;
    this.inPrint = false;
    const subs = [this.expression()];
    while (this.is(this.lex.peek(), ',')) {
      this.lex.next();
      this.skipNewlines();
      subs.push(this.expression());
    }
    this.expect(']');
    this.inPrint = saved;
    return subs;
  }

  private ref(name: string): VariableRef {
    const index = this.params.indexOf(name);
    return index >= 0 ? { scope: 'local', index, name } : { scope: 'global', name };
  }

  private at(t: Token): SourceLine {
    return { source: this.source.name, line: this.lineAt(t.offset) };
  }

  private lineAt(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.source.text.length; i++) if (this.source.text[i] === '\n') line++;
    return line;
  }

  private atTerminator(): boolean {
    const t = this.lex.peek();
    return t.kind === 'newline' || t.kind === 'eof' || this.is(t, ';') || this.is(t, '}');
  }

  /** A simple statement ends at `;`, a newline, or before `}`. */
  private endSimple(): void {
    const t = this.lex.peek();
    if (t.kind === 'newline' || this.is(t, ';')) this.lex.next();
    else if (t.kind !== 'eof' && !this.is(t, '}')) throw this.syntax(t);
  }

  private expect(text: string): Token {
    const t = this.lex.next();
    if (!this.is(t, text)) throw this.syntax(t);
    return t;
  }

  private skipNewlines(): void {
    while (this.lex.peek().kind === 'newline') this.lex.next();
  }

  private skipTerminators(): void {
    while (this.lex.peek().kind === 'newline' || this.is(this.lex.peek(), ';')) this.lex.next();
  }

  private is(t: Token, punct: string): boolean {
    return t.kind === 'punct' && t.text === punct;
  }

  private isKeyword(t: Token, word: string): boolean {
    return t.kind === 'keyword' && t.text === word;
  }

  private syntax(t: Token): AwkSyntaxError {
    return new AwkSyntaxError(t.offset, 'syntax error');
  }
}

/** Whether a token can start an operand that concatenates with what came before. */
function startsOperand(t: Token): boolean {
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'name' || t.kind === 'funcname' || t.kind === 'builtin') return true;
  return t.kind === 'punct' && ['$', '(', '!', '++', '--'].includes(t.text);
}

function isLValue(e: Expr): e is LValue {
  return e.kind === 'var' || e.kind === 'index' || e.kind === 'field';
}

/** Parses the program's sources (the -f files in order, or the command-line text). */
export function parseProgram(sources: readonly AwkSource[]): ParseResult {
  const out = { begin: [] as Stmt[][], rules: [] as Rule[], end: [] as Stmt[][], functions: new Map<string, FunctionDef>() };
  const warnings: string[] = [];
  for (const source of sources) {
    const parser = new Parser(source, out);
    try {
      parser.parse();
    } catch (e) {
      warnings.push(...parser.warnings());
      if (e instanceof AwkSyntaxError) return { error: formatSyntaxError(source.text, source.name, e.offset, e.detail), status: 1, warnings };
      if (e instanceof PlainError) {
        const line = source.text.slice(0, e.offset).split('\n').length;
        return { error: `${source.name}:${line}: ${e.text}\n`, status: e.status, warnings };
      }
      if (e instanceof Refusal) return { error: `lab: awk: ${e.message}\n`, status: 2, lab: true, warnings };
      throw e;
    }
    warnings.push(...parser.warnings());
  }
  return { program: out, warnings };
}
