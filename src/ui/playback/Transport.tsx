import type { AppState } from '../../store/app-store.ts';
import { usePlayback, useSim } from '../app/controllers.tsx';
import { formatKey } from '../commands/keys.ts';
import { commandById } from '../commands/registry.ts';
import { useAppState } from '../hooks/store-context.tsx';
import { useT } from '../hooks/use-t.ts';
import type { PlaybackCommandEvent } from '../../editor/playback/events.ts';

const selectPlaying = (s: AppState) => s.playback.phase === 'playing';
const selectHasTrace = (s: AppState) => s.run.records.length > 0;

/** Icons of the transport buttons (24 × 24). */
const ICON = {
  toStart: 'M6 5v14M19 5 9 12l10 7Z',
  stepBack: 'M18 5 8 12l10 7ZM6 5v14',
  play: 'M7 4.5v15L19.5 12Z',
  pause: 'M7 5h3.5v14H7ZM13.5 5H17v14h-3.5Z',
  stepForward: 'M6 5l10 7-10 7ZM18 5v14',
  toEnd: 'M5 5l10 7-10 7ZM18 5v14',
  replay: 'M5 12a7 7 0 1 0 2.1-5M5 4v4h4',
} as const;

/** The buttons: to start, step back, play/pause, step forward, to end, replay. */
export function Transport() {
  const t = useT();
  const playback = usePlayback();
  const sim = useSim();
  const playing = useAppState(selectPlaying);
  const hasTrace = useAppState(selectHasTrace);

  const button = (testId: string, command: string, icon: keyof typeof ICON, onClick: () => void, needsTrace = true) => {
    const cmd = commandById(command);
    const key = cmd.keys?.[0] ? ` (${formatKey(cmd.keys[0])})` : '';
    const label = testId === 'play' ? t('playback.play') : testId === 'pause' ? t('playback.pause') : t(cmd.label);
    return (
      <button
        type="button" className={`app-button app-icon-button app-transport-${testId}`} data-testid={testId}
        disabled={needsTrace && !hasTrace} title={`${label}${key}`} aria-label={label} onClick={onClick}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d={ICON[icon]} className={icon === 'replay' ? 'app-icon-stroke' : undefined} /></svg>
      </button>
    );
  };
  const send = (ev: PlaybackCommandEvent) => () => playback.send(ev);

  return (
    <div className="app-group app-transport" role="group" aria-label={t('playback.controls')}>
      {button('to-start', 'cmd.toStart', 'toStart', send({ type: 'playback.to_start' }))}
      {button('step-back', 'cmd.stepBack', 'stepBack', send({ type: 'playback.step_back' }))}
      {playing
        ? button('pause', 'cmd.playPause', 'pause', send({ type: 'playback.pause' }))
        : button('play', 'cmd.playPause', 'play', send({ type: 'playback.play' }))}
      {button('step-forward', 'cmd.stepForward', 'stepForward', send({ type: 'playback.step_forward' }))}
      {button('to-end', 'cmd.toEnd', 'toEnd', send({ type: 'playback.to_end' }))}
      {button('replay', 'cmd.replay', 'replay', () => sim.replay(), false)}
    </div>
  );
}
