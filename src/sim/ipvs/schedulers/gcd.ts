/** lib/math/gcd.c `gcd` for positive integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** include/asm-generic/bitops/fls.h `fls`: 1-based index of the highest set bit, 0 for 0. */
export function fls(x: number): number {
  return 32 - Math.clz32(x);
}
