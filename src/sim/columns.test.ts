import { describe, expect, it } from 'vitest';
import { doubled } from './columns.ts';

describe('doubled', () => {
  it('keeps the kind and the values of a column, twice as long with zeros after', () => {
    const column = doubled(Uint16Array.of(1, 65535));
    expect(column).toBeInstanceOf(Uint16Array);
    expect([...column]).toEqual([1, 65535, 0, 0]);
    expect([...doubled(Float64Array.of(0.5))]).toEqual([0.5, 0]);
  });
});
