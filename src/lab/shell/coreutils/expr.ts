import { done, type Command } from '../command.ts';
import { Output } from '../output.ts';
import { tryHelp } from './files.ts';
import { grepRegExp } from './grep.ts';

/**
 * coreutils 8.22's expr EXPRESSION, by expr.c's grammar (lowest precedence first):
 * `|`, `&`, comparisons, `+ -`, `* / %`, `:`, then `match`, `substr`, `index`, `length`, `+ TOKEN`
 * and `( … )`. Integers are arbitrary precision (GMP there, BigInt here). Strings are counted in
 * bytes, as 8.22 does (multibyte support came later). Status: 0, 1 when the result is null or 0,
 * 2 for an invalid expression. 8.22's syntax errors say only "syntax error". Status 3 (overflow,
 * the regex matcher failing) cannot happen here: GMP integers do not overflow.
 *
 * Differences: string comparisons use byte order, as strcoll does in the C locale (en_US.UTF-8
 * would order case-insensitively first); `:` matches with JavaScript's backtracking engine, which
 * picks the first alternative of `\|` rather than POSIX's longest.
 */

type Value = { readonly kind: 'integer'; readonly n: bigint } | { readonly kind: 'string'; readonly s: string };

/** Why evaluation stopped: expr's message; every such error exits with EXPR_INVALID (2). */
class ExprError extends Error {}

const SYNTAX_ERROR = 'syntax error';
const integer = (n: bigint): Value => ({ kind: 'integer', n });
const string = (s: string): Value => ({ kind: 'string', s });
const text = (v: Value): string => (v.kind === 'integer' ? v.n.toString() : v.s);

/** expr.c's looks_like_integer: an optional minus and at least one digit (no plus, no blanks). */
const looksLikeInteger = (s: string): boolean => /^-?\d+$/.test(s);

/** expr.c's toarith: the value as an integer, or null when it is not one. */
const toInteger = (v: Value): bigint | null => (v.kind === 'integer' ? v.n : looksLikeInteger(v.s) ? BigInt(v.s) : null);

/** expr.c's null(): the empty string, or zeros with an optional minus ("0", "-00"). */
const isNull = (v: Value): boolean => (v.kind === 'integer' ? v.n === 0n : /^-?0+$/.test(v.s) || v.s === '');

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** GNU regex's message for a basic regular expression that JavaScript cannot compile. */
function regexError(pattern: string): string {
  if (/(^|[^\\])(\\\\)*\\$/.test(pattern)) return 'Trailing backslash';
  const opens = (pattern.match(/\\\(/g) ?? []).length;
  const closes = (pattern.match(/\\\)/g) ?? []).length;
  if (opens > closes) return 'Unmatched ( or \\(';
  if (closes > opens) return 'Unmatched ) or \\)';
  if (/\[[^\]]*$/.test(pattern.replace(/\\./g, ''))) return 'Unmatched [ or [^';
  if ((pattern.match(/\\\{/g) ?? []).length !== (pattern.match(/\\\}/g) ?? []).length) return 'Unmatched \\{';
  return 'Invalid regular expression';
}

/**
 * docolon(): STRING : REGEX, anchored at the start. With a \( \) group, the text it matched (or
 * the empty string); without one, the length of the match in bytes (or 0).
 */
function colon(subject: Value, pattern: Value): Value {
  const re = grepRegExp(text(pattern), false, false, false);
  if (!re) throw new ExprError(regexError(text(pattern)));
  const anchored = new RegExp(`^(?:${re.source})`, re.flags);
  // An empty alternative makes any RegExp match, which counts its groups.
  const groups = new RegExp(`${re.source}|`, re.flags).exec('')!.length - 1;
  const m = anchored.exec(text(subject));
  if (groups > 0) return string(m?.[1] ?? '');
  return integer(m ? BigInt(utf8(m[0]).length) : 0n);
}

/** A recursive-descent evaluator over the arguments, one function per precedence level as in expr.c. */
class Evaluator {
  private i = 0;

  constructor(private readonly args: readonly string[]) {}

  get finished(): boolean {
    return this.i >= this.args.length;
  }

  /** Consumes the next argument when it is exactly `token`. */
  private next(token: string): boolean {
    if (this.args[this.i] !== token) return false;
    this.i++;
    return true;
  }

  /** `|`: the left side unless it is null, else the right side (evaluated only then), else 0. */
  or(evaluate: boolean): Value {
    let l = this.and(evaluate);
    while (this.next('|')) {
      const r = this.and(evaluate && isNull(l));
      if (isNull(l)) l = isNull(r) ? integer(0n) : r;
    }
    return l;
  }

  /** `&`: the left side if neither side is null, else 0. */
  private and(evaluate: boolean): Value {
    let l = this.comparison(evaluate);
    while (this.next('&')) {
      const r = this.comparison(evaluate && !isNull(l));
      if (isNull(l) || isNull(r)) l = integer(0n);
    }
    return l;
  }

  private comparison(evaluate: boolean): Value {
    let l = this.sum(evaluate);
    for (;;) {
      const op = ['<', '<=', '=', '==', '!=', '>=', '>'].find((o) => this.next(o));
      if (op === undefined) return l;
      const r = this.sum(evaluate);
      if (!evaluate) continue;
      const [a, b] = [text(l), text(r)];
      // Numeric when both look like integers (strintcmp), else by bytes.
      const cmp = looksLikeInteger(a) && looksLikeInteger(b) ? Number(BigInt(a) - BigInt(b)) : a < b ? -1 : a > b ? 1 : 0;
      const holds = { '<': cmp < 0, '<=': cmp <= 0, '=': cmp === 0, '==': cmp === 0, '!=': cmp !== 0, '>=': cmp >= 0, '>': cmp > 0 }[op]!;
      l = integer(holds ? 1n : 0n);
    }
  }

  private sum(evaluate: boolean): Value {
    let l = this.product(evaluate);
    for (;;) {
      const op = ['+', '-'].find((o) => this.next(o));
      if (op === undefined) return l;
      const r = this.product(evaluate);
      if (!evaluate) continue;
      const [a, b] = this.integers(l, r);
      l = integer(op === '+' ? a + b : a - b);
    }
  }

  private product(evaluate: boolean): Value {
    let l = this.match(evaluate);
    for (;;) {
      const op = ['*', '/', '%'].find((o) => this.next(o));
      if (op === undefined) return l;
      const r = this.match(evaluate);
      if (!evaluate) continue;
      const [a, b] = this.integers(l, r);
      if (op !== '*' && b === 0n) throw new ExprError('division by zero');
      // BigInt division truncates toward zero, as mpz_tdiv_q and mpz_tdiv_r do.
      l = integer(op === '*' ? a * b : op === '/' ? a / b : a % b);
    }
  }

  private integers(l: Value, r: Value): [bigint, bigint] {
    const [a, b] = [toInteger(l), toInteger(r)];
    if (a === null || b === null) throw new ExprError('non-integer argument');
    return [a, b];
  }

  private match(evaluate: boolean): Value {
    let l = this.keyword(evaluate);
    while (this.next(':')) {
      const r = this.keyword(evaluate);
      if (evaluate) l = colon(l, r);
    }
    return l;
  }

  /** eval6: the keywords, which take their operands from the same level. */
  private keyword(evaluate: boolean): Value {
    if (this.next('+')) return string(this.operand());
    if (this.next('length')) return integer(BigInt(utf8(text(this.keyword(evaluate))).length));
    if (this.next('match')) {
      const [l, r] = [this.keyword(evaluate), this.keyword(evaluate)];
      return evaluate ? colon(l, r) : l;
    }
    if (this.next('index')) {
      const [l, r] = [utf8(text(this.keyword(evaluate))), utf8(text(this.keyword(evaluate)))];
      // strcspn: the first byte of STRING that is any byte of CHARS, counted from 1.
      const at = l.findIndex((b) => r.includes(b));
      return integer(BigInt(at + 1));
    }
    if (this.next('substr')) {
      const [s, pos, len] = [this.keyword(evaluate), this.keyword(evaluate), this.keyword(evaluate)];
      return string(substr(text(s), toInteger(pos), toInteger(len)));
    }
    return this.primary(evaluate);
  }

  /** eval7: a parenthesised expression or an operand. */
  private primary(evaluate: boolean): Value {
    if (this.finished) throw new ExprError(SYNTAX_ERROR);
    if (this.next('(')) {
      const v = this.or(evaluate);
      if (!this.next(')')) throw new ExprError(SYNTAX_ERROR);
      return v;
    }
    if (this.args[this.i] === ')') throw new ExprError(SYNTAX_ERROR);
    return string(this.operand());
  }

  private operand(): string {
    const a = this.args[this.i++];
    if (a === undefined) throw new ExprError(SYNTAX_ERROR);
    return a;
  }
}

/** substr STRING POS LENGTH over bytes: empty when POS or LENGTH is not a positive integer or POS is past the end. */
function substr(s: string, pos: bigint | null, len: bigint | null): string {
  const bytes = utf8(s);
  if (pos === null || len === null || pos < 1n || len < 1n || pos > BigInt(bytes.length)) return '';
  const start = Number(pos) - 1;
  const end = len > BigInt(bytes.length - start) ? bytes.length : start + Number(len);
  return new TextDecoder().decode(bytes.subarray(start, end));
}

export const expr: Command = (io) => {
  let args = io.argv.slice(1);
  if (args.length === 1 && (args[0] === '--help' || args[0] === '--version')) {
    return done(new Output().err(`lab: expr ${args[0]} is not simulated; expr evaluates expressions\n`), 2);
  }
  // expr has no options; main() skips one leading `--`.
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) return done(new Output().err(`expr: missing operand\n${tryHelp('expr')}`), 2);
  const evaluator = new Evaluator(args);
  try {
    const v = evaluator.or(true);
    if (!evaluator.finished) throw new ExprError(SYNTAX_ERROR);
    return done(new Output().out(`${text(v)}\n`), isNull(v) ? 1 : 0);
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    return done(new Output().err(`expr: ${e.message}\n`), 2);
  }
};
