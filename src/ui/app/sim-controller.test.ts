import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drLab } from '../../lab/builtin/dr.ts';
import type { LabDocument } from '../../lab/document.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';
import { createAppStore } from '../../store/app-store.ts';
import type { RunDelta, RunRequest, SimApi, TimelineEntry } from '../../worker/api.ts';
import type { PlaybackCommandEvent } from '../../editor/playback/events.ts';
import { runRequestOf, SimController } from './sim-controller.ts';

const record = (seq: number): TraceRecord => ({ seq, timeUs: seq * 10, node: 'client', step: 'app', explain: { key: 'k', params: {} } });

/** A worker stand-in: one record per timeline entry; `shellEdits` maps a shell line to the document it produces. */
class FakeApi implements SimApi {
  runs: RunRequest[] = [];
  appends: (readonly TimelineEntry[])[] = [];
  records = 0;
  doc: LabDocument = drLab;
  shellEdits = new Map<string, (d: LabDocument) => LabDocument>();
  fail: string | undefined;
  /** Shell lines this worker never finishes (an endless loop). */
  hangOn = new Set<string>();
  private delta(fromSeq: number, entries: readonly TimelineEntry[]): RunDelta {
    const shell = entries.flatMap((e) => (e.kind === 'shell' ? [{ node: e.node, line: e.line, stdout: `ran ${e.line}`, stderr: '', chunks: [{ stream: 'stdout' as const, text: `ran ${e.line}` }], exitCode: 0, background: [] }] : []));
    for (const e of entries) if (e.kind === 'shell') this.doc = this.shellEdits.get(e.line)?.(this.doc) ?? this.doc;
    const records = Array.from({ length: this.records - fromSeq }, (_, i) => record(fromSeq + i));
    return { records, fromSeq, flows: [], shell, snapshots: {}, endUs: this.records * 10, traceStoppedAt: undefined, issues: [], doc: structuredClone(this.doc) };
  }
  run(req: RunRequest): Promise<RunDelta> {
    if (this.fail) return Promise.reject(new Error(this.fail));
    this.runs.push(req);
    if (req.timeline.some((e) => e.kind === 'shell' && this.hangOn.has(e.line))) return new Promise(() => undefined);
    this.doc = req.doc;
    this.records = 1 + req.timeline.length;
    return Promise.resolve(this.delta(0, req.timeline));
  }
  append(entries: readonly TimelineEntry[]): Promise<RunDelta> {
    this.appends.push(entries);
    if (entries.some((e) => e.kind === 'shell' && this.hangOn.has(e.line))) return new Promise(() => undefined);
    const from = this.records;
    this.records += entries.length;
    return Promise.resolve(this.delta(from, entries));
  }
  pcap(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array());
  }

  complete(_node: string, text: string): Promise<{ text: string; candidates: readonly string[] }> {
    return Promise.resolve({ text, candidates: [] });
  }
}

function setup() {
  const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
  const api = new FakeApi();
  const sent: PlaybackCommandEvent[] = [];
  const sim = new SimController(store, api, { send: (e) => sent.push(e) }, 100);
  return { store, api, sent, sim, s: () => store.getState() };
}

const curl = { kind: 'curl' as const, node: 'client', url: 'http://192.168.122.188/' };

describe('the sim controller', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs the lab at start and again, once, after edits settle', async () => {
    const { api, sim, s } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    expect(api.runs).toHaveLength(1);
    expect(api.runs[0]).toMatchObject({ doc: drLab, seed: 1, scenario: true, timeline: [] });
    expect(s().run.status).toBe('ready');
    s().edit('edit.a', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'web1' ? { ...n, sysctls: {} } : n)) }));
    s().edit('edit.b', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'web2' ? { ...n, sysctls: {} } : n)) }));
    expect(s().run.stale).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(api.runs).toHaveLength(1);
    await vi.runAllTimersAsync();
    expect(api.runs).toHaveLength(2);
    expect(s().run.stale).toBe(false);
    expect(s().run.runDoc).toBe(s().doc);
  });

  it('does not re-run for a moved node, but does for a new seed', async () => {
    const { api, sim, s } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    s().edit('edit.moveNode', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'gw' ? { ...n, position: { x: 1, y: 2 } } : n)) }));
    await vi.runAllTimersAsync();
    expect(api.runs).toHaveLength(1);
    expect(s().run.stale).toBe(false);
    s().setSeed(42);
    await vi.runAllTimersAsync();
    expect(api.runs.map((r) => r.seed)).toEqual([1, 42]);
  });

  it('runs again when the open lab is opened again (the store empties its run)', async () => {
    const { api, sim, s } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    await sim.sendTraffic(curl);
    s().openLab(drLab, 'dr');
    expect([s().run.status, s().run.records]).toEqual(['idle', []]);
    await vi.runAllTimersAsync();
    expect(api.runs).toHaveLength(2);
    expect(api.runs[1]).toMatchObject({ doc: drLab, seed: 1, timeline: [] });
    expect(s().run.status).toBe('ready');
    expect(s().run.records).toHaveLength(1);
  });

  it('takes the first run the page started before it, unless the lab changed meanwhile', async () => {
    const { api, sim, s, store } = setup();
    const request = runRequestOf(s());
    const answer = new FakeApi().run(request);
    sim.start({ request, answer });
    expect(s().run.status).toBe('running');
    await vi.runAllTimersAsync();
    expect([api.runs.length, s().run.status, s().run.runDoc]).toEqual([0, 'ready', drLab]);
    sim.dispose();
    const other = new SimController(store, api, { send: () => undefined }, 100);
    s().setSeed(7);
    other.start({ request, answer });
    await vi.runAllTimersAsync();
    expect(api.runs.map((r) => r.seed)).toEqual([7]);
  });

  it('appends traffic to the run and to the timeline, then plays on', async () => {
    const { api, sim, s, sent } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    await sim.sendTraffic(curl);
    expect(api.appends).toEqual([[{ kind: 'traffic', action: curl }]]);
    expect(s().run.timeline).toEqual([{ kind: 'traffic', action: curl }]);
    expect(s().run.records.map((r) => r.seq)).toEqual([0, 1]);
    expect(sent).toEqual([{ type: 'playback.play' }]);
  });

  it('puts traffic sent while a run is pending into that run instead', async () => {
    const { api, sim, s } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    s().setSeed(5);
    await sim.sendTraffic(curl);
    expect(api.appends).toEqual([]);
    expect(api.runs.at(-1)).toMatchObject({ seed: 5, timeline: [{ kind: 'traffic', action: curl }] });
    expect(s().run.records).toHaveLength(2);
  });

  it('turns a configuring shell line into an undoable edit and keeps other lines in the timeline', async () => {
    const { api, sim, s } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    const out = await sim.shell('web1', 'ip neigh');
    expect(out?.stdout).toBe('ran ip neigh');
    expect(s().run.timeline).toEqual([{ kind: 'shell', node: 'web1', line: 'ip neigh' }]);
    expect(s().past).toHaveLength(0);
    api.shellEdits.set('sysctl -w net.ipv4.conf.all.arp_ignore=0', (d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'web1' ? { ...n, sysctls: { ...n.sysctls, 'net.ipv4.conf.all.arp_ignore': 0 } } : n)) }));
    await sim.shell('web1', 'sysctl -w net.ipv4.conf.all.arp_ignore=0');
    expect(s().past.map((p) => p.label)).toEqual(['edit.shell']);
    expect(s().doc.nodes.find((n) => n.id === 'web1')!.sysctls['net.ipv4.conf.all.arp_ignore']).toBe(0);
    expect(s().run.timeline).toHaveLength(1);
    expect(s().shellLog.map((o) => o.line)).toEqual(['ip neigh', 'sysctl -w net.ipv4.conf.all.arp_ignore=0']);
    await vi.runAllTimersAsync();
    expect(api.runs.at(-1)).toMatchObject({ doc: s().doc, timeline: [{ kind: 'shell', node: 'web1', line: 'ip neigh' }] });
    s().undo();
    await vi.runAllTimersAsync();
    expect(api.runs.at(-1)!.doc).toBe(drLab);
  });

  it('rebuilds the run on replay and plays it from the start', async () => {
    const { api, sim, sent } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    await sim.sendTraffic(curl);
    sim.replay();
    await vi.runAllTimersAsync();
    expect(api.runs.at(-1)!.timeline).toEqual([{ kind: 'traffic', action: curl }]);
    expect(sent.slice(-2)).toEqual([{ type: 'playback.interrupt' }, { type: 'playback.replay' }]);
  });

  it('shows a failed run as an error and keeps the previous trace', async () => {
    const { api, sim, s } = setup();
    sim.start();
    await vi.runAllTimersAsync();
    api.fail = 'worker crashed';
    sim.rerun();
    await vi.runAllTimersAsync();
    expect(s().run.status).toBe('error');
    expect(s().run.error).toBe('worker crashed');
    expect(s().run.records).toHaveLength(1);
  });

  it('Ctrl+C on a line that runs on: the line ends, and a fresh worker rebuilds the run without it', async () => {
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    const first = new FakeApi();
    const second = new FakeApi();
    let restarts = 0;
    const sim = new SimController(store, first, { send: () => undefined }, 100, () => {
      restarts++;
      return second;
    });
    const s = () => store.getState();
    sim.start();
    await vi.runAllTimersAsync();
    expect(sim.interrupt()).toBe(false);
    await sim.shell('client', 'echo before');
    first.hangOn.add('while true; do curl -s http://192.168.122.188/; done');
    const running = sim.shell('client', 'while true; do curl -s http://192.168.122.188/; done');
    await vi.advanceTimersByTimeAsync(10);
    expect(sim.interrupt()).toBe(true);
    const out = await running;
    await vi.runAllTimersAsync();
    expect(restarts).toBe(1);
    // The line ends with no output (the console writes the terminal's ^C).
    expect(out).toBeUndefined();
    expect(s().shellLog.map((o) => o.line)).toEqual(['echo before']);
    // The new worker runs the lab with the timeline as it was before the interrupted line.
    expect(second.runs.map((r) => r.timeline)).toEqual([[{ kind: 'shell', node: 'client', line: 'echo before' }]]);
    expect(s().run.timeline).toEqual([{ kind: 'shell', node: 'client', line: 'echo before' }]);
    expect(s().run.status).toBe('ready');
    // Later lines go to the new worker.
    await sim.shell('client', 'echo after');
    expect(second.appends).toEqual([[{ kind: 'shell', node: 'client', line: 'echo after' }]]);
    expect(sim.interrupt()).toBe(false);
  });

  it('Stop on a long rebuild: a fresh worker rebuilds the run without the entry the worker reported running', async () => {
    const loop = { kind: 'shell' as const, node: 'client', line: 'for i in {1..50000}; do curl -s http://192.168.122.188/; done' };
    const before = { kind: 'shell' as const, node: 'client', line: 'echo before' };
    const after = { kind: 'traffic' as const, action: curl };
    const store = createAppStore({ doc: drLab, labId: 'dr', prefs: { language: 'en', showSwitchHops: false } });
    store.getState().setTimeline([before, loop, after]);
    const first = new FakeApi();
    first.hangOn.add(loop.line);
    const second = new FakeApi();
    const sim = new SimController(store, first, { send: () => undefined }, 100, () => second);
    const s = () => store.getState();
    sim.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(s().run.status).toBe('running');
    // Nothing to stop until the worker says which entry it is on.
    expect(sim.stopEntry()).toBe(false);
    sim.progress({ done: 1, total: 3, eventsRun: 123_456, virtualUs: 9_000_000 });
    expect(s().run.progress?.done).toBe(1);
    expect(sim.stopEntry()).toBe(true);
    await vi.runAllTimersAsync();
    expect(second.runs.map((r) => r.timeline)).toEqual([[before, after]]);
    expect(s().run.timeline).toEqual([before, after]);
    expect(s().run).toMatchObject({ status: 'ready', progress: undefined });
    // Progress of the finished run no longer points at an entry.
    sim.progress({ done: 0, total: 2, eventsRun: 1, virtualUs: 1 });
    expect(sim.stopEntry()).toBe(false);
  });
});
