/**
 * Discrete-event engine in virtual time (integer microseconds). Events at the same time run
 * first-in first-out. Nothing here reads the wall clock.
 */

import { EventQueue, QueuedEvent } from './event-queue.ts';

/** A scheduled event; pass it to `cancel`. */
export interface EventId {
  readonly time: number;
  readonly seq: number;
}

/** The event loop of one simulated network. */
export class Engine {
  private readonly queue = new EventQueue();
  private seq = 0;
  private current = 0;
  private executed = 0;
  /**
   * Entries of posted events that have run, for `post` to reuse. It starts with one, so that the
   * array holds objects from the start: code compiled while it was still empty would be thrown
   * away at its first push (an elements-kind change), in every function `post` is inlined into.
   */
  private readonly spare: QueuedEvent[] = [spareEvent()];
  /**
   * Called after each batch of `runWhile`, once at least for every call: the worker reports
   * progress on long runs from it (the engine itself reads no clock).
   */
  batchHook: (() => void) | undefined = undefined;

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
    return this.queue.size;
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
    const ev = new QueuedEvent(this.notBeforeNow(timeUs), ++this.seq, fn as (arg: unknown) => void, arg);
    this.queue.push(ev);
    return ev;
  }

  /**
   * Runs `fn(arg)` at absolute virtual time `timeUs`, for an event nobody cancels (frames on a
   * link, entry timers that check on firing): there is no id, so the queue entry is reused once
   * the event has run, and the busiest events allocate nothing.
   */
  post<T>(timeUs: number, fn: (arg: T) => void, arg: T): void {
    const time = this.notBeforeNow(timeUs);
    let ev = this.spare.pop();
    if (ev === undefined) {
      ev = new QueuedEvent(time, ++this.seq, fn as (arg: unknown) => void, arg);
      ev.recycle = true;
    } else {
      ev.time = time;
      ev.seq = ++this.seq;
      ev.fn = fn as (arg: unknown) => void;
      ev.arg = arg;
    }
    this.queue.push(ev);
  }

  /** Cancels a scheduled event; cancelling a finished or unknown id does nothing. */
  cancel(id: EventId | undefined): void {
    if (id instanceof QueuedEvent && id.index >= 0) this.queue.remove(id);
  }

  /**
   * Queues `ev` at `timeUs` exactly as cancelling it and scheduling it anew would: it takes the
   * next sequence number, so it runs after everything already scheduled for that time.
   */
  requeue(ev: QueuedEvent, timeUs: number): void {
    ev.time = this.notBeforeNow(timeUs);
    ev.seq = ++this.seq;
    if (ev.index >= 0) this.queue.update(ev);
    else this.queue.push(ev);
  }

  /** Removes `ev` from the queue if it is waiting. */
  dequeue(ev: QueuedEvent): void {
    if (ev.index >= 0) this.queue.remove(ev);
  }

  /** Time of the next event, or undefined when idle. */
  nextEventTime(): number | undefined {
    return this.queue.peek()?.time;
  }

  /** An event time: never earlier than now. */
  private notBeforeNow(timeUs: number): number {
    return timeUs > this.current ? timeUs : this.current;
  }

  /** Runs events up to and including `timeUs`, then sets the clock to `timeUs`. */
  runUntil(timeUs: number): void {
    while (this.step(timeUs));
    if (timeUs > this.current) this.current = timeUs;
  }

  /** Runs the next event if it is due at or before `limitUs`; returns false when none is. */
  step(limitUs = Number.POSITIVE_INFINITY): boolean {
    const ev = this.queue.pop(limitUs);
    if (!ev) return false;
    this.current = ev.time;
    this.executed++;
    ev.fn(ev.arg);
    if (ev.recycle) {
      ev.arg = undefined;
      this.spare.push(ev);
    }
    return true;
  }

  /**
   * Runs until `settled()` holds after an event, no events remain, or the clock passes
   * `deadlineUs`. Returns whether `settled()` became true.
   */
  runWhile(settled: () => boolean, deadlineUs: number): boolean {
    if (settled()) return true;
    let batch: Batch;
    do {
      batch = this.runBatch(settled, deadlineUs);
      this.batchHook?.();
    } while (batch === Batch.Full);
    return batch === Batch.Settled || settled();
  }

  /**
   * Up to BATCH_EVENTS events of `runWhile`. The loop is cut into calls so that the JavaScript
   * engine can move on to compiled code between them: one call that ran a whole busy run would
   * stay in the code it started with, however hot it got.
   */
  private runBatch(settled: () => boolean, deadlineUs: number): Batch {
    for (let i = 0; i < BATCH_EVENTS; i++) {
      if (!this.step(deadlineUs)) return Batch.Idle;
      if (settled()) return Batch.Settled;
    }
    return Batch.Full;
  }
}

/** How a batch of `runWhile` ended: settled, nothing left to run by the deadline, or its events used up. */
const enum Batch { Settled, Idle, Full }
const BATCH_EVENTS = 1024;

/** An entry for `post` to fill. */
function spareEvent(): QueuedEvent {
  const ev = new QueuedEvent(0, 0, ignore, undefined);
  ev.recycle = true;
  return ev;
}

const ignore = (): void => {};

/** A delay as the engine counts it: whole microseconds, never negative. */
const delayOf = (delayUs: number): number => Math.max(0, Math.round(delayUs));

/**
 * A timer that is re-armed over and over (struct timer_list): `mod` moves it like mod_timer,
 * `del` stops it like del_timer. The timer is its own queue entry, so re-arming on each ACK
 * costs no allocation and leaves no cancelled events behind.
 */
export class Timer<T = undefined> extends QueuedEvent {
  constructor(private readonly engine: Engine, fn: (arg: T) => void, arg: T) {
    super(0, 0, fn as (arg: unknown) => void, arg);
  }

  /** timer_pending. */
  get pending(): boolean {
    return this.index >= 0;
  }

  /** mod_timer: (re-)arms the timer for absolute virtual time `timeUs`. */
  mod(timeUs: number): void {
    this.engine.requeue(this, timeUs);
  }

  /** (Re-)arms the timer `delayUs` from now, rounded as `Engine.schedule` rounds. */
  modAfter(delayUs: number): void {
    this.engine.requeue(this, this.engine.now + delayOf(delayUs));
  }

  /** del_timer. */
  del(): void {
    this.engine.dequeue(this);
  }
}
