import { describe, expect, it } from 'vitest';
import { clampDrawerHeight, DRAWER_MIN_PX, drawerMaxPx } from './drawer-height.ts';

describe('the node drawer height', () => {
  it('stays between a useful minimum and what leaves the canvas room', () => {
    expect(clampDrawerHeight(40, 720)).toBe(DRAWER_MIN_PX);
    expect(clampDrawerHeight(250.4, 720)).toBe(250);
    expect(clampDrawerHeight(900, 720)).toBe(420);
    expect(drawerMaxPx(1080)).toBe(780);
  });

  it('keeps the minimum even in a very low window', () => {
    expect(drawerMaxPx(200)).toBe(DRAWER_MIN_PX);
    expect(clampDrawerHeight(500, 200)).toBe(DRAWER_MIN_PX);
  });
});
