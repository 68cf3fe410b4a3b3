import type { LabDocument } from '../document.ts';
import type { OutputChunk } from './output.ts';
import type { Ran, Stamp, Where } from './session-frame.ts';
import { singleQuote } from './quote.ts';

/**
 * bash 4.2's `trap [-lp] [[ARG] SIGNAL…]` (builtins/trap.def): the commands to run on EXIT (when
 * a script's shell ends) or on a signal. The lab sends no signals to scripts, so a signal's trap
 * is kept and listed but never runs; the shell's own DEBUG, ERR and RETURN traps are not simulated.
 */

/** Signals by number as Linux numbers them on x86 (trap takes names with or without SIG, and numbers). */
const SIGNALS: readonly string[] = [
  'EXIT', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT',
  'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];

/** A signal's name as trap lists it (EXIT, SIGINT…), or undefined for an unknown one. */
function signalName(spec: string): string | undefined {
  const upper = spec.toUpperCase().replace(/^SIG/, '');
  const index = /^\d+$/.test(spec) ? Number(spec) : SIGNALS.indexOf(upper);
  if (index < 0 || index >= SIGNALS.length) return undefined;
  return index === 0 ? 'EXIT' : `SIG${SIGNALS[index]}`;
}


export function trapBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const traps = at.state.traps;
  const out: OutputChunk[] = [];
  const result = (status: number): Ran => ({ output: stamp(out), exitCode: status, doc });
  let args = argv.slice(1);
  let print = false;
  if (args[0] === '-l') {
    out.push({ stream: 'stderr', text: 'lab: trap -l: the signal list is not simulated (kill -l neither)\n' });
    return result(1);
  }
  if (args[0] === '-p') {
    print = true;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0 || print) {
    // display_traps goes through the signals by number.
    const number = (name: string): number => (name === 'EXIT' ? 0 : SIGNALS.indexOf(name.slice(3)));
    let status = 0;
    const names: string[] = [];
    for (const a of args) {
      const name = signalName(a);
      if (name === undefined) {
        out.push({ stream: 'stderr', text: `bash: trap: ${a}: invalid signal specification\n` });
        status = 1;
      } else names.push(name);
    }
    for (const name of (args.length === 0 ? [...traps.keys()] : names).sort((a, b) => number(a) - number(b))) {
      const command = traps.get(name);
      if (command !== undefined) out.push({ stream: 'stdout', text: `trap -- ${singleQuote(command)} ${name}\n` });
    }
    return result(status);
  }
  // `trap SIGNAL…` with a signal first (a number) or `trap - SIGNAL…` resets; otherwise the first word is the command.
  const reset = args[0] === '-' || (args.length === 1) || /^\d+$/.test(args[0]!);
  const command = reset ? undefined : args[0]!;
  let status = 0;
  for (const spec of reset && args[0] !== '-' ? args : args.slice(1)) {
    if (['DEBUG', 'ERR', 'RETURN'].includes(spec.toUpperCase())) {
      out.push({ stream: 'stderr', text: `lab: trap ${spec}: the shell's ${spec.toUpperCase()} trap is not simulated\n` });
      status = 1;
      continue;
    }
    const name = signalName(spec);
    if (name === undefined) {
      out.push({ stream: 'stderr', text: `bash: trap: ${spec}: invalid signal specification\n` });
      status = 1;
      continue;
    }
    if (command === undefined) traps.delete(name);
    else traps.set(name, command);
  }
  return result(status);
}
