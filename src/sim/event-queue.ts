/**
 * The engine's queue of pending events, ordered by (time, seq). Near events sit in a binary
 * heap; events at least one wheel slot ahead (TIME_WAIT, connection expiry, NUD timers) wait
 * unsorted in the slots of a timer wheel, as in the kernel's kernel/time/timer.c, and enter the
 * heap when the heap has run dry and their slot is the next one. The heap stays as small as the
 * traffic in flight, however many long timers are pending.
 */

/** Width of a wheel slot: 2^20 µs, about a second. */
const SLOT_BITS = 20;
const SLOT_US = 2 ** SLOT_BITS;

/**
 * An entry of the queue. `index` is its handle in the heap or its position in its wheel slot,
 * −1 once it has run or was cancelled: cancelling removes the entry, so the queue holds only
 * live events.
 */
export class QueuedEvent {
  index = -1;
  /** The wheel slot holding the entry, or −1 while it is in the heap. */
  slot = -1;

  constructor(
    public time: number,
    public seq: number,
    readonly fn: (arg: unknown) => void,
    /** Passed to `fn` (lets hot paths schedule a method call without a closure). */
    readonly arg: unknown,
  ) {}
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
    const { times, seqs, handles, positions } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < t || (pt === t && seqs[parent]! < q)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      const ph = handles[parent]!;
      handles[i] = ph;
      positions[ph] = i;
      i = parent;
    }
    times[i] = t;
    seqs[i] = q;
    handles[i] = h;
    positions[h] = i;
  }

  private siftDown(h: number, t: number, q: number, i: number): void {
    const { times, seqs, handles, positions, n } = this;
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
      times[i] = ct;
      seqs[i] = cq;
      const ch = handles[c]!;
      handles[i] = ch;
      positions[ch] = i;
      i = c;
    }
    times[i] = t;
    seqs[i] = q;
    handles[i] = h;
    positions[h] = i;
  }

  /** Doubles the arrays (handles never outnumber the entries, so one capacity serves both). */
  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const handles = new Int32Array(cap);
    handles.set(this.handles);
    this.handles = handles;
    const positions = new Int32Array(cap);
    positions.set(this.positions);
    this.positions = positions;
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
    ev.slot = -1;
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
  private readonly heap = new EventHeap();
  private readonly wheel = new TimerWheel();
  /** Events before this time are in the heap; the wheel holds only later ones. */
  private horizon = SLOT_US;

  get size(): number {
    return this.heap.size + this.wheel.size;
  }

  push(ev: QueuedEvent): void {
    if (ev.time < this.horizon) this.heap.push(ev);
    else this.wheel.add(ev);
  }

  remove(ev: QueuedEvent): void {
    if (ev.slot >= 0) this.wheel.remove(ev);
    else this.heap.remove(ev);
  }

  /** Moves a queued event to its new (time, seq). */
  update(ev: QueuedEvent): void {
    if (ev.slot < 0 && ev.time < this.horizon) {
      this.heap.update(ev);
    } else {
      this.remove(ev);
      this.push(ev);
    }
  }

  peek(): QueuedEvent | undefined {
    return this.heap.peek() ?? this.refill();
  }

  pop(): QueuedEvent | undefined {
    if (this.heap.size === 0) this.refill();
    return this.heap.pop();
  }

  /** The heap ran dry: the next slot of the wheel comes in (its events are now the earliest). */
  private refill(): QueuedEvent | undefined {
    const next = this.wheel.takeNext();
    if (next === undefined) return undefined;
    this.horizon = (next.slot + 1) * SLOT_US;
    for (const ev of next.events) {
      ev.slot = -1;
      this.heap.push(ev);
    }
    return this.heap.peek();
  }
}
