import type { AppState } from '../../store/app-store.ts';
import { SPEEDS } from '../../editor/playback/speed.ts';
import { usePlayback } from '../app/controllers.tsx';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';

const selectSpeed = (s: AppState) => s.playback.speed;

/** Playback speed, 0.1× to 10×. */
export function SpeedSelect() {
  const t = useT();
  const playback = usePlayback();
  const speed = useAppState(selectSpeed);
  const options = SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);
  return (
    <label className="app-speed" title={t('playback.speedTitle')}>
      <span className="app-visually-hidden">{t('playback.speed')}</span>
      <select data-testid="speed" value={String(speed)} onChange={(e) => playback.send({ type: 'playback.set_speed', speed: Number(e.target.value) })}>
        {options.map((s) => <option key={s} value={String(s)}>{`${s}×`}</option>)}
      </select>
    </label>
  );
}
