import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { TraceRecord } from '../../sim/model/trace.ts';
import { FakeClock } from './clock.ts';
import type { PlaybackEvent } from './events.ts';
import { playbackMachine } from './playback-machine.ts';

const rec = (seq: number, timeUs: number, step: TraceRecord['step'], arrivalUs?: number): TraceRecord => ({
  seq, timeUs, node: 'n', step, flowId: 1, explain: { key: 'k', params: {} },
  ...(arrivalUs !== undefined ? { link: { toNode: 'm', toIface: 'eth0', arrivalUs } } : {}),
});
const trace = [
  rec(0, 0, 'egress', 100), rec(1, 100, 'ingress'), rec(2, 100, 'ipvs'), rec(3, 100, 'egress', 200),
  rec(4, 200, 'ingress'), rec(5, 5000, 'egress', 5100), rec(6, 5100, 'ingress'),
];

function start(records: readonly TraceRecord[] = trace) {
  const clock = new FakeClock();
  const selected: number[] = [];
  const actor = createActor(playbackMachine, { input: { clock, host: { selectRecord: (r) => selected.push(r.seq) } } }).start();
  const send = (...evs: PlaybackEvent[]) => evs.forEach((e) => actor.send(e));
  send({ type: 'playback.load', records });
  const ctx = () => actor.getSnapshot().context;
  const state = () => String(actor.getSnapshot().value);
  return { clock, actor, send, ctx, state, selected };
}

describe('the playback machine', () => {
  it('plays with the clock, 0.15 µs per ms at 1×, and ends at the last arrival', () => {
    const { clock, send, ctx, state } = start();
    expect(state()).toBe('idle');
    expect(clock.running).toBe(false);
    send({ type: 'playback.play' });
    expect(state()).toBe('playing');
    clock.advance(100);
    expect(ctx().timeUs).toBeCloseTo(15);
    expect(ctx().cursor).toBe(1);
    send({ type: 'playback.set_speed', speed: 10 });
    clock.advance(100);
    expect(ctx().timeUs).toBeCloseTo(165);
    expect(ctx().cursor).toBe(4);
    // The second frame arrives at 200; after it the 4800 µs quiet gap is skipped.
    clock.advance(30);
    expect(ctx().timeUs).toBe(5000);
    clock.advance(100);
    expect(state()).toBe('ended');
    expect(ctx().timeUs).toBe(5100);
    expect(ctx().cursor).toBe(7);
    expect(clock.running).toBe(false);
  });

  it('pauses, resumes, and restarts from the beginning after the end', () => {
    const { clock, send, ctx, state } = start();
    send({ type: 'playback.play' });
    clock.advance(200);
    send({ type: 'playback.toggle' });
    expect(state()).toBe('paused');
    expect(clock.running).toBe(false);
    const t = ctx().timeUs;
    clock.advance(200);
    expect(ctx().timeUs).toBe(t);
    send({ type: 'playback.to_end' });
    expect(state()).toBe('ended');
    send({ type: 'playback.play' });
    expect(state()).toBe('playing');
    expect(ctx().timeUs).toBe(0);
  });

  it('steps forward to the next hop with a short animation and selects it', () => {
    const { clock, send, ctx, state, selected } = start();
    send({ type: 'playback.step_forward' });
    // Record 0 is at time 0: the step completes at once.
    expect(state()).toBe('paused');
    expect(selected).toEqual([0]);
    send({ type: 'playback.step_forward' });
    expect(state()).toBe('stepping');
    expect(ctx().target).toBe(2);
    clock.advance(200);
    expect(state()).toBe('stepping');
    expect(ctx().timeUs).toBeGreaterThan(0);
    clock.advance(250);
    expect(state()).toBe('paused');
    expect([ctx().timeUs, ctx().cursor, ctx().at]).toEqual([100, 3, 2]);
    expect(selected).toEqual([0, 2]);
  });

  it('completes a step at once on Escape or another step, and abandons it on interrupt', () => {
    const { send, ctx, state, selected } = start();
    send({ type: 'playback.step_forward' }, { type: 'playback.step_forward' }, { type: 'playback.cancel' });
    expect([state(), ctx().at]).toEqual(['paused', 2]);
    // Record 3 happens at the same time as 2: the step completes at once.
    send({ type: 'playback.step_forward' });
    expect([state(), ctx().at]).toEqual(['paused', 3]);
    send({ type: 'playback.step_forward' });
    expect([state(), ctx().target]).toEqual(['stepping', 5]);
    send({ type: 'playback.interrupt' });
    expect([state(), ctx().target, ctx().timeUs]).toEqual(['paused', undefined, 100]);
    // From time 100 with no current record, steps visit the records at 100 again, then head for 5.
    send({ type: 'playback.step_forward' }, { type: 'playback.step_forward' }, { type: 'playback.step_forward' });
    expect([state(), ctx().target]).toEqual(['stepping', 5]);
    send({ type: 'playback.step_forward' });
    // That press completed the step to 5; there is no hop after it.
    expect([state(), ctx().at, ctx().timeUs]).toEqual(['paused', 5, 5000]);
    expect(selected).toEqual([0, 2, 3, 2, 3, 5]);
  });

  it('steps back to the previous hop, and seeks to a record from the event list', () => {
    const { send, ctx, state, selected } = start();
    send({ type: 'playback.to_end' }, { type: 'playback.step_back' });
    expect([state(), ctx().at, ctx().timeUs]).toEqual(['paused', 5, 5000]);
    send({ type: 'playback.step_back' });
    expect([ctx().at, ctx().timeUs, ctx().cursor]).toEqual([3, 100, 4]);
    send({ type: 'playback.seek_record', seq: 4 });
    expect([ctx().at, ctx().timeUs, ctx().cursor]).toEqual([4, 200, 5]);
    send({ type: 'playback.seek_record', seq: 99 });
    expect(ctx().at).toBe(4);
    expect(selected).toEqual([5, 3, 4]);
    send({ type: 'playback.to_start' }, { type: 'playback.step_back' });
    expect([state(), ctx().timeUs]).toEqual(['paused', 0]);
  });

  it('seeks within the run, clamped, and keeps playing when playing', () => {
    const { send, ctx, state } = start();
    send({ type: 'playback.seek', timeUs: 150 });
    expect([state(), ctx().cursor]).toEqual(['paused', 4]);
    send({ type: 'playback.play' }, { type: 'playback.seek', timeUs: 50 });
    expect([state(), ctx().timeUs]).toEqual(['playing', 50]);
    send({ type: 'playback.seek', timeUs: 1e9 });
    expect([state(), ctx().timeUs]).toEqual(['ended', 5100]);
    send({ type: 'playback.seek', timeUs: -5 });
    expect([state(), ctx().timeUs]).toEqual(['paused', 0]);
  });

  it('keeps speed within 0.1×–10× and steps through the presets', () => {
    const { send, ctx } = start();
    send({ type: 'playback.set_speed', speed: 50 });
    expect(ctx().speed).toBe(10);
    send({ type: 'playback.set_speed', speed: 0 }, { type: 'playback.slower' });
    expect(ctx().speed).toBe(0.1);
    send({ type: 'playback.faster' }, { type: 'playback.faster' });
    expect(ctx().speed).toBe(0.5);
  });

  it('keeps the position when a run is rebuilt, and continues after more traffic', () => {
    const { send, ctx, state } = start(trace.slice(0, 5));
    send({ type: 'playback.to_end' });
    expect([state(), ctx().timeUs]).toEqual(['ended', 200]);
    send({ type: 'playback.load', records: trace });
    expect([state(), ctx().timeUs, ctx().cursor]).toEqual(['paused', 200, 5]);
    send({ type: 'playback.seek', timeUs: 5050 }, { type: 'playback.load', records: trace.slice(0, 5) });
    expect([state(), ctx().timeUs]).toEqual(['ended', 200]);
  });

  it('replays from the start', () => {
    const { clock, send, ctx, state } = start();
    send({ type: 'playback.to_end' }, { type: 'playback.replay' });
    expect([state(), ctx().timeUs]).toEqual(['playing', 0]);
    expect(clock.running).toBe(true);
  });

  it('goes back to the start when another lab is opened, keeping the speed', () => {
    const { send, ctx, state } = start();
    send({ type: 'playback.set_speed', speed: 5 }, { type: 'playback.to_end' }, { type: 'playback.reset' });
    expect([state(), ctx().timeUs, ctx().cursor, ctx().speed, ctx().index.endUs]).toEqual(['idle', 0, 0, 5, 0]);
  });
});
