/**
 * Discrete-event engine in virtual time (integer microseconds). Events at the same time run
 * first-in first-out. Nothing here reads the wall clock.
 */

/** A scheduled event; pass it to `cancel`. */
export interface EventId {
  readonly time: number;
  readonly seq: number;
  fn: ((arg: unknown) => void) | null;
  /** Passed to `fn` (lets hot paths schedule a method call without a closure). */
  readonly arg: unknown;
}

type ScheduledEvent = EventId;

/** Min-heap on (time, seq). */
class EventHeap {
  private readonly items: ScheduledEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  push(ev: ScheduledEvent): void {
    const a = this.items;
    a.push(ev);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent]!;
      if (p.time < ev.time || (p.time === ev.time && p.seq < ev.seq)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = ev;
  }

  peek(): ScheduledEvent | undefined {
    return this.items[0];
  }

  pop(): ScheduledEvent | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    let i = 0;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      const lc = a[l]!;
      if (r < n) {
        const rc = a[r]!;
        if (rc.time < lc.time || (rc.time === lc.time && rc.seq < lc.seq)) c = r;
      }
      const child = a[c]!;
      if (last.time < child.time || (last.time === child.time && last.seq < child.seq)) break;
      a[i] = child;
      i = c;
    }
    a[i] = last;
    return top;
  }
}

/** The event loop of one simulated network. */
export class Engine {
  private readonly heap = new EventHeap();
  private live = 0;
  private seq = 0;
  private current = 0;
  private executed = 0;

  /** Current virtual time in microseconds. */
  get now(): number {
    return this.current;
  }

  /** Number of events run so far. */
  get eventsRun(): number {
    return this.executed;
  }

  /** Number of events waiting. */
  get pending(): number {
    return this.live;
  }

  /** Runs `fn` after `delayUs` microseconds of virtual time; returns an id for `cancel`. */
  schedule(delayUs: number, fn: () => void): EventId {
    return this.scheduleAt(this.current + Math.max(0, Math.round(delayUs)), fn);
  }

  /** Runs `fn` at absolute virtual time `timeUs` (not earlier than now). */
  scheduleAt(timeUs: number, fn: () => void): EventId {
    const ev: ScheduledEvent = { time: timeUs > this.current ? timeUs : this.current, seq: ++this.seq, fn, arg: undefined };
    this.heap.push(ev);
    this.live++;
    return ev;
  }

  /** Runs `fn(arg)` at absolute virtual time `timeUs`. */
  callAt<T>(timeUs: number, fn: (arg: T) => void, arg: T): EventId {
    const ev: ScheduledEvent = { time: timeUs > this.current ? timeUs : this.current, seq: ++this.seq, fn: fn as (arg: unknown) => void, arg };
    this.heap.push(ev);
    this.live++;
    return ev;
  }

  /** Cancels a scheduled event; cancelling a finished or unknown id does nothing. */
  cancel(id: EventId | undefined): void {
    if (id === undefined || id.fn === null) return;
    id.fn = null;
    this.live--;
  }

  /** Time of the next live event, or undefined when idle. */
  nextEventTime(): number | undefined {
    for (;;) {
      const top = this.heap.peek();
      if (!top) return undefined;
      if (top.fn) return top.time;
      this.heap.pop();
    }
  }

  /** Runs events up to and including `timeUs`, then sets the clock to `timeUs`. */
  runUntil(timeUs: number): void {
    for (;;) {
      const t = this.nextEventTime();
      if (t === undefined || t > timeUs) break;
      this.step();
    }
    if (timeUs > this.current) this.current = timeUs;
  }

  /** Runs one event; returns false when there is none. */
  step(): boolean {
    for (;;) {
      const ev = this.heap.pop();
      if (!ev) return false;
      const fn = ev.fn;
      if (!fn) continue;
      ev.fn = null;
      this.live--;
      this.current = ev.time;
      this.executed++;
      fn(ev.arg);
      return true;
    }
  }

  /**
   * Runs until `settled()` holds after an event, no events remain, or the clock passes
   * `deadlineUs`. Returns whether `settled()` became true.
   */
  runWhile(settled: () => boolean, deadlineUs: number): boolean {
    if (settled()) return true;
    for (;;) {
      const t = this.nextEventTime();
      if (t === undefined || t > deadlineUs) return settled();
      this.step();
      if (settled()) return true;
    }
  }
}
