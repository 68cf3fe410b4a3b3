/**
 * Discrete-event engine in virtual time (integer microseconds). Events at the same time run
 * first-in first-out. Nothing here reads the wall clock.
 */

/** A scheduled event; pass it to `cancel`. */
export interface EventId {
  readonly time: number;
  readonly seq: number;
}

/**
 * An entry of the event queue. `index` is its position in the heap, −1 once it has run or was
 * cancelled: cancelling removes the entry, so the queue only ever holds live events.
 */
class QueuedEvent implements EventId {
  index = -1;
  constructor(
    public time: number,
    public seq: number,
    readonly fn: (arg: unknown) => void,
    /** Passed to `fn` (lets hot paths schedule a method call without a closure). */
    readonly arg: unknown,
  ) {}
}

/** (time, seq) order: earlier first, then first scheduled first. */
const before = (a: QueuedEvent, b: QueuedEvent): boolean => a.time < b.time || (a.time === b.time && a.seq < b.seq);

/** Min-heap on (time, seq) whose entries know their position, so any of them can be removed or moved. */
class EventHeap {
  private readonly items: QueuedEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): QueuedEvent | undefined {
    return this.items[0];
  }

  push(ev: QueuedEvent): void {
    this.items.push(ev);
    this.siftUp(ev, this.items.length - 1);
  }

  pop(): QueuedEvent | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  remove(ev: QueuedEvent): void {
    this.removeAt(ev.index);
  }

  /** Restores the order after `ev`'s time or seq changed. */
  update(ev: QueuedEvent): void {
    const i = ev.index;
    if (i > 0 && before(ev, this.items[(i - 1) >> 1]!)) this.siftUp(ev, i);
    else this.siftDown(ev, i);
  }

  private removeAt(i: number): void {
    const a = this.items;
    const gone = a[i]!;
    gone.index = -1;
    const last = a.pop()!;
    if (last === gone) return;
    last.index = i;
    a[i] = last;
    this.update(last);
  }

  private siftUp(ev: QueuedEvent, i: number): void {
    const a = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent]!;
      if (!before(ev, p)) break;
      a[i] = p;
      p.index = i;
      i = parent;
    }
    a[i] = ev;
    ev.index = i;
  }

  private siftDown(ev: QueuedEvent, i: number): void {
    const a = this.items;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let child = a[l]!;
      if (r < n) {
        const rc = a[r]!;
        if (before(rc, child)) {
          c = r;
          child = rc;
        }
      }
      if (!before(child, ev)) break;
      a[i] = child;
      child.index = i;
      i = c;
    }
    a[i] = ev;
    ev.index = i;
  }
}

/** The event loop of one simulated network. */
export class Engine {
  private readonly heap = new EventHeap();
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
    return this.heap.size;
  }

  /** Runs `fn` after `delayUs` microseconds of virtual time; returns an id for `cancel`. */
  schedule(delayUs: number, fn: () => void): EventId {
    return this.callAt(this.current + delayOf(delayUs), fn, undefined);
  }

  /** Runs `fn` at absolute virtual time `timeUs` (not earlier than now). */
  scheduleAt(timeUs: number, fn: () => void): EventId {
    return this.callAt(timeUs, fn, undefined);
  }

  /** Runs `fn(arg)` at absolute virtual time `timeUs`. */
  callAt<T>(timeUs: number, fn: (arg: T) => void, arg: T): EventId {
    const ev = new QueuedEvent(timeUs > this.current ? timeUs : this.current, ++this.seq, fn as (arg: unknown) => void, arg);
    this.heap.push(ev);
    return ev;
  }

  /** Cancels a scheduled event; cancelling a finished or unknown id does nothing. */
  cancel(id: EventId | undefined): void {
    if (id instanceof QueuedEvent && id.index >= 0) this.heap.remove(id);
  }

  /**
   * Queues `ev` at `timeUs` exactly as cancelling it and scheduling it anew would: it takes the
   * next sequence number, so it runs after everything already scheduled for that time.
   */
  requeue(ev: QueuedEvent, timeUs: number): void {
    ev.time = timeUs > this.current ? timeUs : this.current;
    ev.seq = ++this.seq;
    if (ev.index >= 0) this.heap.update(ev);
    else this.heap.push(ev);
  }

  /** Removes `ev` from the queue if it is waiting. */
  dequeue(ev: QueuedEvent): void {
    if (ev.index >= 0) this.heap.remove(ev);
  }

  /** Time of the next event, or undefined when idle. */
  nextEventTime(): number | undefined {
    return this.heap.peek()?.time;
  }

  /** Runs events up to and including `timeUs`, then sets the clock to `timeUs`. */
  runUntil(timeUs: number): void {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.time > timeUs) break;
      this.step();
    }
    if (timeUs > this.current) this.current = timeUs;
  }

  /** Runs one event; returns false when there is none. */
  step(): boolean {
    const ev = this.heap.pop();
    if (!ev) return false;
    this.current = ev.time;
    this.executed++;
    ev.fn(ev.arg);
    return true;
  }

  /**
   * Runs until `settled()` holds after an event, no events remain, or the clock passes
   * `deadlineUs`. Returns whether `settled()` became true.
   */
  runWhile(settled: () => boolean, deadlineUs: number): boolean {
    if (settled()) return true;
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.time > deadlineUs) return settled();
      this.step();
      if (settled()) return true;
    }
  }
}

/** A delay as the engine counts it: whole microseconds, never negative. */
const delayOf = (delayUs: number): number => Math.max(0, Math.round(delayUs));

/**
 * A timer that is re-armed over and over (struct timer_list): `mod` moves it like mod_timer,
 * `del` stops it like del_timer. One queue entry serves every arming, so re-arming on each ACK
 * costs no allocation and leaves no cancelled events behind.
 */
export class Timer<T = undefined> {
  private readonly ev: QueuedEvent;

  constructor(private readonly engine: Engine, fn: (arg: T) => void, arg: T) {
    this.ev = new QueuedEvent(0, 0, fn as (arg: unknown) => void, arg);
  }

  /** timer_pending. */
  get pending(): boolean {
    return this.ev.index >= 0;
  }

  /** mod_timer: (re-)arms the timer for absolute virtual time `timeUs`. */
  mod(timeUs: number): void {
    this.engine.requeue(this.ev, timeUs);
  }

  /** (Re-)arms the timer `delayUs` from now, rounded as `Engine.schedule` rounds. */
  modAfter(delayUs: number): void {
    this.engine.requeue(this.ev, this.engine.now + delayOf(delayUs));
  }

  /** del_timer. */
  del(): void {
    this.engine.dequeue(this.ev);
  }
}
