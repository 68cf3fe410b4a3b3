/**
 * rand()'s generator: gawk 4.0 ships BSD's random() and gives it a 256-byte state, which selects
 * the x^63 + x + 1 additive feedback generator; rand() is random() / 2^31. Seeded like BSD's
 * srandom (Park–Miller steps to fill the state, then 630 outputs discarded), so an awk program
 * without srand() prints the same numbers as gawk does (0.237788 first).
 */

const DEGREE = 63;
const SEPARATION = 1;

/** One Park–Miller step (16807 · x mod 2^31 − 1), as srandom fills the state. */
function parkMiller(x: number): number {
  const hi = Math.trunc(x / 127773);
  const lo = x % 127773;
  const next = 16807 * lo - 2836 * hi;
  return next <= 0 ? next + 0x7fffffff : next;
}

/** BSD random() with a 63-word state. */
export class AwkRandom {
  private state: number[] = [];
  private front = SEPARATION;
  private rear = 0;

  constructor(seed = 1) {
    this.seed(seed);
  }

  /** srandom(seed). */
  seed(seed: number): void {
    this.state = [seed >>> 0];
    for (let i = 1; i < DEGREE; i++) this.state.push(parkMiller(this.state[i - 1]!));
    this.front = SEPARATION;
    this.rear = 0;
    for (let i = 0; i < 10 * DEGREE; i++) this.next();
  }

  /** random(): 31 random bits. */
  next(): number {
    const s = this.state;
    s[this.front] = (s[this.front]! + s[this.rear]!) >>> 0;
    const value = (s[this.front]! >>> 1) & 0x7fffffff;
    if (++this.front >= DEGREE) {
      this.front = 0;
      this.rear++;
    } else if (++this.rear >= DEGREE) this.rear = 0;
    return value;
  }

  /** rand(): uniform in [0, 1). */
  fraction(): number {
    return this.next() / 0x80000000;
  }
}
