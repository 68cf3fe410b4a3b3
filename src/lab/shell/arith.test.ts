import { describe, expect, it } from 'vitest';
import { ArithError, evaluateArith } from './arith.ts';

/** Evaluates with a fresh variable table; the value as a string, or bash's error text. */
function run(expression: string, initial: Record<string, string> = {}): { value: string; vars: Map<string, string> } {
  const vars = new Map(Object.entries(initial));
  const r = evaluateArith(expression, { get: (n) => vars.get(n), set: (n, v) => vars.set(n, v) });
  return { value: r instanceof ArithError ? `error: ${r.text}` : r.toString(), vars };
}
const value = (expression: string, initial: Record<string, string> = {}): string => run(expression, initial).value;

// Expectations are bash 4.2's (CentOS 7) output for `echo $((EXPRESSION))`.
describe('bash arithmetic', () => {
  it('computes with C operators and bash precedence on 64-bit integers', () => {
    expect(value('1 + 2 * 3')).toBe('7');
    expect(value('(1 + 2) * 3')).toBe('9');
    expect(value('7 / 2')).toBe('3');
    expect(value('-7 / 2')).toBe('-3');
    expect(value('-7 % 3')).toBe('-1');
    expect(value('2 ** 10')).toBe('1024');
    expect(value('2 ** 3 ** 2')).toBe('512');
    expect(value('-2 ** 2')).toBe('4');
    expect(value('1 << 3 | 1')).toBe('9');
    expect(value('6 & 3 ^ 1')).toBe('3');
    expect(value('!0 + ~0')).toBe('0');
    expect(value('3 > 2 && 2 >= 2 && 1 != 2 && 1 == 1')).toBe('1');
    expect(value('0 || 0')).toBe('0');
    expect(value('1 ? 2 : 3')).toBe('2');
    expect(value('0 ? 2 : 0 ? 3 : 4')).toBe('4');
    expect(value('1, 2, 3')).toBe('3');
    expect(value('')).toBe('0');
    expect(value('   ')).toBe('0');
  });

  it('wraps at 64 bits as the C integers bash uses', () => {
    expect(value('9223372036854775807 + 1')).toBe('-9223372036854775808');
    expect(value('2 ** 64')).toBe('0');
    expect(value('2 ** 63')).toBe('-9223372036854775808');
    expect(value('1 << 64')).toBe('1');
    expect(value('-8 >> 1')).toBe('-4');
  });

  it('reads constants in base 8, 16 and BASE#DIGITS', () => {
    expect(value('010')).toBe('8');
    expect(value('0x1f')).toBe('31');
    expect(value('0X1F')).toBe('31');
    expect(value('2#101')).toBe('5');
    expect(value('16#ff')).toBe('255');
    expect(value('36#z')).toBe('35');
    expect(value('64#_')).toBe('63');
    expect(value('64#@')).toBe('62');
    expect(value('64#A')).toBe('36');
    expect(value('0')).toBe('0');
  });

  it('reads variables as expressions and assigns them', () => {
    expect(value('x + 1', { x: '41' })).toBe('42');
    expect(value('x * 2', { x: '1+2' })).toBe('6');
    expect(value('unset + 1')).toBe('1');
    expect(value('empty + 1', { empty: '' })).toBe('1');
    expect(value('x', { x: 'y', y: '7' })).toBe('7');
    const r = run('i = 5, j = i * 2, i += 3, j <<= 1');
    expect(r.value).toBe('20');
    expect(Object.fromEntries(r.vars)).toEqual({ i: '8', j: '20' });
  });

  it('increments before and after, as bash does', () => {
    const r = run('a = x++ + ++x + x-- + --x', { x: '5' });
    // 5 (x→6) + 7 (x=7) + 7 (x→6) + 5 (x=5)
    expect(r.value).toBe('24');
    expect(r.vars.get('x')).toBe('5');
    expect(value('- -1')).toBe('1');
    expect(value('--1')).toBe('1');
  });

  it('skips the effects of the operand not taken by && || ?:', () => {
    const r = run('0 && (x = 1), 1 || (y = 1/0), 1 ? 2 : (z = 3)');
    expect(r.value).toBe('2');
    expect(r.vars.size).toBe(0);
    expect(value('0 && 1/0')).toBe('0');
  });

  it('reports errors as bash words them, with its error token', () => {
    expect(value('1/0')).toBe('error: 1/0: division by 0 (error token is "0")');
    expect(value(' 1/0 ')).toBe('error: 1/0 : division by 0 (error token is "0 ")');
    expect(value('5/0+3')).toBe('error: 5/0+3: division by 0 (error token is "+3")');
    expect(value('5%0')).toBe('error: 5%0: division by 0 (error token is "0")');
    expect(value('1+')).toBe('error: 1+: syntax error: operand expected (error token is "+")');
    expect(value('08')).toBe('error: 08: value too great for base (error token is "08")');
    expect(value('1 @ 2')).toBe('error: 1 @ 2: syntax error: invalid arithmetic operator (error token is "@ 2")');
    expect(value('1 2')).toBe('error: 1 2: syntax error in expression (error token is "2")');
    expect(value('(1 + 2')).toBe('error: (1 + 2: missing `)\' (error token is "2")');
    expect(value('5 = 3')).toBe('error: 5 = 3: attempted assignment to non-variable (error token is "= 3")');
    expect(value('2 ** -1')).toBe('error: 2 ** -1: exponent less than 0 (error token is "1")');
    expect(value('1#1')).toBe('error: 1#1: invalid arithmetic base (error token is "1#1")');
    expect(value('1 ? 2')).toBe('error: 1 ? 2: `:\' expected for conditional expression (error token is "2")');
    expect(value('x', { x: '1/0' })).toBe('error: 1/0: division by 0 (error token is "0")');
    expect(value('x', { x: 'x' })).toMatch(/^error: x: expression recursion level exceeded/);
  });
});
