import type { LabDocument } from '../lab/document.ts';
import type { NodeSnapshot } from '../sim/model/snapshot.ts';
import type { Completion, FlowSummary, Progress, RunDelta, RunRequest, ShellOutput, SimApi, TimelineEntry } from './api.ts';
import { SimSession } from './session.ts';

/**
 * The trace records a run keeps for playback: about 1,200 HTTP requests through a director, some
 * 250 MB in the page and the worker together. Longer runs (a loop of thousands of curls) go on
 * unrecorded, at the simulation's full speed, and the page says so.
 */
const TRACE_BUDGET = 250_000;

/** Wall milliseconds a request runs before it first reports progress, and between reports. */
const PROGRESS_AFTER_MS = 300;
const PROGRESS_EVERY_MS = 250;

/** Runs shell command lines against a session (provided by the shell layer). */
export interface ShellExecutor {
  /** Executes `line` on `node`; returns the output and the (possibly edited) document. */
  exec(session: SimSession, doc: LabDocument, node: string, line: string): { output: ShellOutput; doc: LabDocument };
  /** Background output (tcpdump) since the last call, one background-only entry per node. */
  drainBackground(session: SimSession): ShellOutput[];
  /** Tab completion of `text` on `node` in the shell of `session`. */
  complete(session: SimSession, doc: LabDocument, node: string, text: string): Completion;
}

/** The shell of a service: an executor, or a loader the first shell line waits for (the worker loads the shell's code on demand). */
export type ShellSource = ShellExecutor | (() => Promise<ShellExecutor>);

/**
 * The worker's implementation of the contract, usable directly in tests: one session at a time,
 * rebuilt by `run`, extended by `append`.
 */
export class SimService implements SimApi {
  private session: SimSession | undefined;
  private doc: LabDocument | undefined;
  private flows: FlowSummary[] = [];
  private shell: ShellExecutor | undefined;
  private loading: Promise<ShellExecutor> | undefined;

  constructor(
    private readonly shellSource: ShellSource | undefined,
    /** Wall milliseconds (`performance.now`), for pacing progress reports. */
    private readonly wallClock: () => number = () => 0,
  ) {
    if (typeof shellSource === 'object') this.shell = shellSource;
  }

  async run(req: RunRequest, onProgress?: (p: Progress) => void): Promise<RunDelta> {
    await this.shellFor(req.timeline);
    this.session = new SimSession(req.doc, { seed: req.seed, traceBudget: TRACE_BUDGET });
    this.doc = req.doc;
    this.flows = [];
    if (req.scenario) {
      for (const h of this.session.runScenario()) this.flows.push({ flowId: h.flowId, action: h.action, result: h.result });
    }
    return this.apply(req.timeline, 0, onProgress);
  }

  async append(entries: readonly TimelineEntry[], onProgress?: (p: Progress) => void): Promise<RunDelta> {
    if (!this.session) throw new Error('no lab is loaded');
    await this.shellFor(entries);
    return this.apply(entries, this.session.records.length, onProgress);
  }

  async complete(node: string, text: string): Promise<Completion> {
    if (!this.session) throw new Error('no lab is loaded');
    await this.shellFor([{ kind: 'shell', node, line: text }]);
    return this.shell ? this.shell.complete(this.session, this.doc!, node, text) : { text, candidates: [] };
  }

  pcap(): Promise<Uint8Array> {
    if (!this.session) return Promise.reject(new Error('no lab is loaded'));
    return Promise.resolve(this.session.pcap());
  }

  /** Loads the shell before the first entries that need it; a failed load is retried by the next shell line. */
  private async shellFor(entries: readonly TimelineEntry[]): Promise<void> {
    const source = this.shellSource;
    if (this.shell || typeof source !== 'function' || !entries.some((e) => e.kind === 'shell')) return;
    this.loading ??= source().catch((e: unknown) => {
      this.loading = undefined;
      throw e;
    });
    this.shell = await this.loading;
  }

  private apply(entries: readonly TimelineEntry[], fromSeq: number, onProgress?: (p: Progress) => void): RunDelta {
    const session = this.session!;
    const shell: ShellOutput[] = [];
    const firstFlow = this.flows.length;
    const engine = session.network.engine;
    let done = 0;
    let reportAt = this.wallClock() + PROGRESS_AFTER_MS;
    const report = (): void => {
      const now = this.wallClock();
      if (now < reportAt) return;
      reportAt = now + PROGRESS_EVERY_MS;
      onProgress?.({ done, total: entries.length, eventsRun: engine.eventsRun, virtualUs: engine.now });
    };
    // Long entries (a loop of thousands of curls) report from inside, between batches of events.
    engine.batchHook = onProgress ? report : undefined;
    try {
      for (const e of entries) {
        this.applyEntry(session, e, shell);
        done++;
        report();
      }
    } finally {
      engine.batchHook = undefined;
    }
    const snapshots: Record<string, NodeSnapshot> = {};
    for (const id of session.network.hosts.keys()) snapshots[id] = session.snapshot(id)!;
    return {
      records: session.records.slice(fromSeq),
      fromSeq,
      flows: fromSeq === 0 ? this.flows : this.flows.slice(firstFlow),
      shell,
      snapshots,
      endUs: session.network.engine.now,
      traceStoppedAt: session.traceStoppedAt,
      issues: session.network.issues().map((i) => `${i.node}: ${i.what}`),
      doc: this.doc!,
    };
  }

  /** Runs one timeline entry: its traffic, or its shell line (whose edits reconfigure the session). */
  private applyEntry(session: SimSession, e: TimelineEntry, shell: ShellOutput[]): void {
    if (e.kind === 'traffic') {
      const h = session.run(e.action);
      this.flows.push({ flowId: h.flowId, action: h.action, result: h.result });
    } else if (this.shell) {
      const r = this.shell.exec(session, this.doc!, e.node, e.line);
      shell.push(r.output);
      if (r.doc !== this.doc) {
        this.doc = r.doc;
        session.reconfigure(r.doc);
      }
    } else {
      shell.push({ node: e.node, line: e.line, stdout: '', stderr: 'the shell is not available', chunks: [{ stream: 'stderr', text: 'the shell is not available' }], exitCode: 127, background: [] });
    }
    if (this.shell) shell.push(...this.shell.drainBackground(session));
  }
}
