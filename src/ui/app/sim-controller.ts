import type { StoreApi } from 'zustand/vanilla';
import type { LabDocument } from '../../lab/document.ts';
import type { TrafficAction } from '../../sim/model/config.ts';
import type { AppState } from '../../store/app-store.ts';
import type { Completion, Progress, RunDelta, RunRequest, ShellOutput, SimApi, TimelineEntry } from '../../worker/api.ts';
import type { PlaybackController, SimActions } from './controllers.tsx';

/** How long the document must stay unchanged before it is run (a run takes milliseconds). */
export const RUN_DEBOUNCE_MS = 120;

/** What decides a run: everything but where nodes are drawn and the lab's texts. */
function runKey(doc: LabDocument, seed: number): string {
  return JSON.stringify([seed, doc.nodes.map(({ position: _p, ...rest }) => rest), doc.links, doc.scenario]);
}

/** The run the current state asks for: the lab, its seed, its scenario and the user's timeline. */
export function runRequestOf(s: AppState): RunRequest {
  return { doc: s.doc, seed: s.run.seed, scenario: true, timeline: s.run.timeline };
}

/** A run already asked of the worker (the page starts the first one before the app mounts) and its answer to come. */
export interface StartedRun {
  readonly request: RunRequest;
  readonly answer: Promise<RunDelta>;
}

/**
 * The page's side of the simulation: runs the lab when the document or seed changes (debounced),
 * keeps the run in the store, appends traffic and shell lines, and rebuilds the run on replay.
 * Worker calls are queued, so answers arrive in the order asked; an answer to a superseded run is
 * dropped.
 */
export class SimController implements SimActions {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped for every run asked; an answer for an older generation is stale. */
  private generation = 0;
  private lastKey: string | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Ends the shell line the worker is running now as interrupted, while there is one. */
  private interruptShell: (() => void) | undefined;
  /** The run the worker is building now, and the progress it last reported. */
  private building: { readonly request: RunRequest; readonly gen: number; progress: Progress | undefined } | undefined;

  constructor(
    private readonly store: StoreApi<AppState>,
    private api: SimApi,
    private readonly playback: PlaybackController,
    private readonly debounceMs = RUN_DEBOUNCE_MS,
    /** Stops the worker and starts a fresh one (Ctrl+C on a running shell line); none: no interrupting. */
    private readonly restartWorker?: () => SimApi,
  ) {}

  /**
   * Runs the current lab and re-runs it whenever the document or seed changes, or when the store
   * empties the run (a lab opened, even the same one again). `started`, a run of the current state
   * already on its way, is taken instead of asking again.
   */
  start(started?: StartedRun): void {
    this.unsubscribe = this.store.subscribe((s, prev) => {
      const emptied = s.run.status === 'idle' && prev.run.status !== 'idle';
      if (!emptied && s.doc === prev.doc && s.run.seed === prev.run.seed && s.labId === prev.labId) return;
      if (!emptied && runKey(s.doc, s.run.seed) === this.lastKey) return;
      s.setStale(true);
      this.schedule();
    });
    const now = runRequestOf(this.store.getState());
    const current = started && started.request.doc === now.doc && started.request.seed === now.seed && started.request.timeline === now.timeline;
    void (current ? this.runWith(started.request, () => started.answer) : this.runNow());
  }

  /** Stops listening; answers still on their way are dropped. */
  dispose(): void {
    this.unsubscribe?.();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.generation++;
  }

  /** Progress from the worker, shown while a long run is under way. */
  progress(p: Progress): void {
    if (this.building) this.building.progress = p;
    this.store.getState().setProgress(p);
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runNow();
    }, this.debounceMs);
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const p = this.queue.then(job, job);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Builds the network from the document and runs the scenario and the timeline. */
  runNow(): Promise<void> {
    return this.runWith(runRequestOf(this.store.getState()), (req) => this.api.run(req));
  }

  /** Makes `request` the current run: `answer` gives its result unless a newer run supersedes it. */
  private runWith(request: RunRequest, answer: (req: RunRequest) => Promise<RunDelta>): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const gen = ++this.generation;
    this.lastKey = runKey(request.doc, request.seed);
    this.store.getState().setRunStatus('running');
    return this.enqueue(async () => {
      if (gen !== this.generation) return;
      this.building = { request, gen, progress: undefined };
      try {
        const delta = await answer(request);
        if (gen !== this.generation) return;
        this.store.getState().applyRunDelta(delta, request.doc);
      } catch (e) {
        if (gen === this.generation) this.store.getState().setRunStatus('error', e instanceof Error ? e.message : String(e));
      } finally {
        if (this.building?.gen === gen) this.building = undefined;
      }
    });
  }

  /** Whether a run is waiting (debounced) or stale: appending now would extend an outdated run. */
  private runPending(): boolean {
    const run = this.store.getState().run;
    return this.timer !== undefined || run.stale || run.status === 'running';
  }

  /** Adds entries to the timeline and to the run: appended to the current run, or in the pending one. */
  private async extend(entries: readonly TimelineEntry[]): Promise<RunDelta | undefined> {
    const s = this.store.getState();
    s.setTimeline([...s.run.timeline, ...entries]);
    if (this.runPending()) {
      await this.runNow();
      return undefined;
    }
    const gen = this.generation;
    return this.enqueue(async () => {
      if (gen !== this.generation) return undefined;
      try {
        const delta = await this.api.append(entries);
        if (gen !== this.generation) return undefined;
        const runDoc = this.store.getState().run.runDoc ?? this.store.getState().doc;
        this.store.getState().applyRunDelta(delta, runDoc);
        return delta;
      } catch (e) {
        this.store.getState().setRunStatus('error', e instanceof Error ? e.message : String(e));
        return undefined;
      }
    });
  }

  /** Starts traffic at the end of the run and plays on to watch it. */
  async sendTraffic(actions: TrafficAction | readonly TrafficAction[]): Promise<void> {
    const list: readonly TrafficAction[] = Array.isArray(actions) ? actions : [actions as TrafficAction];
    if (list.length === 0) return;
    await this.extend(list.map((action) => ({ kind: 'traffic', action })));
    this.playback.send({ type: 'playback.play' });
  }

  /**
   * Runs a shell line on a node. Its output goes to `shellLog`. A line that changes the lab's
   * configuration becomes an undoable edit (`edit.shell`) and the lab re-runs from it; other lines
   * (traffic, listings, flushes) stay in the timeline so replays repeat them.
   */
  async shell(node: string, line: string): Promise<ShellOutput | undefined> {
    const before = this.store.getState().run.runDoc ?? this.store.getState().doc;
    const entry: TimelineEntry = { kind: 'shell', node, line };
    if (this.runPending()) await this.runNow();
    const gen = this.generation;
    const interrupted = new Promise<'interrupted'>((resolve) => (this.interruptShell = () => resolve('interrupted')));
    const answer = await Promise.race([interrupted, this.enqueue(async () => {
      if (gen !== this.generation) return undefined;
      try {
        return await this.api.append([entry]);
      } catch (e) {
        if (gen === this.generation) this.store.getState().setRunStatus('error', e instanceof Error ? e.message : String(e));
        return undefined;
      }
    })]);
    this.interruptShell = undefined;
    // An interrupted line leaves no output: the console writes the terminal's ^C itself.
    if (answer === 'interrupted' || !answer) return undefined;
    const delta = answer;
    const s = this.store.getState();
    s.appendShellLog(delta.shell);
    if (JSON.stringify(delta.doc) !== JSON.stringify(before)) {
      const edited = delta.doc;
      s.edit('edit.shell', () => edited);
    } else if (gen === this.generation) {
      s.setTimeline([...s.run.timeline, entry]);
      s.applyRunDelta(delta, s.run.runDoc ?? s.doc);
    }
    return delta.shell[0];
  }

  /**
   * Ctrl+C on the shell line the worker is running: the worker, deep in a loop it cannot leave,
   * is stopped and a fresh one rebuilds the run from the lab and the timeline, without the line.
   * Returns whether there was a line to interrupt.
   */
  interrupt(): boolean {
    const interruptShell = this.interruptShell;
    if (!interruptShell || !this.restartWorker) return false;
    this.replaceWorker(this.restartWorker);
    interruptShell();
    void this.runNow();
    return true;
  }

  /**
   * The timeline entry a long rebuild of the run is on now (a loop of thousands of curls replayed
   * at load), once the worker has reported progress on it; undefined otherwise.
   */
  private entryRunning(): TimelineEntry | undefined {
    const b = this.building;
    return b?.progress && b.gen === this.generation ? b.request.timeline[b.progress.done] : undefined;
  }

  /**
   * Stops the long rebuild on the entry it is running (see `entryRunning`) as Ctrl+C stops a
   * line: a fresh worker rebuilds the run without that entry. Returns whether there was one.
   */
  stopEntry(): boolean {
    const entry = this.entryRunning();
    if (!entry || !this.restartWorker) return false;
    this.replaceWorker(this.restartWorker);
    const s = this.store.getState();
    s.setTimeline(s.run.timeline.filter((e) => e !== entry));
    s.setProgress(undefined);
    void this.runNow();
    return true;
  }

  /** Stops the worker, deep in work it cannot leave, and takes a fresh one. */
  private replaceWorker(restart: () => SimApi): void {
    this.generation++;
    this.building = undefined;
    this.api = restart();
    // What was queued for the old worker will never be answered.
    this.queue = Promise.resolve();
  }

  /** Tab completion on the running lab (nothing is recorded); undefined when it cannot be asked. */
  async complete(node: string, text: string): Promise<Completion | undefined> {
    if (this.runPending()) await this.runNow();
    return this.enqueue(() => this.api.complete(node, text)).catch(() => undefined);
  }

  /** Rebuilds the run from the start with the same timeline, then plays it from the start. */
  replay(): void {
    this.playback.send({ type: 'playback.interrupt' });
    void this.runNow().then(() => this.playback.send({ type: 'playback.replay' }));
  }

  /** Runs again now (the seed's re-run button). */
  rerun(): void {
    void this.runNow();
  }
}
