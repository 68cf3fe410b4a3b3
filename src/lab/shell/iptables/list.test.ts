import { describe, expect, it } from 'vitest';
import { counterText } from './list.ts';

describe('iptables -L -v counters (xtables_print_num)', () => {
  it('prints up to 99999 as is, then in K, M, G, T rounded to the nearest, in a column of 5 or, with -x, 8', () => {
    expect(['0', '99999', '100000', '100499', '100500', '9999499', '9999500', '123456789', '9999500000000'].map((n) => counterText(Number(n), false, true)))
      .toEqual(['    0 ', '99999 ', ' 100K ', ' 100K ', ' 101K ', '9999K ', '  10M ', ' 123M ', '  10T ']);
    expect(counterText(260587, false, false)).toBe('261K ');
    expect(counterText(260587, true, true)).toBe('  260587 ');
    expect(counterText(260587, true, false)).toBe('260587 ');
  });
});
