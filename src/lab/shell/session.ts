import type { LabDocument } from '../document.ts';
import { findNode } from '../document.ts';
import type { BackgroundLine, CommandIo, CommandOutcome, DeviceCountersSource, EditRequest, SessionServices } from './command.ts';
import { complete, type Completion } from './complete.ts';
import { checkWritable, FS_MESSAGES, isDirectory, listDirectory, readFile, type FsView } from './fs/files.ts';
import { resolvePath } from './fs/paths.ts';
import { NodeShellState, type ShellFunction } from './node-state.ts';
import { joinStream, type OutputChunk } from './output.ts';
import { BUILTINS, COMMAND_NAMES, lookupCommand } from './registry.ts';
import { expandWords, type Expander } from './expand.ts';
import { ExpansionError } from './expansion-error.ts';
import { redirectionsOf, redirectsStdout, type ResolvedRedirection } from './redirections.ts';
import {
  DECLARATION_BUILTINS, isSyntaxError, parseCommandLine, type Command, type CommandLine, type FunctionDefinition, type Pipeline, type Redirection,
  type SimpleCommand,
} from './syntax/command-line.ts';
import { assignmentOf } from './syntax/word.ts';
import type { CommandResult, ShellRuntime } from './types.ts';
import { exit, letBuiltin, loopControl, returnBuiltin, shift, unsetBuiltin } from './builtins.ts';
import { historyBuiltin } from './history.ts';
import { assign, declarationArgv, isDeclaration, type ArrayItems } from './assign.ts';
import { declaration } from './declare.ts';
import { setBuiltin } from './set.ts';
import { BASH_BUILTINS, SHELL_KEYWORDS, typeBuiltin } from './type.ts';
import { trapBuiltin } from './trap.ts';
import { getoptsBuiltin } from './getopts.ts';
import { ShellScripts } from './shell-scripts.ts';
import { CompoundCommands } from './compound.ts';
import { callStack, subshellOf } from './call-stack.ts';
import { redirect, send, type FileSink } from './output-routing.ts';
import { tracePrompt, xtraceLine } from './xtrace.ts';
import { shellQuote } from './quote.ts';
import type { SavedVariable } from './variables.ts';
import { readBuiltin } from './read.ts';
import {
  assignVariable, COMPUTED_VARIABLES, enterLine, errorPrefix, fsAt, MAX_FUNCTION_DEPTH, positional, saveShell, variableOf,
  type FunctionCall, type InputStream, type LoopControl, type Ran, type SessionBuiltin, type Stamp, type Where,
} from './session-frame.ts';

/** What one command line produced, with its output in order and stamped with virtual time. */
export interface ShellResult extends CommandResult {
  readonly output: readonly OutputChunk[];
  readonly startUs: number;
  readonly endUs: number;
  /** A file vim asked the console to open. */
  readonly edit?: EditRequest;
}

export interface ShellSessionOptions {
  /** The running simulation; without it, traffic and table commands say no simulation runs. */
  readonly runtime?: ShellRuntime;
  /**
   * Called whenever a command changed the lab, before the next command of the line runs, so a
   * line like `ip link set eth0 up && ping -c 1 …` sees its own change (the owner reconfigures
   * the simulation here).
   */
  readonly apply?: (doc: LabDocument) => void;
  /** Device counters for ifconfig (the simulated devices keep them). */
  readonly counters?: DeviceCountersSource;
}

/** What a command's expansions left behind: the lab, stderr of substitutions, the last substitution's status. */
interface ExpansionBox {
  doc: LabDocument;
  readonly output: OutputChunk[];
  status: number | undefined;
}

/**
 * Builtins that run other commands (whose messages were named when they were written): their
 * output is not renamed after them.
 */
const RUNS_COMMANDS = new Set(['bash', 'sh', 'source', '.', 'eval', 'command', 'builtin']);

/** Commands whose own status set -e leaves alone (what runs inside them is checked as it runs). */
const COMPOUND_KINDS = new Set(['for', 'if', 'while', 'case', 'arith-for', 'group', 'function']);

/** bash's reserved words that are words (completion offers them as command names). */
const RESERVED_WORDS = [...SHELL_KEYWORDS].filter((k) => /^[a-z]+$/.test(k));

/** Where bash finds the lab's commands when they are typed with a path. */
const BIN_DIRS = ['/sbin', '/usr/sbin', '/bin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

/**
 * The shells of a lab's hosts: runs command lines on a node against a document and the running
 * simulation, and keeps each node's shell state (working directory, variables, background jobs).
 */
export class ShellSession {
  private readonly nodes = new Map<string, NodeShellState>();
  private readonly backgroundLines: BackgroundLine[] = [];
  private readonly services: SessionServices;
  /** The file the line's vim asked to open (the first, as vim would open the others after it). */
  private edit: EditRequest | undefined;

  /** Scripts, child shells, eval and command: what runs a command line of its own through this session. */
  private readonly scripts = new ShellScripts({
    runList: (doc, at, list) => this.runList(doc, at, list),
    runArgv: (doc, at, argv, stamp) => this.runExpanded(doc, at, argv, [], undefined, undefined, argv.join(' '), 0, stamp, new Map(), true),
    isBuiltin: (name) => BASH_BUILTINS.has(name),
    stamper: () => this.stamper(),
    runtime: () => this.opts.runtime,
  });

  /** Where redirections write. */
  private get files(): FileSink {
    return { runtime: this.opts.runtime, ...(this.opts.apply ? { apply: this.opts.apply } : {}) };
  }

  /** The compound commands, running their lists through this session. */
  private readonly compounds = new CompoundCommands({
    runList: (doc, at, list) => this.runList(doc, at, list),
    exitTrap: (r, at) => this.scripts.exitTrap(r, at),
    stamper: () => this.stamper(),
    runtime: () => this.opts.runtime,
  });

  constructor(private readonly opts: ShellSessionOptions = {}) {
    this.services = { background: (l) => this.backgroundLines.push(l), counters: opts.counters };
  }

  /** The shell state of a node (created on first use; process ids differ per node). */
  state(nodeId: string): NodeShellState {
    let s = this.nodes.get(nodeId);
    if (!s) {
      s = new NodeShellState(1000 + 1000 * this.nodes.size + 42);
      this.nodes.set(nodeId, s);
    }
    return s;
  }

  /** Background output (tcpdump lines) printed since the last call, in virtual-time order. */
  drainBackground(): BackgroundLine[] {
    const lines = this.backgroundLines.splice(0);
    return lines.map((l, i) => ({ l, i })).sort((a, b) => a.l.timeUs - b.l.timeUs || a.i - b.i).map((x) => x.l);
  }

  /** Stops every background job (the lab is closing). */
  stopAll(): void {
    for (const s of this.nodes.values()) for (const j of [...s.jobs]) j.stop('KILL');
  }

  private now(): number {
    return this.opts.runtime?.nowUs() ?? 0;
  }

  /** Runs one command line on a node. Never throws; bad input yields the tools' messages. */
  exec(doc: LabDocument, nodeId: string, line: string): ShellResult {
    const startUs = this.now();
    const output: OutputChunk[] = [];
    const node = findNode(doc, nodeId);
    if (!node || node.kind === 'switch') {
      const msg = node ? `lab: ${nodeId} is a switch; it has no shell\n` : `lab: there is no host "${nodeId}" in this lab\n`;
      return this.result(doc, [{ stream: 'stderr', text: msg, timeUs: startUs }], 1, startUs);
    }
    const state = this.state(nodeId);
    for (const notice of state.notices.splice(0)) output.push({ stream: 'stderr', text: `${notice}\n`, timeUs: startUs });
    // The line joins the history as it is read, before it runs (a `history` on it lists itself).
    state.history.add(line);
    const parsed = parseCommandLine(line);
    if (isSyntaxError(parsed)) {
      // The lab's own messages (what this shell does not run) carry no bash: prefix.
      output.push({ stream: 'stderr', text: parsed.message.startsWith('lab: ') ? `${parsed.message}\n` : `bash: ${parsed.message}\n`, timeUs: startUs });
      state.lastStatus = 2;
      return this.result(doc, output, 2, startUs);
    }
    this.edit = undefined;
    let r: Ran;
    // Deep nesting can exhaust the stack part-way through restoring what functions and subshells
    // changed: the shell then goes back to where the line started.
    const before = saveShell(state);
    try {
      r = this.runList(doc, { nodeId, state, terminal: true, loops: 0 }, parsed);
    } catch (e) {
      // Only a stack exhausted by deep nesting gets here (commands and builtins catch their own faults).
      if (!(e instanceof RangeError)) throw e;
      before();
      r = { output: [{ stream: 'stderr', text: 'lab: the line nests too deeply for this shell\n', timeUs: startUs }], exitCode: 2, doc };
    }
    output.push(...r.output);
    const edit = this.edit;
    this.edit = undefined;
    return { ...this.result(r.doc, output, r.exitCode, startUs), ...(edit ? { edit } : {}) };
  }

  /** Tab completion of `text` on a node (commands, then paths from the node's shell's directory). */
  complete(doc: LabDocument, nodeId: string, text: string): Completion {
    const node = findNode(doc, nodeId);
    if (!node || node.kind === 'switch') return { text, candidates: [] };
    const state = this.state(nodeId);
    const fs: FsView = { node, runtime: this.opts.runtime, state };
    return complete(text, {
      commands: [...COMMAND_NAMES, ...Object.keys(this.sessionBuiltins), ...DECLARATION_BUILTINS, ...RESERVED_WORDS],
      cwd: state.cwd,
      list: (dir) => {
        const names = listDirectory(fs, dir);
        if (names === 'ENOENT') return undefined;
        return names.map((name) => ({ name, directory: isDirectory(fs, dir === '/' ? `/${name}` : `${dir}/${name}`) }));
      },
    });
  }

  private result(doc: LabDocument, output: OutputChunk[], exitCode: number, startUs: number): ShellResult {
    return { stdout: joinStream(output, 'stdout'), stderr: joinStream(output, 'stderr'), exitCode, doc, output, startUs, endUs: this.now() };
  }

  /**
   * Runs a list: each pipeline unless `&&`/`||` skip it; `$?` follows along. A blank list keeps
   * `$?`. A break or continue ends the list and travels out to its loop.
   */
  private runList(doc: LabDocument, at: Where, list: CommandLine): Ran {
    const output: OutputChunk[] = [];
    let current = doc;
    let status = at.state.lastStatus;
    for (const [k, item] of list.entries()) {
      if (item.when === 'and' && status !== 0) continue;
      if (item.when === 'or' && status === 0) continue;
      // set -e ignores what runs before && or ||, or in a pipeline negated with `!`.
      const next = list[k + 1];
      const exempt = next?.when === 'and' || next?.when === 'or' || item.pipeline.negated;
      const r = this.runPipeline(current, exempt && !at.condition ? { ...at, condition: true } : at, item.pipeline);
      output.push(...r.output);
      current = r.doc;
      status = r.exitCode;
      at.state.lastStatus = status;
      if (r.control) return { output, exitCode: status, doc: current, control: r.control };
      if (status !== 0 && !exempt && this.errexit(at, item.pipeline)) {
        if (at.script || at.subshell) return { output, exitCode: status, doc: current, control: { kind: 'exit', levels: 1 } };
        output.push(...this.stamper()([{ stream: 'stderr', text: 'lab: set -e: a command failed; bash would exit here (the console stays open, the rest of the line is not run)\n' }]));
        return { output, exitCode: status, doc: current, control: { kind: 'discard', levels: 1 } };
      }
    }
    return { output, exitCode: status, doc: current };
  }

  /**
   * Whether `set -e` ends the shell after this pipeline failed: not in an if, while or until
   * condition (nor in what such a condition runs), not in the background, and not for the status
   * of a compound command (a loop, if, case or `{ }` whose last list failed before `&&`/`||`):
   * bash 4.2's execute_command_internal checks it for simple commands, `( )`, `(( ))`, `[[ ]]` and pipelines.
   */
  private errexit(at: Where, pipeline: Pipeline): boolean {
    if (!at.state.options.has('errexit') || at.condition || pipeline.background) return false;
    const only = pipeline.commands.length === 1 ? pipeline.commands[0]!.kind : 'pipeline';
    return !COMPOUND_KINDS.has(only);
  }

  private runPipeline(doc: LabDocument, at: Where, pipeline: Pipeline): Ran {
    const { state } = at;
    const output: OutputChunk[] = [];
    let job: { number: number; pid: number } | undefined;
    if (pipeline.background) {
      job = { number: state.nextJobNumber(), pid: state.pid() };
      output.push({ stream: 'stderr', text: `[${job.number}] ${job.pid}\n`, timeUs: this.now() });
    }
    let current = doc;
    let stdin: string | undefined;
    let exitCode = 0;
    let control: LoopControl | undefined;
    const statuses: number[] = [];
    pipeline.commands.forEach((cmd, i) => {
      const last = i === pipeline.commands.length - 1;
      // Only the last command's stdout can be the terminal; the others write into the pipe.
      const where = { ...(pipeline.commands.length > 1 ? subshellOf(at) : at), terminal: at.terminal && last };
      // bash runs each command of a pipeline of several in a subshell: its cd, variables (what
      // a read assigns) and functions do not last; what it changes in the lab does.
      const restore = pipeline.commands.length > 1 ? saveShell(state) : undefined;
      // Such a subshell starts without its parent's traps and runs its own EXIT trap when it ends.
      if (restore) state.traps.clear();
      const ran = this.runCommand(current, where, cmd, stdin, last && job !== undefined && pipeline.commands.length === 1 ? job : undefined, pipeline.text);
      const r = restore ? this.scripts.exitTrap(ran, where) : ran;
      restore?.();
      current = r.doc;
      statuses.push(r.exitCode);
      // With pipefail the status is the last non-zero one of the pipeline's commands.
      if (!state.options.has('pipefail') || r.exitCode !== 0 || i === 0) exitCode = r.exitCode;
      // A pipeline of several commands runs each in a subshell: a break there ends nothing outside.
      if (pipeline.commands.length === 1 && !pipeline.background) control = r.control;
      if (last) {
        output.push(...r.output);
      } else {
        stdin = joinStream(r.output, 'stdout');
        output.push(...r.output.filter((c) => c.stream === 'stderr'));
      }
    });
    // PIPESTATUS: each command's status, before a `!` inverts the pipeline's.
    if (!pipeline.background) state.variables.remake('PIPESTATUS', statuses.map(String), false);
    if (pipeline.negated) exitCode = exitCode === 0 ? 1 : 0;
    // A background pipeline this shell cannot leave running (only tcpdump can) ran to the end.
    if (job && !state.jobs.some((j) => j.number === job.number)) {
      state.notices.push(`[${job.number}]+  ${(exitCode === 0 ? 'Done' : `Exit ${exitCode}`).padEnd(22)}  ${pipeline.text}`);
      exitCode = 0;
    } else if (job) {
      exitCode = 0;
    }
    return control ? { output, exitCode, doc: current, control } : { output, exitCode, doc: current };
  }

  private runCommand(
    doc: LabDocument, at: Where, cmd: Command, stdin: string | undefined, job: { number: number; pid: number } | undefined, text: string,
  ): Ran {
    switch (cmd.kind) {
      case 'simple':
        return this.runSimple(doc, at, cmd, stdin, job, text);
      case 'for':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body, x) => this.compounds.runFor(d, body, cmd, x));
      case 'if':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body) => this.compounds.runIf(d, body, cmd));
      case 'while':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body) => this.compounds.runWhile(d, body, cmd));
      case 'case':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body, x) => this.compounds.runCase(d, body, cmd, x));
      case 'arith':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body, x) => this.compounds.runArith(d, body, cmd, x));
      case 'arith-for':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body, x) => this.compounds.runArithFor(d, body, cmd, x));
      case 'group':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body) => this.runList(d, body, cmd.body));
      case 'cond':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body, x) => this.compounds.runCond(d, body, cmd, x));
      case 'subshell':
        return this.compound(doc, at, cmd.redirections, stdin, (d, body) => this.compounds.runSubshell(d, body, cmd.body));
      case 'function':
        return this.defineFunction(doc, at, cmd);
    }
  }

  /**
   * `( LIST )`: the list in a subshell — its cd, variables and functions do not last, what it
   * changes in the lab does; an exit, break or failed expansion inside ends only the subshell.
   */


  /** A function definition: the name now runs the body (it replaces an earlier one); status 0. */
  private defineFunction(doc: LabDocument, at: Where, cmd: FunctionDefinition): Ran {
    at.state.functions.set(cmd.name, { body: cmd.body, offset: at.script?.offset ?? 0, ...(at.script ? { source: at.script.name } : {}) });
    return { output: [], exitCode: 0, doc };
  }

  /**
   * Runs a function: its arguments are the positional parameters, `local` variables get their
   * old values back at the end, `return` ends it. It runs in this shell (its cd and other
   * variables last), outside any loop of its caller.
   */
  private callFunction(doc: LabDocument, at: Where, fn: ShellFunction, argv: readonly string[], stamp: Stamp): Ran {
    const depth = (at.call?.depth ?? 0) + 1;
    if (depth > MAX_FUNCTION_DEPTH) {
      return { output: stamp([{ stream: 'stderr', text: `lab: ${argv[0]}: functions nested ${MAX_FUNCTION_DEPTH} deep; the lab stops here\n` }]), exitCode: 1, doc, control: { kind: 'discard', levels: 1 } };
    }
    const call: FunctionCall = { args: argv.slice(1), locals: new Map(), depth };
    // Its messages name the lines of its definition.
    const script = at.script ? { script: { ...at.script, offset: fn.offset } } : {};
    const vars = at.state.variables;
    const stack = callStack(at, fn, argv[0]!);
    const r = this.runCommand(doc, { ...at, loops: 0, call, ...script }, fn.body, undefined, undefined, argv.join(' '));
    stack();
    for (const [name, hidden] of call.locals) vars.restore(name, hidden);
    if (r.control?.kind === 'return') return { output: r.output, exitCode: r.exitCode, doc: r.doc };
    return r;
  }

  /**
   * What a failed expansion leaves: bash's message, status 1, and the rest of the command being
   * run discarded; `${X:?}` ends a script (a non-interactive shell) instead.
   */
  private expansionFailed(doc: LabDocument, at: Where, e: ExpansionError, line: number, before: readonly OutputChunk[]): Ran {
    const output = [...before, ...this.stamper()([{ stream: 'stderr', text: `${errorPrefix(at, line)}${e.message}\n` }])];
    return { output, exitCode: 1, doc, control: { kind: e.fatal && at.script ? 'exit' : 'discard', levels: 1 } };
  }




  /**
   * A compound command with its redirections: they are expanded first, the command runs with its
   * stdout on the terminal unless redirected, and its output goes where they say.
   */
  private compound(
    doc: LabDocument, at: Where, redirectionWords: readonly Redirection[], stdin: string | undefined, run: (doc: LabDocument, at: Where, x: Expander) => Ran,
  ): Ran {
    const box: ExpansionBox = { doc, output: [], status: undefined };
    const stamp = this.stamper();
    const x = this.expander(at, box);
    let redirections: ReturnType<typeof redirectionsOf>;
    let r: Ran;
    try {
      redirections = redirectionsOf(redirectionWords, x);
      if (typeof redirections === 'string') return { output: [...box.output, ...stamp([{ stream: 'stderr', text: `bash: ${redirections}\n` }])], exitCode: 1, doc: box.doc };
      const input = this.inputOf(box.doc, at, redirections, stdin);
      if (typeof input === 'string') return { output: [...box.output, ...stamp([{ stream: 'stderr', text: `bash: ${input}\n` }])], exitCode: 1, doc: box.doc };
      // Only the compound command's own expansions can fail here: its body's commands catch theirs.
      r = run(box.doc, { ...at, terminal: at.terminal && !redirectsStdout(redirections), ...(input ? { input } : {}) }, x);
    } catch (e) {
      if (!(e instanceof ExpansionError)) throw e;
      // The line is the one the compound command (or the last command it ran) set.
      return this.expansionFailed(box.doc, at, e, at.state.lineno - (at.script?.offset ?? 0), [...box.output, ...e.before]);
    }
    const sent = redirect(this.files, r.doc, at, redirections, r.output, r.exitCode, 'bash: ', stamp);
    return { ...sent, output: [...box.output, ...sent.output], ...(r.control ? { control: r.control } : {}) };
  }

  /**
   * The standard input a compound command's body shares: its own `<`, here-document or
   * here-string, else what the pipe brings, else the one around it; a message when a file cannot
   * be read.
   */
  private inputOf(doc: LabDocument, at: Where, redirections: readonly ResolvedRedirection[], stdin: string | undefined): InputStream | undefined | string {
    let text = stdin;
    for (const r of redirections) {
      if (r.kind === 'text') text = r.text;
      else if (r.kind === 'in') {
        const content = readFile(fsAt(doc, at, this.opts.runtime), resolvePath(at.state.cwd, r.path));
        if (typeof content !== 'string') return `${r.path}: ${FS_MESSAGES[content.error]}`;
        text = content;
      }
    }
    return text === undefined ? at.input : { text, pos: 0 };
  }




  /**
   * An expander for one command: `$?` as it is now, the node's variables, and command substitution,
   * which runs in the same node's shell as a subshell (its cd and variables do not last; what it
   * changes in the lab does) with stdout captured and stderr going where the shell's goes.
   */
  private expander(at: Where, box: ExpansionBox): Expander {
    return {
      // $? is the last command substitution's status once one has run in this command (bash sets it at once).
      get status() {
        return box.status ?? at.state.lastStatus;
      },
      variable: (name) => variableOf(at, name),
      get nounset() {
        return at.state.options.has('nounset');
      },
      get ifs() {
        return at.state.variables.get('IFS');
      },
      positional: () => positional(at),
      values: (name) => at.state.variables.values(name),
      indices: (name) => at.state.variables.indices(name),
      variableNames: () => [...new Set([...COMPUTED_VARIABLES, ...at.state.variables.names()])].filter((n) => variableOf(at, n) !== undefined || at.state.variables.isArray(n)).sort(),
      assign: (name, value) => assignVariable(at, name, value),
      rematch: (values) => at.state.variables.remake('BASH_REMATCH', values),
      substitute: (source) => {
        const parsed = parseCommandLine(source);
        // The parser checked every substitution of the line already.
        if (isSyntaxError(parsed)) return '';
        const { state } = at;
        const status = state.lastStatus;
        // bash 4.2 (not in posix mode) clears -e in a command substitution's subshell.
        const errexit = state.options.delete('errexit');
        const r = this.compounds.runSubshell(box.doc, { ...at, terminal: false, nesting: (at.nesting ?? 0) + 1 }, parsed);
        if (errexit) state.options.add('errexit');
        state.lastStatus = status;
        box.doc = r.doc;
        box.status = r.exitCode;
        box.output.push(...r.output.filter((c) => c.stream === 'stderr'));
        return joinStream(r.output, 'stdout').replace(/\n+$/, '');
      },
    };
  }


  private stamper(): Stamp {
    return (chunks) => {
      const t = this.now();
      return chunks.map((c) => (c.timeUs !== undefined ? c : { ...c, timeUs: t }));
    };
  }

  private runSimple(
    doc: LabDocument, at: Where, cmd: SimpleCommand, pipeStdin: string | undefined,
    job: { number: number; pid: number } | undefined, text: string,
  ): Ran {
    // Words expand when the command runs (bash expands each command of a list in turn).
    enterLine(at, cmd.line);
    const box: ExpansionBox = { doc, output: [], status: undefined };
    const x = this.expander(at, box);
    let first = 0;
    while (first < cmd.words.length && assignmentOf(cmd.words[first]!)) first++;
    let argv: string[];
    let redirections: ReturnType<typeof redirectionsOf> | undefined;
    let assigned = 0;
    const arrays = new Map<number, ArrayItems>();
    // Assignments before a command are its temporary environment: set and exported while it runs (a
    // function, a builtin such as `IFS=, read`, a child shell, env), then put back (bash's temporary_env).
    const vars = at.state.variables;
    const saved: [string, SavedVariable][] = [];
    const outerEnv = at.state.temporaryEnv;
    const putBack = (): void => {
      for (const [name, s] of saved.reverse()) vars.restore(name, s);
      at.state.temporaryEnv = outerEnv;
    };
    try {
      argv = isDeclaration(cmd.words[first]) ? declarationArgv(at, cmd.words.slice(first), x, arrays) : expandWords(cmd.words.slice(first), x);
      // With a command, its redirections expand before its assignments (expand_word_list_internal).
      if (argv.length > 0) redirections = redirectionsOf(cmd.redirections, x);
      // Assignments alone set shell variables, left to right.
      for (const w of cmd.words.slice(0, first)) {
        const a = assignmentOf(w)!;
        if (argv.length > 0) saved.push([a.name, vars.save(a.name)]);
        const prompt = at.state.options.has('xtrace') ? tracePrompt(at, x) : undefined;
        const done = assign(at, a, x);
        if ('trace' in done && prompt !== undefined) box.output.push(...this.stamper()([{ stream: 'stderr', text: `${prompt}${done.trace}\n` }]));
        if ('error' in done) {
          // Before a command bash reports it and runs the command all the same (tempenv_assign_error);
          // alone, a failed assignment drops the command being run, as a failed expansion does.
          if (argv.length === 0) throw new ExpansionError(done.error);
          box.output.push(...this.stamper()([{ stream: 'stderr', text: `${errorPrefix(at, cmd.line)}${done.error}\n` }]));
          continue;
        }
        if (argv.length > 0) vars.markExported(a.name);
      }
      if (saved.length > 0) at.state.temporaryEnv = saved.map(([name]) => name);
      // bash: a command of assignments alone has the status of its last command substitution.
      if (argv.length === 0) assigned = box.status ?? 0;
      redirections ??= redirectionsOf(cmd.redirections, x);
      if (argv.length > 0 && at.state.options.has('xtrace')) box.output.push(...this.stamper()([xtraceLine(at, argv.map(shellQuote), x)]));
    } catch (e) {
      putBack();
      if (!(e instanceof ExpansionError)) throw e;
      return this.expansionFailed(box.doc, at, e, cmd.line, box.output);
    }
    const stamp = this.stamper();
    const r = typeof redirections === 'string'
      ? { output: stamp([{ stream: 'stderr', text: `${errorPrefix(at, cmd.line)}${redirections}\n` }]), exitCode: 1, doc: box.doc }
      : this.runExpanded(box.doc, at, argv, redirections, pipeStdin, job, text, assigned, stamp, arrays, false, errorPrefix(at, cmd.line));
    putBack();
    const warnings = typeof redirections === 'string' ? [] : redirections.flatMap((d) => (d.kind === 'text' && d.warning ? [d.warning] : []));
    // Every message here is named as bash names it already (in a script: `x.sh: line 3: `), so
    // what a command substitution's commands wrote to stderr passes untouched.
    const warned = stamp(warnings.map((w) => ({ stream: 'stderr' as const, text: `${errorPrefix(at, cmd.line)}${w}\n` })));
    return { ...r, output: [...box.output, ...warned, ...r.output] };
  }

  private runExpanded(
    doc: LabDocument, at: Where, argv: readonly string[], redirections: readonly ResolvedRedirection[], pipeStdin: string | undefined,
    job: { number: number; pid: number } | undefined, text: string, statusWithoutCommand: number, stamp: Stamp,
    arrays: ReadonlyMap<number, ArrayItems>, skipFunctions = false, messagePrefix = 'bash: ',
  ): Ran {
    const { nodeId, state } = at;
    const node = findNode(doc, nodeId)!;
    const fs: FsView = { node, runtime: this.opts.runtime, state };
    const bashError = (message: string): Ran => ({ output: stamp([{ stream: 'stderr', text: `bash: ${message}\n` }]), exitCode: 1, doc });

    const input = this.inputOf(doc, at, redirections, pipeStdin);
    if (typeof input === 'string') return bashError(input);
    for (const r of redirections) {
      if (r.kind !== 'out') continue;
      const err = checkWritable(fs, resolvePath(state.cwd, r.path));
      if (err) return bashError(`${r.path}: ${FS_MESSAGES[err]}`);
    }
    if (argv.length === 0) {
      // `> file` alone creates or truncates the file.
      return redirect(this.files, doc, at, redirections, [], statusWithoutCommand, '', stamp);
    }
    const typed = argv[0]!;
    // A command without its own stdin reads the input the commands around it share.
    const shared = input !== undefined && input === at.input ? input : undefined;
    const stdin = shared ? undefined : input?.text;
    // bash looks a name up as a function before builtins and commands.
    const fn = skipFunctions ? undefined : state.functions.get(typed);
    if (fn) {
      const r = this.callFunction(doc, { ...at, terminal: at.terminal && !redirectsStdout(redirections), input }, fn, argv, stamp);
      return send(this.files, r, at, redirections, 'bash: ', 'bash: ', stamp);
    }
    const builtin = DECLARATION_BUILTINS.has(typed)
      ? (d: LabDocument, w: Where, args: readonly string[], s: Stamp) => declaration(d, w, args, s, arrays)
      : Object.prototype.hasOwnProperty.call(this.sessionBuiltins, typed) ? this.sessionBuiltins[typed] : undefined;
    if (builtin) {
      // A builtin's output goes where its redirections say, as a command's does (`bash x.sh > log`).
      let r: Ran;
      try {
        r = builtin(doc, { ...at, terminal: at.terminal && !redirectsStdout(redirections), input }, argv, stamp);
      } catch (e) {
        // A deep nesting goes up to the console; an expansion error drops the command as elsewhere;
        // anything else is the lab's fault, reported like a crashed program rather than taking the console down.
        if (e instanceof RangeError) throw e;
        r = e instanceof ExpansionError
          ? { output: stamp([{ stream: 'stderr', text: `bash: ${e.message}\n` }]), exitCode: 1, doc, control: { kind: e.fatal && at.script ? 'exit' : 'discard', levels: 1 } }
          : { output: stamp([{ stream: 'stderr', text: `lab: ${typed} failed unexpectedly: ${(e as Error).message}\n` }]), exitCode: 139, doc };
      }
      return send(this.files, r, at, redirections, 'bash: ', RUNS_COMMANDS.has(typed) ? 'bash: ' : messagePrefix, stamp);
    }
    // The shell's own messages about the command go where its stderr is redirected, too.
    const failed = (text: string, exitCode: number): Ran => send(this.files, { output: [{ stream: 'stderr', text }], exitCode, doc }, at, redirections, 'bash: ', messagePrefix, stamp);
    let name = typed;
    if (typed.includes('/')) {
      const slash = typed.lastIndexOf('/');
      if (!BIN_DIRS.includes(typed.slice(0, slash)) || lookupCommand(typed.slice(slash + 1)) === undefined) {
        // A script of the lab's files, run by its path. File modes are not simulated: it runs as if chmod +x had been given.
        const path = resolvePath(state.cwd, typed);
        if (isDirectory(fs, path)) return failed(`bash: ${typed}: Is a directory\n`, 126);
        const script = readFile(fs, path);
        if (typeof script === 'string') {
          const r = this.scripts.runScript(doc, { ...at, terminal: at.terminal && !redirectsStdout(redirections), input }, typed, script, argv.slice(1), 'child', stamp);
          return send(this.files, r, at, redirections, 'bash: ', 'bash: ', stamp);
        }
        return failed(`bash: ${typed}: No such file or directory\n`, 127);
      }
      name = typed.slice(slash + 1);
    }
    const command = lookupCommand(name);
    if (!command) return failed(`bash: ${typed}: command not found\n`, 127);
    const io: CommandIo = {
      argv, name, stdin, stdoutIsTerminal: at.terminal && !redirectsStdout(redirections), doc, node, runtime: this.opts.runtime, state,
      services: this.services, background: job !== undefined, text, ...(job ? { job } : {}),
    };
    if (shared) {
      // A command that reads its stdin takes all that is left of the shared input (as cat would).
      Object.defineProperty(io, 'stdin', {
        enumerable: true,
        get: () => {
          const rest = shared.text.slice(shared.pos);
          shared.pos = shared.text.length;
          return rest;
        },
      });
    }
    let outcome: CommandOutcome;
    try {
      outcome = command(io);
    } catch (e) {
      // A command must never take the console down; report the fault like a crashed program.
      outcome = { output: [{ stream: 'stderr', text: `lab: ${name} failed unexpectedly: ${(e as Error).message}\n` }], exitCode: 139 };
    }
    this.edit ??= outcome.edit;
    let current = doc;
    if (outcome.doc && outcome.doc !== doc) {
      current = outcome.doc;
      this.opts.apply?.(current);
    }
    const writeErrorPrefix = BUILTINS.has(name) ? `bash: ${name}: ` : `${name}: `;
    return send(this.files, { output: [...outcome.output], exitCode: outcome.exitCode, doc: current }, at, redirections, writeErrorPrefix, messagePrefix, stamp);
  }

  /** The commands this session runs itself: loop control, scripts, its variables. */
  private readonly sessionBuiltins: Readonly<Record<string, SessionBuiltin>> = {
    break: loopControl,
    continue: loopControl,
    exit,
    let: letBuiltin,
    return: returnBuiltin,
    shift,
    read: readBuiltin,
    bash: (doc, at, argv, stamp) => this.scripts.scriptCommand(doc, at, argv, stamp),
    sh: (doc, at, argv, stamp) => this.scripts.scriptCommand(doc, at, argv, stamp),
    source: (doc, at, argv, stamp) => this.scripts.scriptCommand(doc, at, argv, stamp),
    '.': (doc, at, argv, stamp) => this.scripts.scriptCommand(doc, at, argv, stamp),
    unset: unsetBuiltin,
    trap: trapBuiltin,
    getopts: getoptsBuiltin,
    eval: (doc, at, argv, stamp) => this.scripts.evalBuiltin(doc, at, argv, stamp),
    command: (doc, at, argv, stamp) => this.scripts.commandBuiltin(doc, at, argv, stamp, false),
    builtin: (doc, at, argv, stamp) => this.scripts.commandBuiltin(doc, at, argv, stamp, true),
    set: setBuiltin,
    type: typeBuiltin,
    history: historyBuiltin,
  };
}
