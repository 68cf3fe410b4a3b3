import { useCallback, useRef } from 'react';
import type { TraceRecord } from '../../sim/model/trace.ts';
import type { AppState } from '../../store/app-store.ts';
import { useStoreSync } from '../hooks/use-store-sync.ts';
import { useT } from '../hooks/use-t.ts';
import { STEP_KEYS } from './step-names.ts';

const selectTime = (s: AppState) => s.playback.timeUs;
const selectCurrent = (s: AppState): TraceRecord | undefined => s.run.records[s.playback.cursor - 1];

/**
 * Virtual time in ms with three decimals (µs resolution) and the step of the record that happened
 * last. Both change every frame while playing, so they are written to the DOM directly
 * (`useStoreSync`) instead of re-rendering.
 */
export function TimeDisplay() {
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  const valueRef = useRef<HTMLSpanElement>(null);
  const stepRef = useRef<HTMLSpanElement>(null);
  const showTime = useCallback((timeUs: number) => {
    rootRef.current?.setAttribute('data-time-us', timeUs.toFixed(3));
    if (valueRef.current) valueRef.current.textContent = t('playback.time', { ms: (timeUs / 1000).toFixed(3) });
  }, [t]);
  const showStep = useCallback((current: TraceRecord | undefined) => {
    if (!stepRef.current) return;
    const where = current ? [current.node, current.iface].filter(Boolean).join(' ') : '';
    stepRef.current.textContent = current ? t('playback.stepAt', { step: t(STEP_KEYS[current.step]), where }) : t('playback.notStarted');
  }, [t]);
  useStoreSync(selectTime, showTime);
  useStoreSync(selectCurrent, showStep);
  return (
    <div className="app-time" data-testid="playback-time" ref={rootRef}>
      <span className="app-time-value" ref={valueRef} />
      <span className="app-time-step" data-testid="playback-step" ref={stepRef} />
    </div>
  );
}
