import type { LabDocument } from '../document.ts';
import { isDirectory, readFile } from './fs/files.ts';
import { resolvePath } from './fs/paths.ts';
import { joinStream, type OutputChunk } from './output.ts';
import {
  fsAt, MAX_SCRIPT_DEPTH, positional, saveShell, type Ran, type ScriptFrame, type Stamp, type Where,
} from './session-frame.ts';
import { isSyntaxError, parseCommandLine, readCommands, type CommandLine } from './syntax/command-line.ts';
import { typeBuiltin } from './type.ts';
import type { ShellRuntime } from './types.ts';

/**
 * What runs a command line of its own: scripts (`bash FILE`, `sh`, `bash -c`, `source`), the EXIT
 * trap when a shell ends, `eval`, and `command` / `builtin`. They run their lines through the
 * session, which gives them these means.
 */
export interface ShellCore {
  runList(doc: LabDocument, at: Where, list: CommandLine): Ran;
  /** Runs expanded words as a command, past any function of that name. */
  runArgv(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran;
  isBuiltin(name: string): boolean;
  stamper(): Stamp;
  runtime(): ShellRuntime | undefined;
}

export class ShellScripts {
  constructor(private readonly core: ShellCore) {}

  /**
   * `bash FILE [ARG…]` and `sh FILE` (a child shell: its cd and variables do not last),
   * `bash -c COMMAND [NAME [ARG…]]`, and `source FILE [ARG…]` / `. FILE` (this shell).
   */
  scriptCommand(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
    const name = argv[0]!;
    const fail = (text: string, exitCode: number): Ran => ({ output: stamp([{ stream: 'stderr', text }]), exitCode, doc });
    const source = name === 'source' || name === '.';
    // bash [-eux] [-o OPTION]… [-c COMMANDS | FILE] [ARGUMENTS]: the options of set, for the child shell.
    const options: string[] = [];
    let k = 1;
    for (; !source && k < argv.length && /^-[a-z]/.test(argv[k]!) && argv[k] !== '-c'; k++) {
      const a = argv[k]!;
      if (a === '-o') {
        const option = argv[++k];
        if (option !== 'errexit' && option !== 'nounset' && option !== 'xtrace' && option !== 'pipefail') {
          return fail(`lab: ${name} -o ${option ?? ''}: not simulated; the lab's shell takes -e, -u, -x and -o pipefail\n`, 2);
        }
        options.push(option);
        continue;
      }
      for (const c of a.slice(1)) {
        const option = ({ e: 'errexit', u: 'nounset', x: 'xtrace' } as Record<string, string>)[c];
        if (option === undefined) return fail(`lab: ${name} -${c}: not simulated; the lab's shell takes -e, -u, -x, -o pipefail and -c\n`, 2);
        options.push(option);
      }
    }
    if (!source && argv[k] === '-c') {
      if (argv[k + 1] === undefined) return fail(`${name}: -c: option requires an argument\n`, 2);
      return this.runScript(doc, at, argv[k + 2] ?? name, argv[k + 1]!, argv.slice(k + 3), 'command', stamp, options);
    }
    const file = argv[k];
    if (file === undefined) {
      if (source) return fail(`bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`, 2);
      return fail(`lab: ${name}: an interactive shell inside the console is not simulated; give a script: ${name} FILE [ARGUMENTS]\n`, 2);
    }
    const fs = fsAt(doc, at, this.core.runtime());
    const path = resolvePath(at.state.cwd, file);
    if (isDirectory(fs, path)) return fail(source ? `bash: ${name}: ${file}: is a directory\n` : `${name}: ${file}: Is a directory\n`, source ? 1 : 126);
    const script = readFile(fs, path);
    if (typeof script !== 'string') return fail(source ? `bash: ${file}: No such file or directory\n` : `${name}: ${file}: No such file or directory\n`, source ? 1 : 127);
    return this.runScript(doc, at, file, script, argv.slice(k + 1), source ? 'source' : 'child', stamp, options);
  }

  /**
   * Runs a script as bash reads one: command by command (each runs before the next is read); a
   * syntax error ends it with status 2, as it ends a non-interactive shell; `exit` ends it. A
   * child shell's cd and variables do not last; a sourced script's do.
   */
  runScript(
    doc: LabDocument, at: Where, name: string, text: string, args: readonly string[], mode: 'child' | 'source' | 'command',
    stamp: Stamp, options: readonly string[] = [],
  ): Ran {
    const depth = (at.script?.depth ?? 0) + 1;
    if (depth > MAX_SCRIPT_DEPTH) return { output: stamp([{ stream: 'stderr', text: `lab: ${name}: scripts nested ${MAX_SCRIPT_DEPTH} deep; the lab stops here\n` }]), exitCode: 1, doc };
    const { state } = at;
    const restore = mode === 'source' ? undefined : saveShell(state);
    if (mode !== 'source') {
      // A child shell gets the environment (exported variables), not the caller's other
      // variables, functions or options; its own options are a non-interactive shell's and those given.
      state.enterChildShell();
      for (const name of [...state.functions.keys()]) if (!state.exportedFunctions.has(name)) state.functions.delete(name);
      state.traps.clear();
      Object.assign(state.getopts, { optind: 1, char: 1, assignments: -1 });
      state.options.clear();
      for (const o of ['braceexpand', 'hashall', 'interactive-comments', ...options]) state.options.add(o);
    }
    // BASH_SOURCE: the file being read, over the one that sourced it.
    const source = state.variables.save('BASH_SOURCE');
    if (mode !== 'command') state.variables.remake('BASH_SOURCE', [name, ...(mode === 'source' ? state.variables.values('BASH_SOURCE') : [])], false);
    // `source FILE` without arguments runs on the caller's positional parameters themselves (its shift shifts them).
    const frame: ScriptFrame = { name, args: mode === 'source' && args.length === 0 ? positional(at) : [...args], offset: 0, depth, ...(mode === 'command' ? { command: true } : {}) };
    // A child shell starts outside any function; a sourced script runs within the caller's.
    const inScript: Where = mode === 'source'
      ? { ...at, script: frame, loops: 0, sourced: true, ...(at.call ? { call: { ...at.call, args: frame.args } } : {}) }
      : { nodeId: at.nodeId, state, terminal: at.terminal, loops: 0, script: frame, ...(at.input ? { input: at.input } : {}) };
    const output: OutputChunk[] = [];
    let current = doc;
    let status = 0;
    let ended: 'exit' | 'syntax' | undefined;
    const { commands, rest } = readCommands(text);
    const where = (line: number) => (mode === 'command' ? `${name}: -c: line ${line}: ` : `${name}: line ${line}: `);
    for (const command of commands) {
      frame.offset = command.line - 1;
      const parsed = parseCommandLine(command.text);
      if (isSyntaxError(parsed)) {
        const first = command.text.split('\n')[0]!;
        output.push(...stamp([{ stream: 'stderr', text: `${where(command.line)}${parsed.message}\n${where(command.line)}\`${first}'\n` }]));
        status = 2;
        ended = 'syntax';
        break;
      }
      const r = this.core.runList(current, inScript, parsed);
      output.push(...r.output);
      current = r.doc;
      status = r.exitCode;
      // A discarded command (a failed expansion) ends; the script goes on with the next.
      if (r.control?.kind === 'exit') {
        ended = 'exit';
        break;
      }
      // return in a sourced script ends it with that status.
      if (r.control?.kind === 'return') break;
    }
    if (rest !== '' && ended === undefined) {
      // The script ends inside a command: an unclosed quote is reported where the command began
      // (parse_matched_pair's start line), then bash names the line after the last.
      const unclosed = parseCommandLine(rest);
      if (isSyntaxError(unclosed) && unclosed.message.startsWith('unexpected EOF while looking for matching')) {
        const start = text.slice(0, text.length - rest.length).split('\n').length;
        output.push(...stamp([{ stream: 'stderr', text: `${where(start)}${unclosed.message.split('\n')[0]}\n` }]));
      }
      const lines = text.split('\n').length + (text.endsWith('\n') ? 0 : 1);
      output.push(...stamp([{ stream: 'stderr', text: `${where(lines)}syntax error: unexpected end of file\n` }]));
      status = 2;
    }
    if (mode !== 'source') {
      // The child shell ends: its EXIT trap runs.
      const trapped = this.exitTrap({ output: [], exitCode: status, doc: current }, inScript);
      output.push(...trapped.output);
      status = trapped.exitCode;
      current = trapped.doc;
    }
    state.variables.restore('BASH_SOURCE', source);
    restore?.();
    state.lastStatus = status;
    // exit in a sourced script exits the shell that sourced it: the script around it, or the console (which stays open).
    if (mode === 'source' && ended === 'exit') {
      if (at.script) return { output, exitCode: status, doc: current, control: { kind: 'exit', levels: 1 } };
      output.push(...stamp([{ stream: 'stderr', text: 'lab: exit: this console stays open (bash would log out)\n' }]));
    }
    return { output, exitCode: status, doc: current };
  }

  /**
   * eval ARG…: the arguments joined by spaces, read and run as a command line in this shell
   * (a break, return or exit in it acts where eval is).
   */
  evalBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
    const text = argv.slice(1).join(' ');
    if (text.trim() === '') return { output: [], exitCode: 0, doc };
    const parsed = parseCommandLine(text);
    if (isSyntaxError(parsed)) {
      // parse_and_execute reports as the parser does: in a script `NAME: eval: line N: ` and the
      // text, in the console its first line alone; the status is 1.
      const lines = parsed.message.split('\nbash: ');
      const shown = at.script
        ? [...lines, ...(parsed.incomplete ? [] : [`\`${text.split('\n')[0]}'`])].map((l) => `${at.script!.name}: eval: line ${at.state.lineno}: ${l}\n`)
        : [`bash: ${lines[0]}\n`];
      return { output: stamp([{ stream: 'stderr', text: shown.join('') }]), exitCode: 1, doc };
    }
    return this.core.runList(doc, at, parsed);
  }

  /**
   * `command [-pvV] NAME ARG…` runs NAME without looking for a function of that name (`-v`
   * says what NAME is: its path, or its name for a builtin, function or keyword; `-V` as type
   * does); `builtin NAME ARG…` runs the shell's builtin NAME.
   */
  commandBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp, builtinOnly: boolean): Ran {
    let k = 1;
    let describe: 'v' | 'V' | undefined;
    for (; !builtinOnly && k < argv.length && /^-[pvV]+$/.test(argv[k]!); k++) {
      if (argv[k]!.includes('V')) describe = 'V';
      else if (argv[k]!.includes('v')) describe ??= 'v';
    }
    if (!builtinOnly && k < argv.length && /^-./.test(argv[k]!) && argv[k] !== '--') {
      return { output: stamp([{ stream: 'stderr', text: `bash: command: ${argv[k]!.slice(0, 2)}: invalid option\ncommand: usage: command [-pVv] command [arg ...]\n` }]), exitCode: 2, doc };
    }
    if (argv[k] === '--') k++;
    const rest = argv.slice(k);
    if (rest.length === 0) return { output: [], exitCode: 0, doc };
    if (describe === 'V') return typeBuiltin(doc, at, ['type', ...rest], stamp, 'command');
    if (describe === 'v') {
      // type -t decides what each name is; a file prints its path, anything else its name.
      // Status 0 when any name was found (command_builtin's any_found).
      const out: OutputChunk[] = [];
      let found = false;
      for (const name of rest) {
        const kind = joinStream(typeBuiltin(doc, at, ['type', '-t', name], stamp).output, 'stdout').trim();
        if (kind !== '') found = true;
        if (kind !== '') out.push({ stream: 'stdout', text: `${kind === 'file' ? joinStream(typeBuiltin(doc, at, ['type', '-P', name], stamp).output, 'stdout').trim() : name}\n` });
      }
      return { output: stamp(out), exitCode: found ? 0 : 1, doc };
    }
    const name = rest[0]!;
    if (builtinOnly && !this.core.isBuiltin(name)) {
      return { output: stamp([{ stream: 'stderr', text: `bash: builtin: ${name}: not a shell builtin\n` }]), exitCode: 1, doc };
    }
    return this.core.runArgv(doc, at, rest, stamp);
  }

  /** When a shell ends (a script, a subshell): its EXIT trap runs, with $? the status it ends with, which stays unless the trap exits. */
  exitTrap(r: Ran, at: Where): Ran {
    const command = at.state.traps.get('EXIT');
    if (command === undefined) return r;
    at.state.traps.delete('EXIT');
    const parsed = parseCommandLine(command);
    if (isSyntaxError(parsed)) return { ...r, output: [...r.output, ...this.core.stamper()([{ stream: 'stderr', text: `bash: ${parsed.message}\n` }])] };
    at.state.lastStatus = r.exitCode;
    const t = this.core.runList(r.doc, { ...at, loops: 0 }, parsed);
    return { output: [...r.output, ...t.output], exitCode: t.control?.kind === 'exit' ? t.exitCode : r.exitCode, doc: t.doc, ...(r.control ? { control: r.control } : {}) };
  }
}
