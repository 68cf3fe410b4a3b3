import type { Expr, FunctionDef, LValue, Pattern, Program, Redirect, Rule, Stmt } from './ast.ts';
import { AwkSyntaxError, formatSyntaxError } from './lexer.ts';
import { ExpressionParser } from './parse-expression.ts';
import { PlainError, Refusal, type AwkSource } from './parse-state.ts';

/**
 * A recursive-descent parser for the POSIX awk grammar: here the program's items (rules and
 * functions) and its statements, over ExpressionParser, which parses expressions with gawk's
 * precedence. The first syntax error stops parsing.
 */

export type { AwkSource } from './parse-state.ts';

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

type RuleContext = 'BEGIN' | 'END' | 'main' | 'function';

class Parser extends ExpressionParser {
  private context: RuleContext = 'main';
  /** How many loops enclose the statement being parsed (break and continue need one). */
  private loops = 0;

  constructor(source: AwkSource, private readonly out: { begin: Stmt[][]; rules: Rule[]; end: Stmt[][]; functions: Map<string, FunctionDef> }) {
    super(source);
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

  /** A simple statement ends at `;`, a newline, or before `}`. */
  private endSimple(): void {
    const t = this.lex.peek();
    if (t.kind === 'newline' || this.is(t, ';')) this.lex.next();
    else if (t.kind !== 'eof' && !this.is(t, '}')) throw this.syntax(t);
  }

  private skipTerminators(): void {
    while (this.lex.peek().kind === 'newline' || this.is(this.lex.peek(), ';')) this.lex.next();
  }
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
