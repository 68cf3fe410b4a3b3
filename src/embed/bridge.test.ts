import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackCommandEvent } from '../editor/playback/events.ts';
import { drLab } from '../lab/builtin/dr.ts';
import { createAppStore } from '../store/app-store.ts';
import type { SimActions } from '../ui/app/controllers.tsx';
import type { ShellOutput } from '../worker/api.ts';
import { connectBridge } from './bridge.ts';

function setup() {
  const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false }, tools: false });
  const posted: Record<string, unknown>[] = [];
  const parent = { postMessage: (m: Record<string, unknown>) => void posted.push(m) } as unknown as Window;
  let listener: ((e: MessageEvent) => void) | undefined;
  const win = {
    addEventListener: (_: string, l: (e: MessageEvent) => void) => void (listener = l),
    removeEventListener: () => void (listener = undefined),
  } as unknown as Window;
  const playback: PlaybackCommandEvent[] = [];
  const sent: unknown[] = [];
  const calls: string[] = [];
  const sim = {
    sendTraffic: (a: unknown) => { sent.push(a); return Promise.resolve(); },
    shell: async (node: string, line: string) => {
      calls.push(`start ${node}`);
      // A line takes a while in the worker.
      await new Promise((resolve) => setTimeout(resolve, 5));
      calls.push(`end ${node}`);
      return { node, line, stdout: `${line}\n`, stderr: '', chunks: [], exitCode: 0, background: [] } satisfies ShellOutput;
    },
    replay: () => void calls.push('replay'),
  } as unknown as SimActions;
  const stop = connectBridge({ store, playback: { send: (e) => playback.push(e) }, sim, window: win, parent });
  const receive = (data: unknown, source: unknown = parent) => listener?.({ data, source } as MessageEvent);
  return { store, posted, playback, sent, calls, stop, receive, hasListener: () => listener !== undefined };
}

describe('the embedded lab\'s bridge', () => {
  afterEach(() => void vi.useRealTimers());

  it('takes commands from the embedding page only, and answers each with its id', async () => {
    const { posted, playback, receive } = setup();
    receive({ lvsLab: 'play', id: 'a' }, {});
    receive({ hello: 1 });
    expect(playback).toEqual([]);
    expect(posted).toEqual([]);
    receive({ lvsLab: 'stepBack', id: 'b' });
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(playback).toEqual([{ type: 'playback.step_back' }]);
    expect(posted).toEqual([{ lvsLab: 'done', id: 'b', command: 'stepBack' }]);
  });

  it('checks traffic against the lab before sending it, and returns a console line\'s output', async () => {
    const { posted, sent, receive } = setup();
    receive({ lvsLab: 'send', id: 1, action: { kind: 'curl', node: 'client', url: 'http://192.168.122.188/' } });
    receive({ lvsLab: 'send', id: 2, action: { kind: 'ping', node: 'client' } });
    receive({ lvsLab: 'shell', id: 3, node: 'nowhere', line: 'ls' });
    receive({ lvsLab: 'shell', id: 4, node: 'director', line: 'ipvsadm -Ln' });
    await vi.waitFor(() => expect(posted).toHaveLength(4));
    expect(sent).toEqual([{ kind: 'curl', node: 'client', url: 'http://192.168.122.188/' }]);
    const byId = new Map(posted.map((m) => [m.id, m]));
    expect(byId.get(1)).toEqual({ lvsLab: 'done', id: 1, command: 'send' });
    expect(byId.get(2)).toMatchObject({ lvsLab: 'error', command: 'send', message: expect.stringMatching(/^action\.destination: /) as unknown });
    expect(byId.get(3)).toEqual({ lvsLab: 'error', id: 3, command: 'shell', message: 'node: "nowhere" is not a node of this lab' });
    expect(byId.get(4)).toEqual({ lvsLab: 'done', id: 4, command: 'shell', output: { stdout: 'ipvsadm -Ln\n', stderr: '', exitCode: 0 } });
  });

  it('says ready once, reports a change of phase at once and a moving position at most every 100 ms', () => {
    vi.useFakeTimers();
    const { store, posted } = setup();
    const s = () => store.getState();
    s().setRunStatus('ready');
    s().setRunStatus('ready');
    expect(posted.filter((m) => m.lvsLab === 'ready')).toEqual([{ lvsLab: 'ready', version: 1 }]);
    posted.length = 0;
    s().setPlayback({ phase: 'playing' });
    expect(posted).toEqual([expect.objectContaining({ lvsLab: 'state', phase: 'playing' })]);
    for (let i = 1; i <= 5; i++) s().setPlayback({ timeUs: i * 10, cursor: i });
    expect(posted).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(posted).toHaveLength(2);
    expect(posted[1]).toMatchObject({ lvsLab: 'state', phase: 'playing', timeUs: 50, step: 5 });
  });

  it('seeks to a step the run has, and opens a node the lab has', async () => {
    const { store, posted, playback, receive } = setup();
    receive({ lvsLab: 'seek', id: 1, step: 0 });
    receive({ lvsLab: 'openNode', id: 2, node: 'gw' });
    receive({ lvsLab: 'openNode', id: 3, node: 'nowhere' });
    await vi.waitFor(() => expect(posted).toHaveLength(3));
    expect(posted.find((m) => m.id === 1)).toEqual({ lvsLab: 'error', id: 1, command: 'seek', message: 'step: the run has no steps yet' });
    expect(posted.find((m) => m.id === 3)).toEqual({ lvsLab: 'error', id: 3, command: 'openNode', message: 'node: "nowhere" is not a node of this lab' });
    expect(store.getState().drawerNodeId).toBe('gw');
    expect(playback).toEqual([]);
  });

  it('carries out one command at a time, in the order sent', async () => {
    const { posted, receive, calls } = setup();
    receive({ lvsLab: 'shell', id: 1, node: 'web1', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=1' });
    receive({ lvsLab: 'shell', id: 2, node: 'web2', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=1' });
    receive({ lvsLab: 'replay', id: 3 });
    await vi.waitFor(() => expect(posted).toHaveLength(3));
    expect(calls).toEqual(['start web1', 'end web1', 'start web2', 'end web2', 'replay']);
    expect(posted.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it('stops listening when disconnected', () => {
    const { stop, hasListener } = setup();
    stop();
    expect(hasListener()).toBe(false);
  });
});
