/** A source of animation frames: calls `onFrame` with the wall-clock milliseconds since the last frame. */
export interface Clock {
  /** Starts calling `onFrame`; returns a function that stops it. */
  start(onFrame: (dtMs: number) => void): () => void;
}

/** A clock driven by hand, for tests: `advance(ms)` delivers one frame to every running listener. */
export class FakeClock implements Clock {
  private readonly listeners = new Set<(dtMs: number) => void>();

  start(onFrame: (dtMs: number) => void): () => void {
    this.listeners.add(onFrame);
    return () => this.listeners.delete(onFrame);
  }

  /** Whether some state is listening (the machine is playing or stepping). */
  get running(): boolean {
    return this.listeners.size > 0;
  }

  /** Delivers `frames` frames of `ms` each. */
  advance(ms: number, frames = 1): void {
    for (let i = 0; i < frames; i++) for (const l of [...this.listeners]) l(ms);
  }
}
