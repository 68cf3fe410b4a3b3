/**
 * bash's arithmetic evaluation (expr.c of bash 4.2, CentOS 7's): 64-bit signed integers that
 * wrap, C's operators with bash's precedence, `**`, assignments (`=`, `+=`, … `>>=`), `++`/`--`,
 * constants in base 8 (`010`), 16 (`0x1f`) and `BASE#DIGITS` (2 to 64), and variables whose values
 * are themselves expressions (an unset or empty one is 0). The operand not taken by `&&`, `||`
 * or `?:` is parsed without effects (no assignment, no division error), as bash's `noeval`.
 *
 * Like bash, it evaluates while it parses, and reads each name's value when it reads the name.
 * An error is reported as bash does: the expression (leading blanks skipped), the message, and
 * the text from the last token read to the end (`1/0: division by 0 (error token is "0")`).
 */
import { ExpansionError } from './expansion-error.ts';
import { subscriptEnd } from './syntax/word.ts';

/** The shell variables an expression reads and assigns. */
export interface ArithVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** A shell's variables (an expander's, say) as an arithmetic expression reads and assigns them. */
export function arithVariables(shell: { variable(name: string): string | undefined; assign(name: string, value: string): void; readonly nounset?: boolean }): ArithVariables {
  return {
    get: (name) => {
      const value = shell.variable(name);
      // expr_streval: under set -u an unset variable is an error, as in any expansion.
      if (value === undefined && shell.nounset) throw new ExpansionError(`${name}: unbound variable`, true);
      return value;
    },
    set: (name, value) => shell.assign(name, value),
  };
}

/** An evaluation error, worded as bash words it (without the command name bash puts first). */
export class ArithError extends Error {
  /** `EXPRESSION: MESSAGE (error token is "TOKEN")`. */
  readonly text: string;

  constructor(
    /** The expression being evaluated (a variable's value, when the error is inside it). */
    readonly expression: string,
    message: string,
    readonly token: string,
  ) {
    super(message);
    this.text = `${expression}: ${message} (error token is "${token}")`;
  }
}

/**
 * Evaluates `expression`; its value, or the error bash reports. What the variables throw (an
 * ExpansionError: a read-only variable, a bad subscript, an unset one under set -u) goes through.
 */
export function evaluateArith(expression: string, vars: ArithVariables): bigint | ArithError {
  try {
    return new Evaluator(vars, 0).run(expression);
  } catch (e) {
    if (e instanceof ArithError) return e;
    throw e;
  }
}

/** expr.c's EXP_EXPR_RECURSION_LEVEL limit: `x=x; $((x))` stops here. */
const MAX_DEPTH = 1024;

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);
const truth = (b: boolean): bigint => (b ? 1n : 0n);

/** Tokens other than single operator characters (which stand for themselves). */
const Tok = {
  End: 'END', Num: 'NUM', Str: 'STR', EqEq: '==', Neq: '!=', Geq: '>=', Leq: '<=', Lsh: '<<', Rsh: '>>', Land: '&&', Lor: '||',
  Power: '**', PreInc: 'PREINC', PreDec: 'PREDEC', PostInc: 'POSTINC', PostDec: 'POSTDEC', OpAssign: 'OP=', Cond: 'COND',
} as const;
type Token = string;

/** Single characters that are operators (`_is_arithop`). */
const ARITH_OPS = '=><+-*/%&|^~!?:,()';
/** Operators after which an operand must come (`_is_multiop`, and the single-character ones). */
const MULTI_OPS: ReadonlySet<Token> = new Set([
  Tok.EqEq, Tok.Neq, Tok.Geq, Tok.Leq, Tok.Lsh, Tok.Rsh, Tok.Land, Tok.Lor, Tok.Power, Tok.OpAssign, ...ARITH_OPS,
]);

/** Two-character operators. */
const PAIRS: Readonly<Record<string, Token>> = {
  '==': Tok.EqEq, '!=': Tok.Neq, '>=': Tok.Geq, '<=': Tok.Leq, '<<': Tok.Lsh, '>>': Tok.Rsh, '&&': Tok.Land, '||': Tok.Lor, '**': Tok.Power,
};

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** The tokenizer's state, saved around a look-ahead (SAVETOK / RESTORETOK). */
interface Context {
  curtok: Token;
  lasttok: Token;
  tp: number;
  lasttp: number;
  tokval: bigint;
  tokstr: string;
  noeval: number;
}

class Evaluator {
  private expr = '';
  private curtok: Token = Tok.End;
  private lasttok: Token = Tok.End;
  /** Where the next token starts. */
  private tp = 0;
  /** Where the last token read started (the error token runs from here). */
  private lasttp = 0;
  private tokval = 0n;
  private tokstr = '';
  private noeval = 0;
  private assigntok = '';

  constructor(private readonly vars: ArithVariables, private readonly depth: number) {}

  /** evalexp: the value of a whole expression (blank → 0). */
  run(expression: string): bigint {
    if (this.depth >= MAX_DEPTH) throw new ArithError(expression.replace(/^[ \t\n\r]+/, ''), 'expression recursion level exceeded', '');
    if (expression.trim() === '') return 0n;
    this.expr = expression;
    this.tp = 0;
    this.lasttp = 0;
    this.readtok();
    const val = this.expcomma();
    if (this.tok() !== Tok.End) this.error('syntax error in expression');
    return val;
  }

  /** The current token (a call, so that no comparison narrows it across a readtok). */
  private tok(): Token {
    return this.curtok;
  }

  private error(message: string): never {
    throw new ArithError(this.expr.replace(/^[ \t\n\r]+/, ''), message, this.expr.slice(this.lasttp));
  }

  private save(): Context {
    return { curtok: this.curtok, lasttok: this.lasttok, tp: this.tp, lasttp: this.lasttp, tokval: this.tokval, tokstr: this.tokstr, noeval: this.noeval };
  }

  private restore(c: Context): void {
    ({ curtok: this.curtok, lasttok: this.lasttok, tp: this.tp, lasttp: this.lasttp, tokval: this.tokval, tokstr: this.tokstr, noeval: this.noeval } = c);
  }

  private bind(name: string, value: bigint): void {
    if (this.noeval === 0) this.vars.set(name, value.toString());
  }

  /** expr_streval: a variable's value, evaluated as an expression (0 when unset or empty; nothing read under noeval). */
  private streval(name: string): bigint {
    if (this.noeval !== 0) return 0n;
    const value = this.vars.get(name);
    if (value === undefined || value === '') return 0n;
    return new Evaluator(this.vars, this.depth + 1).run(value);
  }

  // ── The grammar, lowest precedence first (expr.c's expcomma … exp0). ──

  private expcomma(): bigint {
    let value = this.expassign();
    while (this.tok() === ',') {
      this.readtok();
      value = this.expassign();
    }
    return value;
  }

  private expassign(): bigint {
    let value = this.expcond();
    if (this.tok() === '=' || this.tok() === Tok.OpAssign) {
      const special = this.tok() === Tok.OpAssign;
      if (this.lasttok !== Tok.Str) this.error('attempted assignment to non-variable');
      const op = this.assigntok;
      const lvalue = value;
      const lhs = this.tokstr;
      this.readtok();
      value = this.expassign();
      if (special) value = this.binary(op, lvalue, value);
      this.bind(lhs, value);
    }
    return value;
  }

  private expcond(): bigint {
    const cval = this.explor();
    if (this.tok() !== '?') return cval;
    if (cval === 0n) this.noeval++;
    this.readtok();
    if (this.tok() === Tok.End || this.tok() === ':') this.error('expression expected');
    const val1 = this.expcomma();
    if (cval === 0n) this.noeval--;
    if (this.tok() !== ':') this.error("`:' expected for conditional expression");
    this.readtok();
    if (this.tok() === Tok.End) this.error('expression expected');
    if (cval !== 0n) this.noeval++;
    const val2 = this.expcond();
    if (cval !== 0n) this.noeval--;
    this.lasttok = Tok.Cond;
    return cval !== 0n ? val1 : val2;
  }

  private explor(): bigint {
    let val1 = this.expland();
    while (this.tok() === Tok.Lor) {
      const skip = val1 !== 0n;
      if (skip) this.noeval++;
      this.readtok();
      const val2 = this.expland();
      if (skip) this.noeval--;
      val1 = truth(val1 !== 0n || val2 !== 0n);
      this.lasttok = Tok.Lor;
    }
    return val1;
  }

  private expland(): bigint {
    let val1 = this.expbor();
    while (this.tok() === Tok.Land) {
      const skip = val1 === 0n;
      if (skip) this.noeval++;
      this.readtok();
      const val2 = this.expbor();
      if (skip) this.noeval--;
      val1 = truth(val1 !== 0n && val2 !== 0n);
      this.lasttok = Tok.Land;
    }
    return val1;
  }

  /** One left-associative level: operands from `next` joined by any of `ops`. */
  private level(ops: readonly Token[], next: () => bigint): bigint {
    let val1 = next();
    while (ops.includes(this.tok())) {
      const op = this.curtok;
      this.readtok();
      const val2 = next();
      val1 = this.binary(op, val1, val2);
      this.lasttok = Tok.Num;
    }
    return val1;
  }

  private expbor = (): bigint => this.level(['|'], () => this.expbxor());
  private expbxor = (): bigint => this.level(['^'], () => this.expband());
  private expband = (): bigint => this.level(['&'], () => this.exp5());
  private exp5 = (): bigint => this.level([Tok.EqEq, Tok.Neq], () => this.exp4());
  private exp4 = (): bigint => this.level([Tok.Leq, Tok.Geq, '<', '>'], () => this.expshift());
  private expshift = (): bigint => this.level([Tok.Lsh, Tok.Rsh], () => this.exp3());
  private exp3 = (): bigint => this.level(['+', '-'], () => this.exp2());
  private exp2 = (): bigint => this.level(['*', '/', '%'], () => this.exppower());

  /** A binary operator applied as C does on 64-bit integers (shift counts taken mod 64, as x86 does). */
  private binary(op: Token, a: bigint, b: bigint): bigint {
    switch (op) {
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (this.noeval === 0) this.error('division by 0');
          b = 1n;
        }
        return wrap(op === '/' ? a / b : a % b);
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case Tok.Lsh: return wrap(a << (b & 63n));
      case Tok.Rsh: return a >> (b & 63n);
      case '<': return truth(a < b);
      case '>': return truth(a > b);
      case Tok.Leq: return truth(a <= b);
      case Tok.Geq: return truth(a >= b);
      case Tok.EqEq: return truth(a === b);
      case Tok.Neq: return truth(a !== b);
      case '&': return wrap(a & b);
      case '^': return wrap(a ^ b);
      case '|': return wrap(a | b);
      default: return b;
    }
  }

  private exppower(): bigint {
    let val1 = this.exp1();
    while (this.tok() === Tok.Power) {
      this.readtok();
      // Right-associative.
      let exponent = this.exppower();
      this.lasttok = Tok.Num;
      if (exponent === 0n) return 1n;
      if (exponent < 0n) this.error('exponent less than 0');
      let result = 1n;
      let base = val1;
      while (exponent > 0n) {
        if (exponent & 1n) result = wrap(result * base);
        base = wrap(base * base);
        exponent >>= 1n;
      }
      val1 = result;
    }
    return val1;
  }

  private exp1(): bigint {
    const op = this.curtok;
    if (op === '!' || op === '~' || op === '-' || op === '+') {
      this.readtok();
      const v = this.exp1();
      this.lasttok = Tok.Num;
      return op === '!' ? truth(v === 0n) : op === '~' ? wrap(~v) : op === '-' ? wrap(-v) : v;
    }
    return this.exp0();
  }

  private exp0(): bigint {
    if (this.tok() === Tok.PreInc || this.tok() === Tok.PreDec) {
      const stok = this.curtok;
      this.lasttok = stok;
      this.readtok();
      if (this.tok() !== Tok.Str) this.error('identifier expected after pre-increment or pre-decrement');
      const v = wrap(this.tokval + (stok === Tok.PreInc ? 1n : -1n));
      this.bind(this.tokstr, v);
      // So that `++x=7` is an assignment to a non-variable.
      this.curtok = Tok.Num;
      this.readtok();
      return v;
    }
    if (this.tok() === '(') {
      this.readtok();
      const v = this.expcomma();
      if (this.tok() !== ')') this.error("missing `)'");
      this.readtok();
      return v;
    }
    if (this.tok() === Tok.Num || this.tok() === Tok.Str) {
      const val = this.tokval;
      if (this.tok() === Tok.Str) {
        const saved = this.save();
        this.noeval = 1;
        this.readtok();
        const stok = this.curtok;
        if (stok === Tok.PostInc || stok === Tok.PostDec) {
          this.tokstr = saved.tokstr;
          this.noeval = saved.noeval;
          this.lasttok = Tok.Str;
          this.bind(this.tokstr, wrap(val + (stok === Tok.PostInc ? 1n : -1n)));
          this.curtok = Tok.Num;
        } else {
          this.restore(saved);
        }
      }
      this.readtok();
      return val;
    }
    return this.error('syntax error: operand expected');
  }

  /** readtok: the next token into curtok (its value into tokval, a name into tokstr). */
  private readtok(): void {
    const s = this.expr;
    let cp = this.tp;
    while (isBlank(s[cp])) cp++;
    if (cp >= s.length) {
      this.lasttok = this.curtok;
      this.curtok = Tok.End;
      this.tp = cp;
      return;
    }
    this.lasttp = cp;
    const c = s[cp]!;
    if (isNameStart(c)) {
      let end = cp;
      while (isNameChar(s[end])) end++;
      if (s[end] === '[') {
        // NAME[SUBSCRIPT] is an array element; the variables resolve the subscript.
        const close = subscriptEnd(s, end);
        if (close < 0) {
          this.tp = end;
          this.error('bad array subscript');
        }
        end = close + 1;
      }
      const name = s.slice(cp, end);
      // A look-ahead, without effects: a name about to be assigned is not read.
      const saved = this.save();
      this.tp = end;
      this.noeval = 1;
      this.curtok = Tok.Str;
      this.readtok();
      const peek = this.curtok;
      this.restore(saved);
      this.tp = end;
      this.tokstr = name;
      this.tokval = this.lasttok === Tok.PreInc || this.lasttok === Tok.PreDec || peek !== '=' ? this.streval(name) : 0n;
      this.lasttok = this.curtok;
      this.curtok = Tok.Str;
      return;
    }
    if (/[0-9]/.test(c)) {
      let end = cp;
      while (end < s.length && /[A-Za-z0-9#@_]/.test(s[end]!)) end++;
      this.tp = end;
      this.tokval = this.constant(s.slice(cp, end));
      this.lasttok = this.curtok;
      this.curtok = Tok.Num;
      return;
    }
    let tok: Token = c;
    let next = cp + 1;
    const c1 = s[next];
    const two = c + (c1 ?? '');
    if ((two === '<<' || two === '>>') && s[next + 1] === '=') {
      this.assigntok = two === '<<' ? Tok.Lsh : Tok.Rsh;
      tok = Tok.OpAssign;
      next += 2;
    } else if (PAIRS[two] !== undefined) {
      tok = PAIRS[two];
      next++;
    } else if ((c === '-' || c === '+') && c1 === c && this.tok() === Tok.Str) {
      tok = c === '-' ? Tok.PostDec : Tok.PostInc;
      next++;
    } else if ((c === '-' || c === '+') && c1 === c) {
      // `++`/`--` before a name (blanks allowed) increments it; otherwise it is two signs.
      let xp = next + 1;
      while (isBlank(s[xp])) xp++;
      if (isNameStart(s[xp])) {
        tok = c === '-' ? Tok.PreDec : Tok.PreInc;
        next++;
      }
    } else if (c1 === '=' && '*/%+-&^|'.includes(c)) {
      this.assigntok = c;
      tok = Tok.OpAssign;
      next++;
    } else if (!ARITH_OPS.includes(c)) {
      this.tp = cp;
      this.error(this.tok() === Tok.End || MULTI_OPS.has(this.curtok) ? 'syntax error: operand expected' : 'syntax error: invalid arithmetic operator');
    }
    this.tp = next;
    this.lasttok = this.curtok;
    this.curtok = tok;
  }

  /** strlong: a constant: decimal, 0… octal, 0x… hexadecimal, BASE#DIGITS (digits, letters, @ and _ up to base 64). */
  private constant(text: string): bigint {
    let base = 10n;
    let foundBase = false;
    let i = 0;
    if (text[0] === '0') {
      i = 1;
      if (text.length === 1) return 0n;
      if (text[1] === 'x' || text[1] === 'X') {
        base = 16n;
        i = 2;
      } else {
        base = 8n;
      }
      foundBase = true;
    }
    let val = 0n;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '#') {
        if (foundBase) this.error('invalid number');
        if (val < 2n || val > 64n) this.error('invalid arithmetic base');
        base = val;
        val = 0n;
        foundBase = true;
        continue;
      }
      let digit: number;
      if (c >= '0' && c <= '9') digit = c.charCodeAt(0) - 48;
      else if (c >= 'a' && c <= 'z') digit = c.charCodeAt(0) - 97 + 10;
      else if (c >= 'A' && c <= 'Z') digit = c.charCodeAt(0) - 65 + (base <= 36n ? 10 : 36);
      else if (c === '@') digit = 62;
      else digit = 63;
      if (BigInt(digit) >= base) this.error('value too great for base');
      val = wrap(val * base + BigInt(digit));
    }
    return val;
  }
}
