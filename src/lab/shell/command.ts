import type { LabDocument, LabNode } from '../document.ts';
import type { NodeShellState } from './node-state.ts';
import { Output, type OutputChunk } from './output.ts';
import type { ShellRuntime } from './types.ts';

/** A line of a background job's output (tcpdump), at the virtual time it was printed. */
export interface BackgroundLine {
  readonly node: string;
  readonly timeUs: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** A device's packet and byte counters (/proc/net/dev), when the running simulation keeps them. */
export interface DeviceCounters {
  readonly rxPackets: number;
  readonly rxBytes: number;
  readonly txPackets: number;
  readonly txBytes: number;
}

/** Where the counters come from: the running simulation's devices. */
export type DeviceCountersSource = (node: string, dev: string) => DeviceCounters | undefined;

/** What the session offers commands beyond their own node. */
export interface SessionServices {
  /** Emits a line of a background job's output. */
  background(line: BackgroundLine): void;
  /** Device counters, when available. */
  readonly counters: DeviceCountersSource | undefined;
}

/** Everything a command sees when it runs. */
export interface CommandIo {
  /** The words of the command; `argv[0]` is the name as typed (`/sbin/route`). */
  readonly argv: readonly string[];
  /** The command's name without a path (`route`). */
  readonly name: string;
  /** stdin from a pipe or `<`, else undefined (a terminal). */
  readonly stdin: string | undefined;
  /** Whether stdout is the terminal (isatty(1)): not when it goes to a pipe, a file or a command substitution. */
  readonly stdoutIsTerminal: boolean;
  readonly doc: LabDocument;
  readonly node: LabNode;
  readonly runtime: ShellRuntime | undefined;
  readonly state: NodeShellState;
  readonly services: SessionServices;
  /** Started with `&`. */
  readonly background: boolean;
  /** The command line as typed (for job listings). */
  readonly text: string;
  /** The job a background command runs as (`[1] 1234`). */
  readonly job?: { readonly number: number; readonly pid: number };
}

/** A file for the console's editor to open (vim): its absolute path and content now. */
export interface EditRequest {
  readonly path: string;
  readonly content: string;
  /** False for a new file (vim shows "[New File]"). */
  readonly exists: boolean;
}

/** What a command did: its output, status and, for configuration, the edited lab. */
export interface CommandOutcome {
  readonly output: readonly OutputChunk[];
  readonly exitCode: number;
  /** The edited document; absent or the same object when nothing changed. */
  readonly doc?: LabDocument;
  /** vim: the file the console opens in its editor; saving it runs a command that writes it. */
  readonly edit?: EditRequest;
}

/**
 * The same invocation under other words (`service` running `systemctl`): stdin is carried as it
 * is, unread — a shared input is taken only by a command that reads it.
 */
export function withArgv(io: CommandIo, argv: readonly string[], name: string): CommandIo {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(io)) as CommandIo;
  return Object.defineProperties(copy, { argv: { value: argv, enumerable: true }, name: { value: name, enumerable: true } });
}

/** A command of the shell: parse its arguments into an operation, then run it. */
export type Command = (io: CommandIo) => CommandOutcome;

/** An outcome from an Output. */
export function done(out: Output, exitCode: number, doc?: LabDocument): CommandOutcome {
  return doc ? { output: out.chunks, exitCode, doc } : { output: out.chunks, exitCode };
}

/** Success with stdout text. */
export function ok(stdout = '', doc?: LabDocument): CommandOutcome {
  return done(new Output().out(stdout), 0, doc);
}

/** Failure with stderr text and a status. */
export function fail(stderr: string, exitCode = 1): CommandOutcome {
  return done(new Output().err(stderr), exitCode);
}
