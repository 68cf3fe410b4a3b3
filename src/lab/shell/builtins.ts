import { isName } from './syntax/word.ts';
import type { LabDocument } from '../document.ts';
import { ArithError, evaluateArith, type ArithVariables } from './arith.ts';
import type { OutputChunk } from './output.ts';
import { positional, variableOf, type Ran, type Stamp, type Where } from './session-frame.ts';

/** The builtins that need only the command's frame: loop control, exit, shift, let, return, local, export and unset. */

/** let EXPRESSION…: evaluates each; status 0 when the last value is not zero. */
export function letBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  if (argv.length === 1) return { output: stamp([{ stream: 'stderr', text: 'bash: let: expression expected\n' }]), exitCode: 1, doc };
  const vars: ArithVariables = { get: (name) => variableOf(at, name), set: (name, value) => at.state.variables.set(name, value) };
  let last = 0n;
  for (const expression of argv.slice(1)) {
    const r = evaluateArith(expression, vars);
    if (r instanceof ArithError) return { output: stamp([{ stream: 'stderr', text: `bash: let: ${r.text}\n` }]), exitCode: 1, doc };
    last = r;
  }
  return { output: [], exitCode: last !== 0n ? 0 : 1, doc };
}

/** return [N]: ends the function or sourced script it is in, with status N (mod 256) or the last command's. */
export function returnBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  if (!at.call && !at.sourced) {
    return { output: stamp([{ stream: 'stderr', text: "bash: return: can only `return' from a function or sourced script\n" }]), exitCode: 1, doc };
  }
  const arg = argv[1];
  if (arg !== undefined && !/^[+-]?\d+$/.test(arg)) {
    return { output: stamp([{ stream: 'stderr', text: `bash: return: ${arg}: numeric argument required\n` }]), exitCode: 2, doc, control: { kind: 'return', levels: 1 } };
  }
  const status = arg === undefined ? at.state.lastStatus : ((Number(arg) % 256) + 256) % 256;
  return { output: [], exitCode: status, doc, control: { kind: 'return', levels: 1 } };
}

/** local NAME[=VALUE]…: the variable belongs to the function until it returns (without a value it is unset meanwhile). */
export function localBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  if (!at.call) return { output: stamp([{ stream: 'stderr', text: 'bash: local: can only be used in a function\n' }]), exitCode: 1, doc };
  const errors: OutputChunk[] = [];
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (!isName(name)) {
      errors.push({ stream: 'stderr', text: `bash: local: \`${a}': not a valid identifier\n` });
      continue;
    }
    if (!at.call.locals.has(name)) at.call.locals.set(name, at.state.variables.get(name));
    if (eq >= 0) at.state.variables.set(name, a.slice(eq + 1));
    else at.state.variables.delete(name);
  }
  return { output: stamp(errors), exitCode: errors.length > 0 ? 1 : 0, doc };
}

/** exit [N]: ends the script or subshell it is in; the console itself stays open. */
export function exit(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const status = argv[1] !== undefined && /^[+-]?\d+$/.test(argv[1]) ? ((Number(argv[1]) % 256) + 256) % 256 : at.state.lastStatus;
  if (at.script || at.subshell) return { output: [], exitCode: status, doc, control: { kind: 'exit', levels: 1 } };
  return { output: stamp([{ stream: 'stderr', text: 'lab: exit: this console stays open (bash would log out)\n' }]), exitCode: status, doc };
}

/** shift [N]: the positional parameters move N places (status 1 when there are fewer). */
export function shift(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  const args = positional(at);
  if (!Number.isInteger(n) || n < 0) return { output: stamp([{ stream: 'stderr', text: `bash: shift: ${argv[1]}: numeric argument required\n` }]), exitCode: 1, doc };
  if (n > args.length) return { output: [], exitCode: 1, doc };
  args.splice(0, n);
  return { output: [], exitCode: 0, doc };
}

/**
 * `export NAME=VALUE…` sets shell variables (the lab's commands read no environment, so being
 * exported changes nothing else); `unset NAME…` removes them.
 */
export function variableBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const name = argv[0]!;
  const errors: OutputChunk[] = [];
  if (argv.length === 1 && name === 'export') {
    return { output: stamp([{ stream: 'stderr', text: 'lab: export: the environment is not simulated; export NAME=VALUE sets a shell variable\n' }]), exitCode: 1, doc };
  }
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = name === 'export' ? a.indexOf('=') : -1;
    const variable = eq >= 0 ? a.slice(0, eq) : a;
    if (!isName(variable)) {
      errors.push({ stream: 'stderr', text: `bash: ${name}: \`${a}': not a valid identifier\n` });
      continue;
    }
    if (name === 'unset') at.state.variables.delete(variable);
    else if (eq >= 0) at.state.variables.set(variable, a.slice(eq + 1));
  }
  return { output: stamp(errors), exitCode: errors.length > 0 ? 1 : 0, doc };
}

/** bash's break [N] and continue [N]: leave (or go on with) the Nth enclosing loop. */
export function loopControl(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const kind = argv[0] as 'break' | 'continue';
  const fail = (text: string, exitCode: number): Ran => ({ output: stamp([{ stream: 'stderr', text: `bash: ${kind}: ${text}\n` }]), exitCode, doc });
  const arg = argv[1];
  if (arg !== undefined && !/^[+-]?\d+$/.test(arg)) return fail(`${arg}: numeric argument required`, 1);
  const levels = arg === undefined ? 1 : Number(arg);
  if (levels < 1) return fail(`${arg}: loop count out of range`, 1);
  if (at.loops === 0) return fail("only meaningful in a `for', `while', or `until' loop", 0);
  return { output: [], exitCode: 0, doc, control: { kind, levels: Math.min(levels, at.loops) } };
}
