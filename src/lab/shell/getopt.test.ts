import { describe, expect, it } from 'vitest';
import { getopt } from './getopt.ts';

describe('getopt', () => {
  it('combines letters, takes a value from the rest of the word or the next word, keeps operands in place', () => {
    expect([...getopt(['-qc3', 'host', '-I', 'eth0', '-', '-n'], 'cI')]).toEqual([
      { kind: 'option', flag: 'q', value: undefined },
      { kind: 'option', flag: 'c', value: '3' },
      { kind: 'operand', text: 'host' },
      { kind: 'option', flag: 'I', value: 'eth0' },
      { kind: 'operand', text: '-' },
      { kind: 'option', flag: 'n', value: undefined },
    ]);
  });

  it('reports a value flag that ends the arguments', () => {
    expect([...getopt(['-nc'], 'c')]).toEqual([{ kind: 'option', flag: 'n', value: undefined }, { kind: 'missing', flag: 'c' }]);
  });
});
