import { describe, expect, it } from 'vitest';
import { followPointers, MAX_ZOOM, MIN_ZOOM, wheelFactor, zoomAround } from './pan-zoom.ts';

describe('pan and zoom arithmetic', () => {
  it('zooms around a point, which stays over the same world point', () => {
    const v = { x: 10, y: -20, k: 1.5 };
    const at = { x: 300, y: 200 };
    const next = zoomAround(v, 2, at);
    expect(next.k).toBe(3);
    // The world point under `at` before and after.
    expect((at.x - next.x) / next.k).toBeCloseTo((at.x - v.x) / v.k, 9);
    expect((at.y - next.y) / next.k).toBeCloseTo((at.y - v.y) / v.k, 9);
  });

  it('keeps the zoom within its limits', () => {
    expect(zoomAround({ x: 0, y: 0, k: 4 }, 10, { x: 0, y: 0 }).k).toBe(MAX_ZOOM);
    expect(zoomAround({ x: 0, y: 0, k: 0.2 }, 0.01, { x: 0, y: 0 }).k).toBe(MIN_ZOOM);
  });

  it('turns wheel events into zoom factors: pixels, lines, pages, and a touchpad pinch (Ctrl) ten times stronger', () => {
    expect(wheelFactor({ deltaY: -100, deltaMode: 0, ctrlKey: false })).toBeCloseTo(2 ** 0.2, 12);
    expect(wheelFactor({ deltaY: 3, deltaMode: 1, ctrlKey: false })).toBeCloseTo(2 ** -0.15, 12);
    expect(wheelFactor({ deltaY: 1, deltaMode: 2, ctrlKey: false })).toBe(0.5);
    expect(wheelFactor({ deltaY: -10, deltaMode: 0, ctrlKey: true })).toBeCloseTo(2 ** 0.2, 12);
  });

  it('pans with one pointer and pinch-zooms with two about their midpoint', () => {
    const v = { x: 5, y: 5, k: 1 };
    expect(followPointers(v, [{ x: 10, y: 10 }], [{ x: 40, y: -10 }])).toEqual({ x: 35, y: -15, k: 1 });
    const pinched = followPointers(v, [{ x: 100, y: 100 }, { x: 200, y: 100 }], [{ x: 50, y: 100 }, { x: 250, y: 100 }]);
    expect(pinched.k).toBe(2);
    // The midpoint (150, 100) did not move, so the world point under it stays.
    expect((150 - pinched.x) / pinched.k).toBeCloseTo((150 - v.x) / v.k, 9);
  });
});
