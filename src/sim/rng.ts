/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32). Everything random in the
 * simulation — TCP initial sequence numbers, reachable-time jitter, the order a switch floods a
 * broadcast (who answers an ARP request first), twos — draws from one of these.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next() | 0;
    this.b = next() | 0;
    this.c = next() | 0;
    this.d = next() | 0;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /**
   * Uniform unsigned 32-bit integer. The state is kept as int32 (`| 0`) so that every step is
   * integer arithmetic; the bits are those of the unsigned formulation.
   */
  nextU32(): number {
    const t = (this.a + this.b + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    const c = (this.c << 21) | (this.c >>> 11);
    this.c = (c + t) | 0;
    return t >>> 0;
  }

  /**
   * Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, without modulo bias. Remainders are taken with a
   * division (`x - floor(x / n) * n`, exact below 2^53): `%` on numbers beyond int32 is a slow
   * floating-point remainder.
   */
  below(n: number): number {
    if (n <= 1) return 0;
    const limit = 0x100000000 - remainder(0x100000000, n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return remainder(x, n);
    }
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** A new generator derived from this one, so that consumers do not disturb each other's streams. */
  fork(label: number): Rng {
    return new Rng((this.nextU32() ^ Math.imul(label + 1, 0x9e3779b1)) >>> 0);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}

/** x mod n for 0 ≤ x ≤ 2^32 and 1 ≤ n ≤ 2^32 (the quotient's floor is exact at these sizes). */
const remainder = (x: number, n: number): number => x - Math.floor(x / n) * n;
