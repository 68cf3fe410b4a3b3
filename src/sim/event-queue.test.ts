import { describe, expect, it } from 'vitest';
import { EventQueue, QueuedEvent } from './event-queue.ts';
import { Rng } from './rng.ts';

/** The order the queue must give: earlier time first, then lower sequence number. */
const byTimeSeq = (a: QueuedEvent, b: QueuedEvent): number => a.time - b.time || a.seq - b.seq;

/**
 * Random pushes (near and far: microseconds to minutes ahead, many at the same instant, on both sides of the
 * near ring's edge), cancels,
 * moves and pops, checked step by step against a plain sorted list.
 */
function runAgainstModel(seed: number, steps: number): void {
  const rng = new Rng(seed);
  const queue = new EventQueue();
  let model: QueuedEvent[] = [];
  let now = 0;
  let seq = 0;
  const delay = (): number => {
    switch (rng.below(6)) {
      case 0:
        return 0;
      case 1:
        return rng.below(8);
      case 2:
        return rng.below(1000);
      case 3:
        return rng.below(10_000);
      case 4:
        return rng.below(3_000_000);
      default:
        return rng.below(400_000_000);
    }
  };
  for (let step = 0; step < steps; step++) {
    const op = rng.below(10);
    if (op < 4) {
      const ev = new QueuedEvent(now + delay(), ++seq, () => {}, undefined);
      queue.push(ev);
      model.push(ev);
    } else if (op < 5 && model.length > 0) {
      const ev = model[rng.below(model.length)]!;
      queue.remove(ev);
      expect(ev.index).toBe(-1);
      model = model.filter((m) => m !== ev);
    } else if (op < 6 && model.length > 0) {
      const ev = model[rng.below(model.length)]!;
      ev.time = now + delay();
      ev.seq = ++seq;
      queue.update(ev);
    } else if (op < 9) {
      model.sort(byTimeSeq);
      expect(queue.peek()).toBe(model[0]);
      const ev = queue.pop();
      expect(ev).toBe(model.shift());
      if (ev) {
        expect(ev.time).toBeGreaterThanOrEqual(now);
        now = ev.time;
      }
    }
    expect(queue.size).toBe(model.length);
  }
  model.sort(byTimeSeq);
  for (const expected of model) expect(queue.pop()).toBe(expected);
  expect(queue.pop()).toBeUndefined();
  expect(queue.size).toBe(0);
}

describe('EventQueue', () => {
  it('gives events in (time, seq) order through pushes, cancels and moves, near and far', () => {
    for (let seed = 1; seed <= 20; seed++) runAgainstModel(seed, 3000);
  });

  it('keeps first-in first-out order for events at the same instant, across wheel slots', () => {
    const queue = new EventQueue();
    const far = 5 * 2 ** 20 + 17;
    const evs = [3, 1, 2].map((seq) => new QueuedEvent(far, seq, () => {}, undefined));
    for (const ev of evs) queue.push(ev);
    const near = new QueuedEvent(10, 4, () => {}, undefined);
    queue.push(near);
    expect(queue.pop()).toBe(near);
    expect([queue.pop()?.seq, queue.pop()?.seq, queue.pop()?.seq]).toEqual([1, 2, 3]);
    expect(queue.pop()).toBeUndefined();
  });

  it('moves an event from the wheel into the near future and back', () => {
    const queue = new EventQueue();
    const a = new QueuedEvent(60_000_000, 1, () => {}, undefined);
    const b = new QueuedEvent(500, 2, () => {}, undefined);
    queue.push(a);
    queue.push(b);
    a.time = 100;
    a.seq = 3;
    queue.update(a);
    expect(queue.pop()).toBe(a);
    b.time = 90_000_000;
    b.seq = 4;
    queue.update(b);
    expect(queue.size).toBe(1);
    expect(queue.pop()).toBe(b);
  });

  it('keeps an instant first-in first-out when an older event comes into the ring from the heap or the wheel', () => {
    const queue = new EventQueue();
    const ev = (time: number, seq: number): QueuedEvent => new QueuedEvent(time, seq, () => {}, undefined);
    // From the heap: `older` waits beyond the ring's window until the clock comes near it.
    const older = ev(5000, 1);
    const step = ev(2000, 2);
    queue.push(older);
    queue.push(step);
    expect(queue.pop()).toBe(step);
    const newer = ev(5000, 3);
    queue.push(newer);
    expect([queue.pop(), queue.pop()]).toEqual([older, newer]);
    // From the wheel: the window reaches into the next wheel slot.
    const far = 2 ** 20 + 100;
    const olderFar = ev(far, 4);
    const stepFar = ev(2 ** 20 - 50, 5);
    queue.push(olderFar);
    queue.push(stepFar);
    expect(queue.pop()).toBe(stepFar);
    const newerFar = ev(far, 6);
    queue.push(newerFar);
    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual([olderFar, newerFar, undefined]);
  });
});
