// The embedded lab's message API: the page that embeds it (a tutorial, a slide deck) drives the
// playback and sends traffic or console lines with window.postMessage; the lab answers the same
// way. Every message is an object with an `lvsLab` field naming it; anything else on the channel
// is not ours and is ignored. A message with an `id` has it echoed in the answer.
//
//   in:  { lvsLab: 'play' | 'pause' | 'toggle' | 'stepForward' | 'stepBack' | 'toStart' | 'toEnd' | 'replay' }
//        { lvsLab: 'speed', speed: 0.1 … 10 }
//        { lvsLab: 'seek', step: n } | { lvsLab: 'seek', timeUs: t }   to a step of the run, or a time
//        { lvsLab: 'openNode', node: 'gw' } | { lvsLab: 'closeNode' }     a node's panel (path, tables, console)
//        { lvsLab: 'open', link: '#lab=…' }                 open another lab (a lab link's fragment)
//        { lvsLab: 'send', action: { kind: 'curl', node: 'client', url: 'http://…/' } }
//        { lvsLab: 'shell', node: 'director', line: 'ipvsadm -Ln' }
//   out: { lvsLab: 'ready', version: 1 }                    once, when the first run is in
//        { lvsLab: 'state', labId, seed, run, phase, timeUs, endUs, steps, step }   on every change
//        { lvsLab: 'done', id?, command, output? }           a command was carried out
//        { lvsLab: 'error', id?, command?, message }         a command was refused, and why
import type { PlaybackCommandEvent } from '../editor/playback/events.ts';
import { MAX_SPEED, MIN_SPEED } from '../editor/playback/speed.ts';
import type { TrafficAction } from '../sim/model/config.ts';

/** The API's version, sent with `ready`. */
export const EMBED_API_VERSION = 1;

/** The playback commands and the machine event each sends. */
const PLAYBACK: Readonly<Record<string, PlaybackCommandEvent>> = {
  play: { type: 'playback.play' },
  pause: { type: 'playback.pause' },
  toggle: { type: 'playback.toggle' },
  stepForward: { type: 'playback.step_forward' },
  stepBack: { type: 'playback.step_back' },
  toStart: { type: 'playback.to_start' },
  toEnd: { type: 'playback.to_end' },
};

const COMMANDS = [...Object.keys(PLAYBACK), 'replay', 'speed', 'seek', 'openNode', 'closeNode', 'open', 'send', 'shell'];

/** A message the embedded lab understood. */
export type EmbedCommand =
  | { readonly kind: 'playback'; readonly event: PlaybackCommandEvent }
  | { readonly kind: 'replay' }
  /** To a step (a record of the run's trace, 0 …) — checked against the run where it is carried out. */
  | { readonly kind: 'seekStep'; readonly step: number }
  | { readonly kind: 'openNode'; readonly node: string }
  | { readonly kind: 'closeNode' }
  | { readonly kind: 'open'; readonly link: string }
  | { readonly kind: 'send'; readonly action: TrafficAction }
  | { readonly kind: 'shell'; readonly node: string; readonly line: string };

export type ParsedMessage =
  /** Not a message of this API (no `lvsLab` field): ignored, not answered. */
  | { readonly kind: 'foreign' }
  | { readonly kind: 'command'; readonly name: string; readonly id: unknown; readonly command: EmbedCommand }
  | { readonly kind: 'refused'; readonly name: string | undefined; readonly id: unknown; readonly message: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a posted message. Shape only: a `send` action is checked against the lab where it is
 * carried out (by the lab checker, as a scenario step), a shell line by the shell.
 */
export function parseEmbedMessage(data: unknown): ParsedMessage {
  if (!isObj(data) || !('lvsLab' in data)) return { kind: 'foreign' };
  const { lvsLab: name, id } = data;
  const refuse = (message: string): ParsedMessage => ({ kind: 'refused', name: typeof name === 'string' ? name : undefined, id, message });
  if (typeof name !== 'string' || !COMMANDS.includes(name)) {
    return refuse(`lvsLab: ${JSON.stringify(name) ?? String(name)} is not a command; the commands are ${COMMANDS.join(', ')}`);
  }
  const ok = (command: EmbedCommand): ParsedMessage => ({ kind: 'command', name, id, command });
  const event = PLAYBACK[name];
  if (event) return ok({ kind: 'playback', event });
  switch (name) {
    case 'replay':
      return ok({ kind: 'replay' });
    case 'speed': {
      const { speed } = data;
      if (typeof speed !== 'number' || !(speed >= MIN_SPEED && speed <= MAX_SPEED)) return refuse(`speed: ${JSON.stringify(speed) ?? 'missing'} is not a number from ${MIN_SPEED} to ${MAX_SPEED}`);
      return ok({ kind: 'playback', event: { type: 'playback.set_speed', speed } });
    }
    case 'seek': {
      const { step, timeUs } = data;
      if (step !== undefined) {
        if (!Number.isSafeInteger(step) || (step as number) < 0) return refuse(`step: ${JSON.stringify(step) ?? typeof step} is not a step number (0, 1, 2 …)`);
        return ok({ kind: 'seekStep', step: step as number });
      }
      if (typeof timeUs !== 'number' || !Number.isFinite(timeUs) || timeUs < 0) return refuse('seek: needs a step number (step) or a time in microseconds from 0 (timeUs)');
      return ok({ kind: 'playback', event: { type: 'playback.seek', timeUs } });
    }
    case 'openNode':
      if (typeof data.node !== 'string') return refuse('node: needs a node id, such as "director"');
      return ok({ kind: 'openNode', node: data.node });
    case 'closeNode':
      return ok({ kind: 'closeNode' });
    case 'open':
      if (typeof data.link !== 'string') return refuse('link: needs a lab link\'s fragment, such as "#lab=nat"');
      return ok({ kind: 'open', link: data.link });
    case 'send':
      if (!isObj(data.action) || typeof data.action.kind !== 'string') return refuse('action: needs a traffic action, such as { kind: "curl", node: "client", url: "http://192.168.122.188/" }');
      return ok({ kind: 'send', action: data.action as unknown as TrafficAction });
    default: // shell
      if (typeof data.node !== 'string' || typeof data.line !== 'string') return refuse('shell: needs a node id and a line, such as { node: "director", line: "ipvsadm -Ln" }');
      return ok({ kind: 'shell', node: data.node, line: data.line });
  }
}
