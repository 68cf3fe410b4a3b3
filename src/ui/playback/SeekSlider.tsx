import { useCallback, useLayoutEffect, useRef } from 'react';
import type { AppState } from '../../store/app-store.ts';
import { usePlayback } from '../app/controllers.tsx';
import { useAppState, useStoreApi } from '../hooks/store-context.tsx';
import { useStoreSync } from '../hooks/use-store-sync.ts';
import { useT } from '../hooks/use-t.ts';

const selectEnd = (s: AppState) => s.playback.endUs;
const selectPosition = (s: AppState) => Math.min(s.playback.timeUs, s.playback.endUs);

/**
 * The timeline: a slider over the run's virtual time. Its thumb follows playback every frame
 * through the DOM (`useStoreSync`), not through React renders; React renders only its range.
 */
export function SeekSlider() {
  const t = useT();
  const store = useStoreApi();
  const playback = usePlayback();
  const endUs = useAppState(selectEnd);
  const ref = useRef<HTMLInputElement>(null);
  const show = useCallback((timeUs: number) => {
    if (ref.current) ref.current.value = String(timeUs);
  }, []);
  useStoreSync(selectPosition, show);
  // A new range may have clamped the thumb before React set it: put it back where playback is.
  useLayoutEffect(() => show(selectPosition(store.getState())), [endUs, show, store]);
  return (
    <input
      ref={ref} type="range" className="app-seek" data-testid="seek" min={0} max={Math.max(endUs, 0)} step="any" defaultValue={0}
      disabled={endUs <= 0} aria-label={t('playback.seek')} title={t('playback.seek')}
      onChange={(e) => {
        playback.send({ type: 'playback.seek', timeUs: Number(e.target.value) });
        // Where playback went (it may not move, e.g. past the end): the thumb shows that.
        show(selectPosition(store.getState()));
      }}
    />
  );
}
