import { describe, expect, it } from 'vitest';
import { parseEmbedMessage } from './messages.ts';

describe('the embed message API', () => {
  it('ignores messages that are not its own', () => {
    for (const data of [null, 'play', 42, [], { type: 'play' }, { source: 'react-devtools' }]) expect(parseEmbedMessage(data)).toEqual({ kind: 'foreign' });
  });

  it('maps the playback commands to the playback machine, echoing the id', () => {
    expect(parseEmbedMessage({ lvsLab: 'play', id: 7 })).toEqual({ kind: 'command', name: 'play', id: 7, command: { kind: 'playback', event: { type: 'playback.play' } } });
    const events = Object.fromEntries(['pause', 'toggle', 'stepForward', 'stepBack', 'toStart', 'toEnd'].map((n) => {
      const p = parseEmbedMessage({ lvsLab: n });
      return [n, p.kind === 'command' && p.command.kind === 'playback' ? p.command.event.type : undefined];
    }));
    expect(events).toEqual({
      pause: 'playback.pause', toggle: 'playback.toggle', stepForward: 'playback.step_forward', stepBack: 'playback.step_back',
      toStart: 'playback.to_start', toEnd: 'playback.to_end',
    });
    expect(parseEmbedMessage({ lvsLab: 'replay' })).toMatchObject({ kind: 'command', command: { kind: 'replay' } });
  });

  it('takes a speed from 0.1 to 10, a link, a traffic action and a shell line', () => {
    expect(parseEmbedMessage({ lvsLab: 'speed', speed: 2 })).toMatchObject({ command: { kind: 'playback', event: { type: 'playback.set_speed', speed: 2 } } });
    expect(parseEmbedMessage({ lvsLab: 'open', link: '#lab=nat' })).toMatchObject({ command: { kind: 'open', link: '#lab=nat' } });
    expect(parseEmbedMessage({ lvsLab: 'seek', step: 12 })).toMatchObject({ command: { kind: 'seekStep', step: 12 } });
    expect(parseEmbedMessage({ lvsLab: 'seek', timeUs: 1500 })).toMatchObject({ command: { kind: 'playback', event: { type: 'playback.seek', timeUs: 1500 } } });
    expect(parseEmbedMessage({ lvsLab: 'openNode', node: 'gw' })).toMatchObject({ command: { kind: 'openNode', node: 'gw' } });
    expect(parseEmbedMessage({ lvsLab: 'closeNode' })).toMatchObject({ command: { kind: 'closeNode' } });
    const action = { kind: 'curl', node: 'client', url: 'http://12.0.0.10/' };
    expect(parseEmbedMessage({ lvsLab: 'send', action })).toMatchObject({ command: { kind: 'send', action } });
    expect(parseEmbedMessage({ lvsLab: 'shell', node: 'director', line: 'ipvsadm -Ln' })).toMatchObject({ command: { kind: 'shell', node: 'director', line: 'ipvsadm -Ln' } });
  });

  it.each([
    [{ lvsLab: 'rewind', id: 1 }, 'rewind', 'lvsLab: "rewind" is not a command; the commands are play, pause, toggle, stepForward, stepBack, toStart, toEnd, replay, speed, seek, openNode, closeNode, open, send, shell'],
    [{ lvsLab: 3 }, undefined, 'lvsLab: 3 is not a command; the commands are play, pause, toggle, stepForward, stepBack, toStart, toEnd, replay, speed, seek, openNode, closeNode, open, send, shell'],
    [{ lvsLab: 'speed', speed: 20 }, 'speed', 'speed: 20 is not a number from 0.1 to 10'],
    [{ lvsLab: 'speed' }, 'speed', 'speed: missing is not a number from 0.1 to 10'],
    [{ lvsLab: 'speed', speed: Number.NaN }, 'speed', 'speed: null is not a number from 0.1 to 10'],
    [{ lvsLab: 'seek', step: 1.5 }, 'seek', 'step: 1.5 is not a step number (0, 1, 2 …)'],
    [{ lvsLab: 'seek', step: -1 }, 'seek', 'step: -1 is not a step number (0, 1, 2 …)'],
    [{ lvsLab: 'seek' }, 'seek', 'seek: needs a step number (step) or a time in microseconds from 0 (timeUs)'],
    [{ lvsLab: 'openNode' }, 'openNode', 'node: needs a node id, such as "director"'],
    [{ lvsLab: 'open', link: 5 }, 'open', 'link: needs a lab link\'s fragment, such as "#lab=nat"'],
    [{ lvsLab: 'send', action: 'curl' }, 'send', 'action: needs a traffic action, such as { kind: "curl", node: "client", url: "http://192.168.122.188/" }'],
    [{ lvsLab: 'shell', node: 'director' }, 'shell', 'shell: needs a node id and a line, such as { node: "director", line: "ipvsadm -Ln" }'],
  ])('refuses %j, saying why', (data, name, message) => {
    expect(parseEmbedMessage(data)).toEqual({ kind: 'refused', name, id: (data as { id?: number }).id, message });
  });
});
