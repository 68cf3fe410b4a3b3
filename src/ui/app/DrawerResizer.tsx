import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { clampDrawerHeight, DRAWER_MIN_PX, drawerMaxPx } from './drawer-height.ts';

const selectHeight = (s: AppState) => s.prefs.drawerHeight;

/** One arrow-key press moves the edge by this much. */
const KEY_STEP_PX = 32;

/**
 * The node drawer's top edge: drag it (or focus it and press ↑ ↓, Home, End) to share the height
 * between the canvas and the drawer; a double-click goes back to the default. The height is a
 * preference, so it is remembered.
 */
export function DrawerResizer() {
  const t = useT();
  const store = useStoreApi();
  const height = useAppState(selectHeight);
  const drag = useRef<{ startY: number; startHeight: number } | undefined>(undefined);

  const drawerElement = (el: Element): HTMLElement | null => el.closest('.app-drawer');
  const set = (px: number | undefined) => store.getState().setPreferences({ drawerHeight: px === undefined ? undefined : clampDrawerHeight(px, window.innerHeight) });

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const drawer = drawerElement(e.currentTarget);
    if (!drawer) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startHeight: drawer.getBoundingClientRect().height };
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) set(d.startHeight + (d.startY - e.clientY));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = undefined;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = drawerElement(e.currentTarget)?.getBoundingClientRect().height ?? height ?? DRAWER_MIN_PX;
    const next: Record<string, number> = {
      ArrowUp: current + KEY_STEP_PX, ArrowDown: current - KEY_STEP_PX, Home: DRAWER_MIN_PX, End: drawerMaxPx(window.innerHeight),
    };
    if (next[e.key] === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    set(next[e.key]);
  };

  return (
    <div
      className="drawer-resizer"
      data-testid="drawer-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('node.resize')}
      title={t('node.resize')}
      aria-valuemin={DRAWER_MIN_PX}
      aria-valuemax={Math.round(drawerMaxPx(window.innerHeight))}
      {...(height !== undefined ? { 'aria-valuenow': Math.round(height) } : {})}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDoubleClick={() => set(undefined)}
    />
  );
}
