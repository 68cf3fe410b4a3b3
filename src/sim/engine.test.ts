import { describe, expect, it } from 'vitest';
import { Engine, Timer } from './engine.ts';

describe('Engine', () => {
  it('runs posted, scheduled and timer events of one instant in the order they were queued', () => {
    const engine = new Engine();
    const order: string[] = [];
    const timer = new Timer(engine, (name: string) => order.push(name), 'timer');
    engine.post(10, (name: string) => order.push(name), 'post-1');
    engine.scheduleAt(10, () => order.push('scheduled'));
    timer.mod(10);
    engine.post(10, (name: string) => order.push(name), 'post-2');
    engine.post(5, (name: string) => order.push(name), 'earlier');
    engine.runUntil(10);
    expect(order).toEqual(['earlier', 'post-1', 'scheduled', 'timer', 'post-2']);
  });

  it('gives each posted event its own argument when entries are reused, also for events posted while one runs', () => {
    const engine = new Engine();
    const seen: number[] = [];
    const hop = (n: number): void => {
      seen.push(n);
      if (n < 5) {
        engine.post(engine.now + 1, hop, n + 1);
        engine.post(engine.now + 1, (m: number) => seen.push(m), 100 + n);
      }
    };
    engine.post(0, hop, 0);
    engine.runUntil(1_000);
    expect(seen).toEqual([0, 1, 100, 2, 101, 3, 102, 4, 103, 5, 104]);
    expect(engine.eventsRun).toBe(11);
    expect(engine.pending).toBe(0);
  });

  it('never runs a posted event before the current time', () => {
    const engine = new Engine();
    engine.runUntil(50);
    let at = -1;
    engine.post(20, () => {
      at = engine.now;
    }, undefined);
    engine.runUntil(60);
    expect(at).toBe(50);
  });

  it('calls the batch hook between batches of runWhile and once when it ends', () => {
    const engine = new Engine();
    for (let i = 0; i < 3000; i++) engine.post(i, () => {}, undefined);
    const seenAt: number[] = [];
    engine.batchHook = () => seenAt.push(engine.eventsRun);
    expect(engine.runWhile(() => false, 10_000)).toBe(false);
    // Batches of 1024 events: two full ones, then the rest until the queue is empty.
    expect(seenAt).toEqual([1024, 2048, 3000]);
    seenAt.length = 0;
    engine.post(10_000, () => {}, undefined);
    expect(engine.runWhile(() => engine.pending === 0, 20_000)).toBe(true);
    expect(seenAt).toEqual([3001]);
  });
});
