import type { StateCreator } from 'zustand';
import type { LabDocument } from '../lab/document.ts';
import type { NodeSnapshot } from '../sim/model/snapshot.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import type { FlowSummary, Progress, RunDelta, ShellOutput, TimelineEntry } from '../worker/api.ts';
import type { AppState } from './app-store.ts';

/** `idle`: nothing run yet for this lab (opening a lab, even the open one again, empties the run); then running, ready or error. */
export type RunStatus = 'idle' | 'running' | 'ready' | 'error';

/** The simulation run the page shows: its trace, results and tables, as the worker reported them. */
export interface RunState {
  readonly status: RunStatus;
  readonly seed: number;
  /** What the user started, replayed when the run is rebuilt. */
  readonly timeline: readonly TimelineEntry[];
  readonly records: readonly TraceRecord[];
  readonly flows: readonly FlowSummary[];
  readonly shell: readonly ShellOutput[];
  readonly snapshots: Readonly<Record<string, NodeSnapshot>>;
  readonly endUs: number;
  /** When the trace is full: the records it kept (later traffic ran unrecorded). */
  readonly traceStoppedAt: number | undefined;
  readonly issues: readonly string[];
  readonly progress: Progress | undefined;
  readonly error: string | undefined;
  /** The document the run was built from (the run is stale when the document has changed). */
  readonly runDoc: LabDocument | undefined;
  /** A new run is pending (the document or seed changed): what is shown is the previous run. */
  readonly stale: boolean;
}

export interface RunSlice {
  readonly run: RunState;
  /** Every shell command the user typed and its output, in order, for the console (kept across re-runs). */
  readonly shellLog: readonly ShellOutput[];
  appendShellLog(out: readonly ShellOutput[]): void;
  setStale(stale: boolean): void;
  setRunStatus(status: RunStatus, error?: string): void;
  setProgress(p: Progress | undefined): void;
  setSeed(seed: number): void;
  setTimeline(timeline: readonly TimelineEntry[]): void;
  /** Takes a worker answer: a fresh run when `delta.fromSeq` is 0, else more of the current one. */
  applyRunDelta(delta: RunDelta, runDoc: LabDocument): void;
}

export const emptyRun = (seed: number): RunState => ({
  status: 'idle', seed, timeline: [], records: [], flows: [], shell: [], snapshots: {}, endUs: 0, traceStoppedAt: undefined, issues: [],
  progress: undefined, error: undefined, runDoc: undefined, stale: false,
});

export const createRunSlice = (seed: number): StateCreator<AppState, [], [], RunSlice> => (set, get) => ({
  run: emptyRun(seed),
  shellLog: [],
  appendShellLog: (out) => set({ shellLog: [...get().shellLog, ...out] }),
  setStale: (stale) => set({ run: { ...get().run, stale } }),
  setRunStatus: (status, error) => set({ run: { ...get().run, status, error } }),
  setProgress: (progress) => set({ run: { ...get().run, progress } }),
  setSeed: (s) => set({ run: { ...get().run, seed: s } }),
  setTimeline: (timeline) => set({ run: { ...get().run, timeline } }),
  applyRunDelta: (delta, runDoc) => {
    const run = get().run;
    const fresh = delta.fromSeq === 0;
    set({
      run: {
        ...run,
        status: 'ready',
        stale: false,
        error: undefined,
        progress: undefined,
        records: fresh ? delta.records : [...run.records, ...delta.records],
        flows: fresh ? delta.flows : [...run.flows, ...delta.flows],
        shell: fresh ? delta.shell : [...run.shell, ...delta.shell],
        snapshots: delta.snapshots,
        endUs: delta.endUs,
        traceStoppedAt: delta.traceStoppedAt,
        issues: delta.issues,
        runDoc,
      },
    });
  },
});
