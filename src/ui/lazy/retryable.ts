/** Bumped by a retry: loads that failed before it may be tried again. */
let attempt = 0;

/** Lets every failed load be tried again (the retry button of a `LazyArea`). */
export function retryFailedLoads(): void {
  attempt++;
}

/** A promise that is already fulfilled, marked so that React's use() reads it without suspending. */
export function settled<T>(value: T): Promise<T> {
  return Object.assign(Promise.resolve(value), { status: 'fulfilled' as const, value });
}

/** A promise carrying its outcome in the fields React's `use()` reads (`status`, `value`, `reason`). */
type TrackedPromise<T> = Promise<T> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown };

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
      const promise = this.load() as TrackedPromise<T>;
      const entry = { promise, attempt, failed: false };
      // Mark the outcome the way React's use() records it, so a load that has already settled is
      // read synchronously on a component's first render instead of suspending once more.
      promise.then(
        (value) => {
          promise.status = 'fulfilled';
          promise.value = value;
        },
        (reason: unknown) => {
          entry.failed = true;
          promise.status = 'rejected';
          promise.reason = reason;
        },
      );
      this.entry = entry;
    }
    return this.entry.promise;
  }

  /** Drops a failure so that the next `get()` tries again (a failed warm-up is not the user's error). */
  forget(): void {
    if (this.entry?.failed) this.entry = undefined;
  }
}
