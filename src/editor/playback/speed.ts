/** The speeds the +/- keys and the speed menu offer. */
export const SPEEDS: readonly number[] = [0.1, 0.2, 0.5, 1, 2, 5, 10];
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 10;

/** A speed within 0.1×–10× (1× for nonsense). */
export function clampSpeed(s: number): number {
  return Number.isFinite(s) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, s)) : 1;
}

/** The next preset above (dir 1) or below (dir -1) a speed. */
export function stepSpeed(s: number, dir: 1 | -1): number {
  if (dir > 0) return SPEEDS.find((p) => p > s + 1e-9) ?? MAX_SPEED;
  return [...SPEEDS].reverse().find((p) => p < s - 1e-9) ?? MIN_SPEED;
}
