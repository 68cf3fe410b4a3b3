import type { AppState } from '../../store/app-store.ts';
import { usePlayback } from '../app/controllers.tsx';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectTime = (s: AppState) => s.playback.timeUs;
const selectEnd = (s: AppState) => s.playback.endUs;

/** The timeline: a slider over the run's virtual time (one of the few things that re-render every frame). */
export function SeekSlider() {
  const t = useT();
  const playback = usePlayback();
  const timeUs = useAppState(selectTime);
  const endUs = useAppState(selectEnd);
  return (
    <input
      type="range" className="app-seek" data-testid="seek" min={0} max={Math.max(endUs, 0)} step="any" value={Math.min(timeUs, endUs)}
      disabled={endUs <= 0} aria-label={t('playback.seek')} title={t('playback.seek')}
      onChange={(e) => playback.send({ type: 'playback.seek', timeUs: Number(e.target.value) })}
    />
  );
}
