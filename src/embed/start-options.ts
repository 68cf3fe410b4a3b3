import { MAX_SPEED, MIN_SPEED } from '../editor/playback/speed.ts';

/** How the embedded lab starts: playing or not, and at what speed (from `play=1` and `speed=` in its address). */
export interface StartOptions {
  readonly play: boolean;
  readonly speed: number | undefined;
}

/** Reads the start options of a frame's fragment; a bad speed is left out, with the reason. */
export function readStartOptions(fragment: string): { readonly options: StartOptions; readonly problems: readonly string[] } {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const problems: string[] = [];
  const speedText = params.get('speed');
  let speed: number | undefined;
  if (speedText !== null) {
    const n = Number(speedText);
    if (speedText.trim() !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED) speed = n;
    else problems.push(`speed: "${speedText.slice(0, 20)}" is not a number from ${MIN_SPEED} to ${MAX_SPEED}; the lab plays at 1×`);
  }
  return { options: { play: params.get('play') === '1', speed }, problems };
}
