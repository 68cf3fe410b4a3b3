import type { LabDocument } from '../lab/document.ts';
import type { EditRequest } from '../lab/shell/command.ts';
import type { Completion } from '../lab/shell/complete.ts';
import type { TrafficAction } from '../sim/model/config.ts';
import type { NodeSnapshot } from '../sim/model/snapshot.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import type { TrafficResult } from '../sim/model/traffic.ts';

/**
 * The one contract between the page and the simulation worker. The page sends documents and
 * user actions; the worker answers with trace records, results and node tables. Everything is
 * structured-cloneable.
 */

/** Something the user started on a run, replayed in order when the run is rebuilt. */
export type TimelineEntry =
  | { readonly kind: 'traffic'; readonly action: TrafficAction }
  | { readonly kind: 'shell'; readonly node: string; readonly line: string };

/** The result of one traffic action. */
export interface FlowSummary {
  readonly flowId: number;
  readonly action: TrafficAction;
  readonly result: TrafficResult | undefined;
}

/** A run of output on one stream. */
export interface ShellChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/**
 * What a shell command printed, for the node console. An entry with an empty `line` carries only
 * background output (a capture running on that node) produced by traffic started elsewhere.
 */
export interface ShellOutput {
  readonly node: string;
  readonly line: string;
  readonly stdout: string;
  readonly stderr: string;
  /** Both streams in the order they were written (ping's local errors between its lines), adjacent pieces of one stream joined. */
  readonly chunks: readonly ShellChunk[];
  readonly exitCode: number;
  /** Background lines (tcpdump) produced while the command ran, in virtual-time order. */
  readonly background: readonly { readonly node: string; readonly timeUs: number; readonly text: string }[];
  /** vim asked the console to open this file in its editor. */
  readonly edit?: EditRequest;
}

/** The state of a run after a request: new trace records since `fromSeq`, and the tables now. */
export interface RunDelta {
  /** Records with seq ≥ fromSeq. */
  readonly records: readonly TraceRecord[];
  readonly fromSeq: number;
  readonly flows: readonly FlowSummary[];
  readonly shell: readonly ShellOutput[];
  /** Tables of every host and router at the end of the run. */
  readonly snapshots: Readonly<Record<string, NodeSnapshot>>;
  /** Virtual time at the end of the run. */
  readonly endUs: number;
  /** When the trace is full: how many records it kept; what ran after that is not in it. */
  readonly traceStoppedAt: number | undefined;
  /** Problems realising the configuration (invalid routes, unknown schedulers…). */
  readonly issues: readonly string[];
  /** The document as the run ends (shell commands may have edited it). */
  readonly doc: LabDocument;
}

export interface RunRequest {
  readonly doc: LabDocument;
  readonly seed: number;
  /** Run the document's scenario first. */
  readonly scenario: boolean;
  readonly timeline: readonly TimelineEntry[];
}

/**
 * Progress of long work, posted while a request runs (once it has taken a moment, then a few
 * times a second): `done` of the request's `total` timeline entries have run, so the one running
 * is entry `done`.
 */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly eventsRun: number;
  /** The lab's clock (virtual µs). */
  readonly virtualUs: number;
}

/** The worker's methods. */
export interface SimApi {
  /** Builds the network from scratch and runs the scenario and timeline; the whole trace. */
  run(req: RunRequest): Promise<RunDelta>;
  /** Adds entries to the current run, at its end time; only the new records. */
  append(entries: readonly TimelineEntry[]): Promise<RunDelta>;
  /** The current run's frames as a pcap file. */
  pcap(): Promise<Uint8Array>;
  /** Tab completion of a console line on a node: the completed line and, when several match, the matches. */
  complete(node: string, text: string): Promise<Completion>;
}

/** Method names of the contract. */
export type SimMethod = keyof SimApi;

export type { Completion, EditRequest };
