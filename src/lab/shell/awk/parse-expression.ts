import { isLValue, type AssignOp, type Expr } from './ast.ts';
import { GAWK_ONLY_FUNCTIONS, type Token } from './lexer.ts';
import { ParseState, PlainError, Refusal } from './parse-state.ts';
import { compileAwkRegex } from './regex.ts';

/**
 * awk's expressions, parsed by recursive descent with gawk's precedence (lowest first):
 * assignment, `?:`, `||`, `&&`, `in`, `~ !~`, comparison, concatenation, `+ -`, `* / %`, unary
 * `! + -`, `^ **`, `++ --`, `$`, grouping. Inside print's argument list a bare `>` is the output
 * redirection, as in gawk's grammar.
 */

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=', '**=']);
const COMPARISONS = new Set(['<', '<=', '==', '!=', '>=', '>']);

/** Parses expressions, from assignment down to primaries; the statement parser extends it. */
export abstract class ExpressionParser extends ParseState {
  protected expression(): Expr {
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

  protected concatenation(): Expr {
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
  protected subscripts(): Expr[] {
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
}

/** Whether a token can start an operand that concatenates with what came before. */
function startsOperand(t: Token): boolean {
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'name' || t.kind === 'funcname' || t.kind === 'builtin') return true;
  return t.kind === 'punct' && ['$', '(', '!', '++', '--'].includes(t.text);
}
