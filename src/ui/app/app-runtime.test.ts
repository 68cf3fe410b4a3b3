// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import { natLab } from '../../lab/builtin/nat.ts';
import { FakeClock } from '../../editor/playback/clock.ts';
import { createAppStore } from '../../store/app-store.ts';
import type { RunDelta, SimApi } from '../../worker/api.ts';
import type { SimClient } from '../../worker/client.ts';
import { AppRuntime } from './app-runtime.ts';
import { startEarlySim } from './early-sim.ts';

function fakeWorker() {
  const started: { terminated: boolean; runs: number }[] = [];
  const startWorker = (): SimClient => {
    const w = { terminated: false, runs: 0 };
    started.push(w);
    const delta = (doc: RunDelta['doc']): RunDelta => ({ records: [], fromSeq: 0, flows: [], shell: [], snapshots: {}, endUs: 0, traceStoppedAt: undefined, issues: [], doc });
    const api: SimApi = {
      run: (req) => { w.runs++; return Promise.resolve(delta(req.doc)); },
      append: () => Promise.resolve(delta(drLab)),
      pcap: () => Promise.resolve(new Uint8Array()),
      complete: (_node, text) => Promise.resolve({ text, candidates: [] }),
    };
    return { api, terminate: () => { w.terminated = true; } };
  };
  return { started, startWorker };
}

describe('the app runtime', () => {
  it('starts a worker and the machines while mounted, and stops them all (StrictMode mounts twice)', async () => {
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    const { started, startWorker } = fakeWorker();
    const m = new Map<string, string>();
    const runtime = new AppRuntime({ store, storage: { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) }, startWorker, clock: new FakeClock(), window });
    const stopFirst = runtime.start();
    stopFirst();
    const stop = runtime.start();
    await vi.waitFor(() => expect(store.getState().run.status).toBe('ready'));
    expect(started.map((w) => w.terminated)).toEqual([true, false]);
    runtime.editor.send({ type: 'tool.connect' });
    expect(store.getState().editor.toolState).toBe('connect.idle');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'v' }));
    expect(store.getState().editor.tool).toBe('select');
    runtime.playback.send({ type: 'playback.to_end' });
    expect(store.getState().playback.phase).toBe('ended');
    store.getState().openLab(natLab, 'nat');
    await vi.waitFor(() => expect(store.getState().run.status).toBe('ready'));
    expect([store.getState().playback.phase, store.getState().playback.timeUs]).toEqual(['idle', 0]);
    stop();
    expect(started[1]!.terminated).toBe(true);
    // Stopped: nothing listens any more.
    runtime.editor.send({ type: 'tool.delete' });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'c' }));
    expect(store.getState().editor.tool).toBe('select');
  });

  it('takes over the worker and first run the page started early, on its first start only', async () => {
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    const { started, startWorker } = fakeWorker();
    const early = startEarlySim(store, startWorker);
    expect(started.map((w) => w.runs)).toEqual([1]);
    const m = new Map<string, string>();
    const runtime = new AppRuntime({ store, storage: { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) }, startWorker, clock: new FakeClock(), window, early });
    const stopFirst = runtime.start();
    await vi.waitFor(() => expect(store.getState().run.status).toBe('ready'));
    expect(started.map((w) => w.runs)).toEqual([1]);
    stopFirst();
    const stop = runtime.start();
    await vi.waitFor(() => expect(started[1]?.runs).toBe(1));
    expect(started.map((w) => [w.runs, w.terminated])).toEqual([[1, true], [1, false]]);
    stop();
  });
});
