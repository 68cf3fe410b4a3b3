import { ArithError, arithVariables, evaluateArith } from './arith.ts';
import { collate } from './coreutils/collate.ts';
import { grepRegExp } from './coreutils/grep.ts';
import { expandParts, expandValue, type Expander } from './expand.ts';
import { escapeRegExp, globPattern } from './pattern.ts';
import type { CondExpr } from './syntax/conditional.ts';

/**
 * `[[ … ]]` evaluated as bash does (execute_cmd.c execute_cond_node): words expanded without
 * splitting; `==`/`!=` match the right side as a pattern (quoted parts literally), `=~` searches
 * with it as an extended regular expression (status 2 when it is not one), `<`/`>` compare in
 * the locale's order (root's en_US.UTF-8), `-eq`… evaluate both sides as arithmetic, and the file
 * tests ask the lab's files as `test` does. `&&`, `||` short-circuit.
 */

/** The status, and bash's message when an operand could not be evaluated. */
export interface CondResult {
  readonly status: 0 | 1 | 2;
  readonly error?: string;
}

/** A file test (`-f FILE`, `A -nt B`…) as `test` answers it: true, false, or its message. */
export type FileTest = (args: readonly string[]) => boolean | string;

/** Ends the evaluation with a status (and message) other than the expression's truth. */
class CondStop extends Error {
  constructor(readonly result: CondResult) {
    super(result.error ?? `status ${result.status}`);
  }
}

/**
 * Evaluates the expression; `trace` (set -x) gets each term as it is tested, its operands
 * expanded, as bash's xtrace_print_cond_term shows it (`-n a`, `1 == 1`, `! -z x`).
 */
export function evaluateConditional(expr: CondExpr, x: Expander, fileTest: FileTest, trace?: (term: string) => void): CondResult {
  try {
    return { status: holds(expr, x, fileTest, trace, '') ? 0 : 1 };
  } catch (e) {
    if (e instanceof CondStop) return e.result;
    throw e;
  }
}

const ARITH_OPS: Readonly<Record<string, (a: bigint, b: bigint) => boolean>> = {
  '-eq': (a, b) => a === b, '-ne': (a, b) => a !== b, '-lt': (a, b) => a < b, '-le': (a, b) => a <= b, '-gt': (a, b) => a > b, '-ge': (a, b) => a >= b,
};

type Trace = ((term: string) => void) | undefined;

function holds(expr: CondExpr, x: Expander, fileTest: FileTest, trace: Trace, not: string): boolean {
  switch (expr.kind) {
    case 'or':
      return holds(expr.left, x, fileTest, trace, '') || holds(expr.right, x, fileTest, trace, '');
    case 'and':
      return holds(expr.left, x, fileTest, trace, '') && holds(expr.right, x, fileTest, trace, '');
    case 'not':
      return !holds(expr.expr, x, fileTest, trace, `${not}! `);
    case 'word': {
      const value = expandValue(expr.word.parts, x);
      trace?.(`${not}-n ${value}`);
      return value !== '';
    }
    case 'unary': {
      const value = expandValue(expr.operand.parts, x);
      trace?.(`${not}${expr.op} ${value}`);
      if (expr.op === '-z') return value === '';
      if (expr.op === '-n') return value !== '';
      // -v: the variable is set; -o: a shell option is on (the lab's shell has none set).
      if (expr.op === '-v') return x.variable(value) !== undefined;
      if (expr.op === '-o') return false;
      return fileAnswer(fileTest([expr.op, value]));
    }
    case 'binary':
      return binary(expr.op, expr.left, expr.right, x, fileTest, (left, right) => trace?.(`${not}${left} ${expr.op} ${right}`));
  }
}

function binary(
  op: string, leftWord: Extract<CondExpr, { kind: 'binary' }>['left'], rightWord: Extract<CondExpr, { kind: 'binary' }>['right'], x: Expander, fileTest: FileTest,
  trace: (left: string, right: string) => void,
): boolean {
  const left = expandValue(leftWord.parts, x);
  // The right side expands once: its pieces keep their quoting for a pattern or a regular expression.
  const pieces = expandParts(rightWord.parts, x);
  const right = pieces.map((p) => p.text).join('');
  trace(left, right);
  if (op === '==' || op === '=' || op === '!=') {
    const matches = globPattern(pieces).test(left);
    return op === '!=' ? !matches : matches;
  }
  if (op === '=~') {
    let source = '';
    for (const p of pieces) source += p.quoted ? escapeRegExp(p.text) : p.text;
    // A POSIX extended regular expression, translated as grep -E translates one.
    const re = grepRegExp(source, true, false, false);
    // regcomp failed: bash's status is 2, without a message.
    if (!re) throw new CondStop({ status: 2 });
    // sh_regmatch: BASH_REMATCH is made anew, read-only: the match and each group ("" when a group took no part), empty when nothing matched.
    const m = re.exec(left);
    x.rematch(m ? [...m].map((v) => v ?? '') : []);
    return m !== null;
  }
  if (op === '<') return collate(left, right) < 0;
  if (op === '>') return collate(left, right) > 0;
  const compare = ARITH_OPS[op];
  if (compare) return compare(arith(left, x), arith(right, x));
  return fileAnswer(fileTest([left, op, right]));
}

function arith(text: string, x: Expander): bigint {
  const r = evaluateArith(text, arithVariables(x));
  if (r instanceof ArithError) throw new CondStop({ status: 1, error: `[[: ${r.text}` });
  return r;
}

function fileAnswer(answer: boolean | string): boolean {
  if (typeof answer === 'string') throw new CondStop({ status: 2, error: answer });
  return answer;
}
