import { findNode, type LabDocument } from '../document.ts';
import type { FsView } from './fs/files.ts';
import type { ShellRuntime } from './types.ts';
import type { NodeShellState } from './node-state.ts';
import { ArithError, arithVariables, evaluateArith } from './arith.ts';
import { ExpansionError } from './expansion-error.ts';
import type { OutputChunk } from './output.ts';
import { arrayReference, type SavedVariable } from './variables.ts';

/**
 * Where a command of the shell runs (its node's shell, the loops, script and function around
 * it), what running it gives back, and how control leaves it (break, continue, exit, return, a
 * discarded command) — shared by the session and its builtins.
 */

/**
 * A `break` or `continue` on its way out to the loop it ends (`levels` loops out), a script's
 * `exit` on its way out to the script, or a failed expansion's `discard` of the whole command
 * being run (bash's jump to the top level: the rest of the line, or of the script's command, is
 * not run).
 */
export interface LoopControl {
  readonly kind: 'break' | 'continue' | 'exit' | 'discard' | 'return';
  readonly levels: number;
}

/**
 * What a loop does with the break, continue or exit that ended its body: go on (`continue` to
 * this loop, or nothing), stop (`break` of this loop), or stop and pass it outward (`exit`, or a
 * break or continue of a loop further out, one level less).
 */
export function loopNext(control: LoopControl | undefined): { readonly stop: boolean; readonly outward?: LoopControl } {
  if (control === undefined) return { stop: false };
  if (control.kind === 'exit' || control.kind === 'discard' || control.kind === 'return') return { stop: true, outward: control };
  if (control.levels > 1) return { stop: true, outward: { kind: control.kind, levels: control.levels - 1 } };
  return { stop: control.kind === 'break' };
}

/** The script a command runs in: its name ($0), positional parameters, and where its current command starts. */
export interface ScriptFrame {
  readonly name: string;
  readonly args: string[];
  /** Lines of the file before the command being run (its messages count from there). */
  offset: number;
  readonly depth: number;
  /** The commands of `bash -c`, not a file. */
  readonly command?: boolean;
}

/** A shell variable or parameter: `$0` is -bash in the interactive login shell, which has no positional parameters. */
export function variableOf(at: Where, name: string): string | undefined {
  const args = positional(at);
  const { state } = at;
  if (name === '0') return at.script?.name ?? '-bash';
  if (/^[1-9]\d*$/.test(name)) return args[Number(name) - 1];
  if (name === '#') return String(args.length);
  if (name === '@' || name === '*') return args.join(' ');
  if (name === '$') return String(state.shellPid);
  if (name === '-') return optionFlags(at);
  if (name === 'LINENO') return String(state.lineno);
  if (name === 'RANDOM') {
    // An assignment to RANDOM seeds the generator.
    const seed = state.variables.get('RANDOM');
    if (seed !== undefined) {
      const digits = /^\s*\+?(\d+)/.exec(seed);
      state.seedRandom(digits ? BigInt(digits[1]!) : 0n);
      state.variables.delete('RANDOM');
    }
    return String(state.random());
  }
  const ref = arrayReference(name);
  if (ref) return state.variables.element(ref.name, arraySubscript(at, ref.name, ref.subscript));
  const own = state.variables.get(name);
  if (own !== undefined) return own;
  if (name === 'HOSTNAME') return at.nodeId;
  if (name === 'PWD') return state.cwd;
  return undefined;
}

/**
 * array_expand_index: an indexed array's subscript is an arithmetic expression (its `$…` already
 * expanded). Reading, bash 4.2 counts a negative one back from one past the largest index
 * (array_value_internal); assigning or unsetting with one is an error until 4.3, worded as
 * assign_array_element (`A[-1]: bad array subscript`) and unset_builtin (`[-1]: …`) word it.
 */
export function arraySubscript(at: Where, name: string, subscript: string, use: 'read' | 'assign' | 'unset' = 'read'): number {
  // Its variables follow set -u as any arithmetic does.
  const r = evaluateArith(subscript, arithVariables({ variable: (n) => variableOf(at, n), assign: (n, v) => assignVariable(at, n, v), nounset: at.state.options.has('nounset') }));
  if (r instanceof ArithError) throw new ExpansionError(r.text);
  if (r >= 0n) return Number(r);
  if (use === 'assign') throw new ExpansionError(`${name}[${subscript}]: bad array subscript`);
  if (use === 'unset') throw new ExpansionError(`[${subscript}]: bad array subscript`);
  const indices = at.state.variables.indices(name);
  const index = (indices.length > 0 ? indices[indices.length - 1]! + 1 : 0) + Number(r);
  if (index < 0) throw new ExpansionError(`${name}: bad array subscript`);
  return index;
}

/**
 * NAME=VALUE or NAME[SUBSCRIPT]=VALUE as an arithmetic expression, `${NAME:=…}` or `read` assign
 * it; a read-only variable or a bad subscript is an expansion error.
 */
export function assignVariable(at: Where, name: string, value: string): void {
  const ref = arrayReference(name);
  const error = ref
    ? at.state.variables.setElement(ref.name, arraySubscript(at, ref.name, ref.subscript, 'assign'), value)
    : at.state.variables.set(name, value);
  if (error !== undefined) throw new ExpansionError(error);
}

/** The variables that come from the node and the directory rather than from an assignment (`set` lists them too). */
export const COMPUTED_VARIABLES: readonly string[] = ['HOSTNAME', 'PWD'];

/**
 * `$-`: the letters of the options that are on, in the order of bash's flags table, with `i`
 * for the interactive console (`himBH` at login; a script has `hB`).
 */
function optionFlags(at: Where): string {
  const on = at.state.options;
  const interactive = !at.script && !at.subshell;
  const letters: [string, boolean][] = [
    ['a', on.has('allexport')], ['e', on.has('errexit')], ['f', on.has('noglob')], ['h', on.has('hashall')], ['i', interactive],
    ['m', on.has('monitor')], ['n', on.has('noexec')], ['u', on.has('nounset')], ['v', on.has('verbose')], ['x', on.has('xtrace')],
    ['B', on.has('braceexpand')], ['C', on.has('noclobber')], ['H', on.has('histexpand')],
  ];
  return letters.filter(([, set]) => set).map(([c]) => c).join('');
}

/** $LINENO for the command on `line` of what is being read (a script counts from its top). */
export function enterLine(at: Where, line: number): void {
  at.state.lineno = (at.script?.offset ?? 0) + line;
}

/** The files as the command at `at` sees them: its node in `doc`, the running lab, its shell. */
export function fsAt(doc: LabDocument, at: Where, runtime: ShellRuntime | undefined): FsView {
  return { node: findNode(doc, at.nodeId)!, runtime, state: at.state };
}

/** How bash begins an error message: `bash: `, or in a script its name and the line (`x.sh: line 3: `). */
export function errorPrefix(at: Where, line: number): string {
  if (!at.script) return 'bash: ';
  // bash 4.2 names no line in a `bash -c` string's messages (its line is 0 there).
  return at.script.command ? `${at.script.name}: ` : `${at.script.name}: line ${at.script.offset + line}: `;
}

/** How deeply scripts may run scripts before the lab stops (a script that runs itself). */
export const MAX_SCRIPT_DEPTH = 64;

/** What running part of a line did: its output, status and the lab afterwards. */
export interface Ran {
  readonly output: OutputChunk[];
  readonly exitCode: number;
  readonly doc: LabDocument;
  /** Set when a break, continue, return, exit or a dropped command ended the list early. */
  readonly control?: LoopControl;
}

/** Where a command runs: the node's shell, whether its stdout is the terminal, how many loops enclose it, in which script. */
export interface Where {
  readonly nodeId: string;
  readonly state: NodeShellState;
  readonly terminal: boolean;
  readonly loops: number;
  readonly script?: ScriptFrame;
  /** Inside a function: its positional parameters, the variables it made local (with the values they hid), its depth. */
  readonly call?: FunctionCall;
  /** Inside a sourced script (where `return` ends the script). */
  readonly sourced?: boolean;
  /**
   * The standard input the commands of a compound command or function share (`while read l; do
   * …; done < FILE`, `cat FILE | while read …`): each reader takes from where the last stopped.
   */
  readonly input?: InputStream;
  /** In a subshell (`( … )`, `$( … )`, a command of a pipeline of several): exit ends it, not the console. */
  readonly subshell?: boolean;
  /** In the condition of an if, while or until (or a function called there): `set -e` does not act. */
  readonly condition?: boolean;
  /** How many command substitutions deep (xtrace repeats PS4's `+` once more for each). */
  readonly nesting?: number;
}

/** A shared standard input and how much of it has been read. */
export interface InputStream {
  readonly text: string;
  pos: number;
}

export interface FunctionCall {
  readonly args: string[];
  readonly locals: Map<string, SavedVariable>;
  readonly depth: number;
}

/** How deeply functions may call functions before the lab stops (bash, with FUNCNEST unset, would exhaust its stack). */
export const MAX_FUNCTION_DEPTH = 200;

/** The positional parameters in effect: the function's, else the script's, else the console's. */
export function positional(at: Where): string[] {
  return at.call?.args ?? at.script?.args ?? at.state.args;
}

/**
 * What a subshell or a child shell must not leave behind: the directory, variables (with their
 * attributes), functions, positional parameters, options, traps, getopts' place, $LINENO and the
 * temporary environment. Returns what puts them back.
 */
export function saveShell(state: NodeShellState): () => void {
  const cwd = state.cwd;
  const variables = state.variables.saveAll();
  const functions = new Map(state.functions);
  const exportedFunctions = new Set(state.exportedFunctions);
  const args = [...state.args];
  const options = new Set(state.options);
  const traps = new Map(state.traps);
  const getopts = { ...state.getopts };
  const { lineno, temporaryEnv } = state;
  return () => {
    state.lineno = lineno;
    state.temporaryEnv = temporaryEnv;
    state.exportedFunctions.clear();
    for (const f of exportedFunctions) state.exportedFunctions.add(f);
    state.traps.clear();
    for (const [k, v] of traps) state.traps.set(k, v);
    Object.assign(state.getopts, getopts);
    state.cwd = cwd;
    variables();
    state.args.splice(0, state.args.length, ...args);
    state.options.clear();
    for (const o of options) state.options.add(o);
    state.functions.clear();
    for (const [k, v] of functions) state.functions.set(k, v);
  };
}

/**
 * The most rounds a while or until loop runs here. bash would go on until Ctrl+C, which a line
 * run to the end in the lab cannot take; the loop stops with a message instead.
 */
export const MAX_LOOP_ROUNDS = 1000;
export const LOOP_STOPPED: OutputChunk = { stream: 'stderr', text: `lab: the loop stopped after ${MAX_LOOP_ROUNDS} rounds (bash would go on until Ctrl+C)\n` };

/** Stamps output with the virtual time it was written at. */
export type Stamp = (chunks: readonly OutputChunk[]) => OutputChunk[];

/** A command the session runs itself (it needs the session's state: loops, scripts, variables). */
export type SessionBuiltin = (doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp) => Ran;
