/** The node drawer is never lower than this (its tabs and a few rows stay visible). */
export const DRAWER_MIN_PX = 120;
/** Nor so high that less than this is left for the top bar, canvas and playback bar. */
const REST_MIN_PX = 300;

/** The highest the drawer may be in a window `windowHeight` pixels high. */
export function drawerMaxPx(windowHeight: number): number {
  return Math.max(DRAWER_MIN_PX, windowHeight - REST_MIN_PX);
}

/** A drawer height the user asked for, kept within what the window allows. */
export function clampDrawerHeight(px: number, windowHeight: number): number {
  return Math.round(Math.min(drawerMaxPx(windowHeight), Math.max(DRAWER_MIN_PX, px)));
}
