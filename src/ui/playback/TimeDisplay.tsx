import type { AppState } from '../../store/app-store.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import { STEP_KEYS } from './step-names.ts';

const selectTime = (s: AppState) => s.playback.timeUs;
const selectCurrent = (s: AppState) => s.run.records[s.playback.cursor - 1];

/** Virtual time in ms with three decimals (µs resolution) and the step of the record that happened last. */
export function TimeDisplay() {
  const t = useT();
  const timeUs = useAppState(selectTime);
  const current = useAppState(selectCurrent);
  const where = current ? [current.node, current.iface].filter(Boolean).join(' ') : '';
  return (
    <div className="app-time" data-testid="playback-time" data-time-us={timeUs.toFixed(3)}>
      <span className="app-time-value">{t('playback.time', { ms: (timeUs / 1000).toFixed(3) })}</span>
      <span className="app-time-step" data-testid="playback-step">
        {current ? t('playback.stepAt', { step: t(STEP_KEYS[current.step]), where }) : t('playback.notStarted')}
      </span>
    </div>
  );
}
