import { useT } from '../hooks/use-t.ts';
import { SeekSlider } from './SeekSlider.tsx';
import { SendControls } from './SendControls.tsx';
import { SpeedSelect } from './SpeedSelect.tsx';
import { TimeDisplay } from './TimeDisplay.tsx';
import { Transport } from './Transport.tsx';
import './playback.css';

/** The playback bar: transport buttons, timeline, time and step, speed, and the send controls. */
export function PlaybackBar() {
  const t = useT();
  return (
    <section className="app-playback" aria-label={t('playback.bar')} data-testid="playback-bar">
      <div className="app-playback-row">
        <Transport />
        <SeekSlider />
        <TimeDisplay />
        <SpeedSelect />
      </div>
      <SendControls />
    </section>
  );
}
