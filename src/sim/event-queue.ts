/**
 * The engine's queue of pending events, ordered by (time, seq), in three tiers as the kernel's
 * timer code and discrete-event simulators keep them:
 * - the near ring: one first-in first-out list per microsecond for the next 2^12 µs (frames on
 *   links, loopback, daemons' replies — nearly every event), found through an occupancy bitmap;
 * - a binary heap for the rest of the current wheel slot (retransmission and delayed-ACK timers);
 * - the slots of a timer wheel for events at least one slot ahead (TIME_WAIT, connection expiry,
 *   NUD timers), unsorted, as in kernel/time/timer.c, entering the heap when their slot comes.
 * An event moves only towards the front: wheel → heap → ring, each time before anything newer can
 * be queued for its instant, so a list in the ring is always in sequence order.
 */

import { doubled } from './columns.ts';

/** Width of a wheel slot: 2^20 µs, about a second. */
const SLOT_BITS = 20;
const SLOT_US = 2 ** SLOT_BITS;

/** Width of the near ring: 2^12 µs, one list per microsecond. */
const RING_BITS = 12;
const RING_US = 1 << RING_BITS;
const RING_MASK = RING_US - 1;
const RING_WORDS = RING_US >> 5;

/** `QueuedEvent.slot` of an entry in the heap, and of one in the ring. */
const IN_HEAP = -1;
const IN_RING = -2;

/**
 * An entry of the queue. `index` is its handle in the heap, its position in its wheel slot or
 * its list in the ring, −1 once it has run or was cancelled: cancelling removes the entry, so the
 * queue holds only live events.
 */
export class QueuedEvent {
  index = -1;
  /** The wheel slot holding the entry, `IN_HEAP` (−1) or `IN_RING` (−2). */
  slot = IN_HEAP;
  /** Neighbours in the entry's ring list. */
  prev: QueuedEvent | undefined = undefined;
  next: QueuedEvent | undefined = undefined;

  /** The engine reuses the entry once it has run (an event posted without an id, see `Engine.post`). */
  recycle = false;

  constructor(
    public time: number,
    public seq: number,
    public fn: (arg: unknown) => void,
    /** Passed to `fn` (lets hot paths schedule a method call without a closure). */
    public arg: unknown,
  ) {}
}

/**
 * The near ring: for each microsecond of a window [base, base + 2^12), the events at that instant
 * as a doubly linked list in queueing order, and a bitmap of the instants that have any.
 */
class NearRing {
  private readonly heads: (QueuedEvent | undefined)[] = new Array<QueuedEvent | undefined>(RING_US).fill(undefined);
  private readonly tails: (QueuedEvent | undefined)[] = new Array<QueuedEvent | undefined>(RING_US).fill(undefined);
  private readonly occupied = new Int32Array(RING_WORDS);
  count = 0;

  /** Appends `ev` to the list of its instant (which must lie in the window). */
  add(ev: QueuedEvent): void {
    const b = ev.time & RING_MASK;
    const tail = this.tails[b];
    ev.slot = IN_RING;
    ev.index = b;
    ev.next = undefined;
    ev.prev = tail;
    if (tail === undefined) {
      this.heads[b] = ev;
      this.occupied[b >> 5]! |= 1 << (b & 31);
    } else {
      tail.next = ev;
    }
    this.tails[b] = ev;
    this.count++;
  }

  remove(ev: QueuedEvent): void {
    const b = ev.index;
    const { prev, next } = ev;
    if (prev === undefined) this.heads[b] = next;
    else prev.next = next;
    if (next === undefined) this.tails[b] = prev;
    else next.prev = prev;
    if (prev === undefined && next === undefined) this.occupied[b >> 5]! &= ~(1 << (b & 31));
    ev.prev = undefined;
    ev.next = undefined;
    ev.index = -1;
    ev.slot = IN_HEAP;
    this.count--;
  }

  /** Takes `ev`, the first of its instant's list (what `first` returns), off the ring. */
  shift(ev: QueuedEvent): void {
    const b = ev.index;
    const next = ev.next;
    this.heads[b] = next;
    if (next === undefined) {
      this.tails[b] = undefined;
      this.occupied[b >> 5]! &= ~(1 << (b & 31));
    } else {
      next.prev = undefined;
      ev.next = undefined;
    }
    ev.index = -1;
    ev.slot = IN_HEAP;
    this.count--;
  }

  /** The earliest event of the window that starts at `base`. */
  first(base: number): QueuedEvent | undefined {
    if (this.count === 0) return undefined;
    const start = base & RING_MASK;
    let w = start >> 5;
    // The start word's bits from `start` on; after one turn the same word again, whole.
    let bits = this.occupied[w]! & (-1 << (start & 31));
    for (let i = 0; i <= RING_WORDS; i++) {
      if (bits !== 0) return this.heads[(w << 5) | (31 - Math.clz32(bits & -bits))];
      w = (w + 1) & (RING_WORDS - 1);
      bits = this.occupied[w]!;
    }
    return undefined;
  }
}

/**
 * Min-heap on (time, seq). Each entry gets a small integer handle for as long as it is queued;
 * the heap itself holds only numbers — keys and handles by position, positions by handle — so
 * sifting never visits the event objects, which lie scattered over memory. Through its handle
 * any entry can be removed or moved.
 */
class EventHeap {
  /** By position: the keys and the handle. */
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private handles = new Int32Array(1024);
  /** By handle: the position and the event. */
  private positions = new Int32Array(1024);
  private readonly events: (QueuedEvent | undefined)[] = [];
  private readonly freeHandles: number[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  peek(): QueuedEvent | undefined {
    if (this.n === 0) return undefined;
    this.settleTop();
    return this.events[this.handles[0]!];
  }

  push(ev: QueuedEvent): void {
    if (this.n === this.times.length) this.grow();
    const h = this.freeHandles.pop() ?? this.events.length;
    this.events[h] = ev;
    ev.index = h;
    this.siftUp(h, ev.time, ev.seq, this.n++);
  }

  pop(): QueuedEvent | undefined {
    if (this.n === 0) return undefined;
    this.settleTop();
    const ev = this.events[this.handles[0]!]!;
    this.removeAt(0);
    return ev;
  }

  remove(ev: QueuedEvent): void {
    this.removeAt(this.positions[ev.index]!);
  }

  /**
   * Restores the order after `ev`'s time or seq changed. A move to a later key is left for
   * `settleTop`: the entry keeps its earlier key, a lower bound of the real one, and is put in
   * place only if it reaches the top (as tcp_write_timer_handler re-arms a timer that fired
   * before icsk_timeout rather than every ACK moving it).
   */
  update(ev: QueuedEvent): void {
    const h = ev.index;
    const i = this.positions[h]!;
    const t = this.times[i]!;
    if (ev.time > t || (ev.time === t && ev.seq > this.seqs[i]!)) return;
    this.place(h, ev.time, ev.seq, i);
  }

  /** Puts entries whose event moved later into place until the top's key is its event's own. */
  private settleTop(): void {
    for (;;) {
      const h = this.handles[0]!;
      const ev = this.events[h]!;
      if (ev.time === this.times[0] && ev.seq === this.seqs[0]) return;
      this.siftDown(h, ev.time, ev.seq, 0);
    }
  }

  private removeAt(i: number): void {
    const h = this.handles[i]!;
    this.events[h]!.index = -1;
    this.events[h] = undefined;
    this.freeHandles.push(h);
    const last = --this.n;
    if (i !== last) this.place(this.handles[last]!, this.times[last]!, this.seqs[last]!, i);
  }

  /** Sifts the entry `h` with key (t, q), standing at `i`, up or down into place. */
  private place(h: number, t: number, q: number, i: number): void {
    const parent = (i - 1) >> 1;
    if (i > 0 && (t < this.times[parent]! || (t === this.times[parent]! && q < this.seqs[parent]!))) this.siftUp(h, t, q, i);
    else this.siftDown(h, t, q, i);
  }

  private siftUp(h: number, t: number, q: number, i: number): void {
    const { times, seqs, handles } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < t || (pt === t && seqs[parent]! < q)) break;
      this.put(i, handles[parent]!, pt, seqs[parent]!);
      i = parent;
    }
    this.put(i, h, t, q);
  }

  private siftDown(h: number, t: number, q: number, i: number): void {
    const { times, seqs, handles, n } = this;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let ct = times[l]!;
      let cq = seqs[l]!;
      const r = l + 1;
      if (r < n) {
        const rt = times[r]!;
        if (rt < ct || (rt === ct && seqs[r]! < cq)) {
          c = r;
          ct = rt;
          cq = seqs[r]!;
        }
      }
      if (t < ct || (t === ct && q < cq)) break;
      this.put(i, handles[c]!, ct, cq);
      i = c;
    }
    this.put(i, h, t, q);
  }

  /** Stands entry `h` with key (t, q) at position `i`. */
  private put(i: number, h: number, t: number, q: number): void {
    this.times[i] = t;
    this.seqs[i] = q;
    this.handles[i] = h;
    this.positions[h] = i;
  }

  /** Doubles the arrays (handles never outnumber the entries, so one capacity serves both). */
  private grow(): void {
    this.times = doubled(this.times);
    this.seqs = doubled(this.seqs);
    this.handles = doubled(this.handles);
    this.positions = doubled(this.positions);
  }
}

/** Unsorted buckets of far events by slot, and the slot numbers in order (one level of a timer wheel). */
class TimerWheel {
  private readonly buckets = new Map<number, QueuedEvent[]>();
  /** Min-heap of the slots that have a bucket. */
  private readonly slots: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(ev: QueuedEvent): void {
    const slot = Math.floor(ev.time / SLOT_US);
    let bucket = this.buckets.get(slot);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(slot, bucket);
      this.pushSlot(slot);
    }
    ev.slot = slot;
    ev.index = bucket.length;
    bucket.push(ev);
    this.count++;
  }

  /** Takes `ev` out of its slot (an emptied bucket stays until its slot comes). */
  remove(ev: QueuedEvent): void {
    const bucket = this.buckets.get(ev.slot)!;
    const last = bucket.pop()!;
    if (last !== ev) {
      last.index = ev.index;
      bucket[ev.index] = last;
    }
    ev.index = -1;
    ev.slot = IN_HEAP;
    this.count--;
  }

  /** The earliest slot and its events, taken out of the wheel; undefined when the wheel is empty. */
  takeNext(): { slot: number; events: QueuedEvent[] } | undefined {
    while (this.slots.length > 0) {
      const slot = this.popSlot();
      const events = this.buckets.get(slot)!;
      this.buckets.delete(slot);
      if (events.length === 0) continue;
      this.count -= events.length;
      return { slot, events };
    }
    return undefined;
  }

  private pushSlot(slot: number): void {
    const s = this.slots;
    let i = s.length;
    s.push(slot);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (s[parent]! <= slot) break;
      s[i] = s[parent]!;
      i = parent;
    }
    s[i] = slot;
  }

  private popSlot(): number {
    const s = this.slots;
    const top = s[0]!;
    const last = s.pop()!;
    if (s.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= s.length) break;
        const c = l + 1 < s.length && s[l + 1]! < s[l]! ? l + 1 : l;
        if (s[c]! >= last) break;
        s[i] = s[c]!;
        i = c;
      }
      s[i] = last;
    }
    return top;
  }
}

/** The pending events: `peek` and `pop` give the earliest by (time, seq). */
export class EventQueue {
  private readonly ring = new NearRing();
  private readonly heap = new EventHeap();
  private readonly wheel = new TimerWheel();
  /**
   * The ring's window starts here: the time of the last event taken. Every event before
   * `base + RING_US` is in the ring; the heap holds later ones before `horizon`; the wheel the rest.
   */
  private base = 0;
  private horizon = SLOT_US;

  get size(): number {
    return this.ring.count + this.heap.size + this.wheel.size;
  }

  push(ev: QueuedEvent): void {
    const t = ev.time;
    if (t < this.base + RING_US) this.ring.add(ev);
    else if (t < this.horizon) this.heap.push(ev);
    else this.wheel.add(ev);
  }

  remove(ev: QueuedEvent): void {
    if (ev.slot === IN_RING) this.ring.remove(ev);
    else if (ev.slot === IN_HEAP) this.heap.remove(ev);
    else this.wheel.remove(ev);
  }

  /** Moves a queued event to its new (time, seq). */
  update(ev: QueuedEvent): void {
    if (ev.slot === IN_HEAP && ev.time >= this.base + RING_US && ev.time < this.horizon) {
      this.heap.update(ev);
    } else {
      this.remove(ev);
      this.push(ev);
    }
  }

  peek(): QueuedEvent | undefined {
    return this.ring.first(this.base) ?? this.heap.peek() ?? this.refill();
  }

  /** Takes the earliest event, if it is due at or before `limit`. */
  pop(limit = Number.POSITIVE_INFINITY): QueuedEvent | undefined {
    let ev = this.ring.first(this.base);
    if (ev === undefined) {
      const top = this.heap.peek() ?? this.refill();
      if (top === undefined || top.time > limit) return undefined;
      this.advance(top.time);
      ev = this.ring.first(this.base)!;
    } else if (ev.time > limit) {
      return undefined;
    } else if (ev.time !== this.base) {
      this.advance(ev.time);
    }
    this.ring.shift(ev);
    return ev;
  }

  /**
   * The clock reaches `t`: the window moves there, and whatever now falls inside it comes into
   * the ring from the wheel and the heap, in (time, seq) order, before anything newer is queued.
   */
  private advance(t: number): void {
    this.base = t;
    const end = t + RING_US;
    while (end > this.horizon && this.wheel.size > 0) this.refill();
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.time >= end) return;
      this.heap.pop();
      this.ring.add(top);
    }
  }

  /** The next slot of the wheel comes into the heap (its events are the earliest outside the ring). */
  private refill(): QueuedEvent | undefined {
    const next = this.wheel.takeNext();
    if (next === undefined) return undefined;
    this.horizon = (next.slot + 1) * SLOT_US;
    for (const ev of next.events) {
      ev.slot = IN_HEAP;
      this.heap.push(ev);
    }
    return this.heap.peek();
  }
}
