/** Bumped by a retry: loads that failed before it may be tried again. */
let attempt = 0;

/** Lets every failed load be tried again (the retry button of a `LazyArea`). */
export function retryFailedLoads(): void {
  attempt++;
}

/**
 * A load for React's `use()`: started once, and once failed it keeps failing (one error for the
 * error boundary, not a new request on every render) until `retryFailedLoads()`.
 */
export class Retryable<T> {
  private entry: { readonly promise: Promise<T>; readonly attempt: number; failed: boolean } | undefined;

  constructor(private readonly load: () => Promise<T>) {}

  /** The load's promise, the same one until it fails and a retry is asked for. */
  get(): Promise<T> {
    if (!this.entry || (this.entry.failed && this.entry.attempt !== attempt)) {
      const entry = { promise: this.load(), attempt, failed: false };
      entry.promise.catch(() => void (entry.failed = true));
      this.entry = entry;
    }
    return this.entry.promise;
  }

  /** Drops a failure so that the next `get()` tries again (a failed warm-up is not the user's error). */
  forget(): void {
    if (this.entry?.failed) this.entry = undefined;
  }
}
