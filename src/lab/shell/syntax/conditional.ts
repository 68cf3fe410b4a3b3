import { quotedEnd } from './substitution.ts';
import { condWord } from './tokens.ts';
import type { Word } from './word.ts';

/**
 * The expression of `[[ … ]]` as bash's parser reads it (parse.y cond_expr): `||`, `&&`, `!`,
 * parentheses, unary tests (`-f FILE`, `-z STRING`…), binary tests (`==`/`=`/`!=` against a
 * pattern, `=~` against an extended regular expression, `<`/`>` in the locale's order, the
 * arithmetic `-eq`…`-ge`, and the file tests `-nt`/`-ot`/`-ef`), or a lone word (true when not
 * empty). Words are expanded when the command runs, without word splitting.
 */
export type CondExpr =
  | { readonly kind: 'or' | 'and'; readonly left: CondExpr; readonly right: CondExpr }
  | { readonly kind: 'not'; readonly expr: CondExpr }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Word }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Word; readonly right: Word }
  | { readonly kind: 'word'; readonly word: Word };

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v']);
const BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

type CondToken = { readonly kind: 'op'; readonly text: string } | { readonly kind: 'word'; readonly text: string };

/** The expression, or bash's message for one it cannot parse. */
export function parseConditional(source: string): CondExpr | { readonly error: string } {
  const tokens = condTokens(source);
  if (tokens.length === 0) return { error: 'syntax error near `]]\'' };
  let i = 0;
  const peek = (): CondToken | undefined => tokens[i];
  const isOp = (t: CondToken | undefined, text: string): boolean => t?.kind === 'op' && t.text === text;
  const fail = (near: CondToken | undefined): { error: string } =>
    ({ error: near === undefined ? 'unexpected EOF while looking for `]]\'' : `syntax error in conditional expression: unexpected token \`${near.text}'` });

  const or = (): CondExpr | { error: string } => {
    let left = and();
    while (!('error' in left) && isOp(peek(), '||')) {
      i++;
      const right = and();
      if ('error' in right) return right;
      left = { kind: 'or', left, right };
    }
    return left;
  };
  const and = (): CondExpr | { error: string } => {
    let left = not();
    while (!('error' in left) && isOp(peek(), '&&')) {
      i++;
      const right = not();
      if ('error' in right) return right;
      left = { kind: 'and', left, right };
    }
    return left;
  };
  const not = (): CondExpr | { error: string } => {
    const t = peek();
    if (t?.kind === 'word' && t.text === '!' && tokens[i + 1] !== undefined) {
      i++;
      const expr = not();
      return 'error' in expr ? expr : { kind: 'not', expr };
    }
    return primary();
  };
  const primary = (): CondExpr | { error: string } => {
    const t = peek();
    if (t === undefined) return fail(t);
    if (isOp(t, '(')) {
      i++;
      const expr = or();
      if ('error' in expr) return expr;
      if (!isOp(peek(), ')')) return fail(peek());
      i++;
      return expr;
    }
    if (t.kind === 'op' && t.text !== '<' && t.text !== '>') return fail(t);
    i++;
    const next = peek();
    if (t.kind === 'word' && UNARY.has(t.text) && next?.kind === 'word' && !(tokens[i + 1] !== undefined && isBinary(tokens[i + 1]))) {
      i++;
      return { kind: 'unary', op: t.text, operand: condWord(next.text) };
    }
    if (next !== undefined && isBinary(next)) {
      i++;
      const right = peek();
      if (right?.kind !== 'word') return { error: right === undefined ? `unexpected argument \`]]' to conditional binary operator` : `unexpected argument \`${right.text}' to conditional binary operator` };
      i++;
      return { kind: 'binary', op: next.text, left: condWord(t.text), right: condWord(right.text) };
    }
    if (next !== undefined && next.kind === 'word') return { error: `conditional binary operator expected` };
    return { kind: 'word', word: condWord(t.text) };
  };

  const expr = or();
  if ('error' in expr) return expr;
  if (i < tokens.length) return fail(tokens[i]);
  return expr;
}

const isBinary = (t: CondToken | undefined): boolean => t !== undefined && BINARY.has(t.text) && (t.kind === 'word' || t.text === '<' || t.text === '>');

/**
 * Splits the text between `[[` and `]]`: `&&`, `||`, `(`, `)`, `<`, `>` are operators; words run
 * to an unquoted blank or operator, with quotes and expansions whole. The word after `=~` runs to
 * a blank only (its parentheses and `|` belong to the regular expression, as in bash).
 */
function condTokens(source: string): CondToken[] {
  const tokens: CondToken[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const regex = tokens[tokens.length - 1]?.text === '=~' && tokens[tokens.length - 1]?.kind === 'word';
    const two = source.slice(i, i + 2);
    if (!regex && (two === '&&' || two === '||')) {
      tokens.push({ kind: 'op', text: two });
      i += 2;
      continue;
    }
    if (!regex && '()<>'.includes(c)) {
      tokens.push({ kind: 'op', text: c });
      i++;
      continue;
    }
    const start = i;
    while (i < source.length) {
      const d = source[i]!;
      if (d === ' ' || d === '\t' || d === '\n') break;
      if (!regex && ('()<>'.includes(d) || ((d === '&' || d === '|') && source[i + 1] === d))) break;
      // A quote or expansion is part of the word (an unclosed one runs to the end).
      const end = quotedEnd(source, i);
      i = end === undefined ? i + 1 : typeof end === 'number' ? Math.min(end, source.length) : source.length;
    }
    tokens.push({ kind: 'word', text: source.slice(start, i) });
  }
  return tokens;
}
