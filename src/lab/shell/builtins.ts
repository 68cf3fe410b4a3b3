import { isName } from './syntax/word.ts';
import type { LabDocument } from '../document.ts';
import { ArithError, arithVariables, evaluateArith, type ArithVariables } from './arith.ts';
import type { OutputChunk } from './output.ts';
import { ExpansionError } from './expansion-error.ts';
import { arraySubscript, assignVariable, positional, variableOf, type Ran, type Stamp, type Where } from './session-frame.ts';
import { arrayReference } from './variables.ts';

/** The builtins that need only the command's frame: loop control, exit, shift, let, return and unset. */

/** let EXPRESSION…: evaluates each; status 0 when the last value is not zero. */
export function letBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  if (argv.length === 1) return { output: stamp([{ stream: 'stderr', text: 'bash: let: expression expected\n' }]), exitCode: 1, doc };
  const vars: ArithVariables = arithVariables({
    variable: (name) => variableOf(at, name), assign: (name, value) => assignVariable(at, name, value), nounset: at.state.options.has('nounset'),
  });
  let last = 0n;
  for (const expression of argv.slice(1)) {
    let r: bigint | ArithError;
    try {
      r = evaluateArith(expression, vars);
    } catch (e) {
      // An unset variable under set -u is fatal: it goes on to drop the command (or end a script).
      if (!(e instanceof ExpansionError) || e.fatal) throw e;
      return { output: stamp([{ stream: 'stderr', text: `bash: ${e.message}\n` }]), exitCode: 1, doc };
    }
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
  const status = exitStatus(argv[1], at.state.lastStatus, 'return');
  return { output: stamp(status.message), exitCode: status.value, doc, control: { kind: 'return', levels: 1 } };
}

/** exit [N]: ends the script or subshell it is in; the console itself stays open. */
export function exit(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const status = exitStatus(argv[1], at.state.lastStatus, 'exit');
  if (at.script || at.subshell) return { output: stamp(status.message), exitCode: status.value, doc, control: { kind: 'exit', levels: 1 } };
  return { output: stamp([...status.message, { stream: 'stderr', text: 'lab: exit: this console stays open (bash would log out)\n' }]), exitCode: status.value, doc };
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
 * unset [-f] [-v] NAME…: removes variables (`NAME[INDEX]` one element, `NAME[@]` the whole
 * array) or, with -f, functions; without options a name that is no variable is tried as a
 * function (unset_builtin).
 */
export function unsetBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const errors: OutputChunk[] = [];
  const vars = at.state.variables;
  let functions = false;
  let variables = false;
  let k = 1;
  for (; k < argv.length && /^-[fv]+$/.test(argv[k]!); k++) {
    functions ||= argv[k]!.includes('f');
    variables ||= argv[k]!.includes('v');
  }
  if (k < argv.length && /^-./.test(argv[k]!) && argv[k] !== '--') {
    return { output: stamp([{ stream: 'stderr', text: `bash: unset: ${argv[k]!.slice(0, 2)}: invalid option\nunset: usage: unset [-f] [-v] [name ...]\n` }]), exitCode: 2, doc };
  }
  if (argv[k] === '--') k++;
  if (functions && variables) {
    return { output: stamp([{ stream: 'stderr', text: 'bash: unset: cannot simultaneously unset a function and a variable\n' }]), exitCode: 1, doc };
  }
  for (const a of argv.slice(k)) {
    const ref = arrayReference(a);
    if (functions) {
      at.state.functions.delete(a);
      at.state.exportedFunctions.delete(a);
      continue;
    }
    if (!ref && !isName(a)) {
      errors.push({ stream: 'stderr', text: `bash: unset: \`${a}': not a valid identifier\n` });
      continue;
    }
    let problem: string | undefined;
    if (!ref) {
      if (!variables && !vars.has(a) && at.state.functions.has(a)) {
        at.state.functions.delete(a);
        at.state.exportedFunctions.delete(a);
      }
      else problem = vars.delete(a);
    } else if (vars.has(ref.name) && !vars.isArray(ref.name)) {
      problem = `${ref.name}: not an array variable`;
    } else if (ref.subscript === '@' || ref.subscript === '*') {
      problem = vars.delete(ref.name);
    } else {
      try {
        problem = vars.deleteElement(ref.name, arraySubscript(at, ref.name, ref.subscript, 'unset'));
      } catch (e) {
        if (!(e instanceof ExpansionError)) throw e;
        problem = e.message;
      }
    }
    if (problem !== undefined) errors.push({ stream: 'stderr', text: `bash: unset: ${problem}\n` });
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

/**
 * get_exitstat (bash 4.2's common.c): the last status without an argument, the number's low 8
 * bits, or 255 and bash's message for what legal_number refuses (not a number, or beyond 64 bits).
 */
function exitStatus(arg: string | undefined, last: number, builtin: 'exit' | 'return'): { value: number; message: OutputChunk[] } {
  if (arg === undefined) return { value: last, message: [] };
  const m = /^\s*([+-]?\d+)\s*$/.exec(arg);
  const n = m ? BigInt(m[1]!) : undefined;
  if (n === undefined || n !== BigInt.asIntN(64, n)) {
    return { value: 255, message: [{ stream: 'stderr', text: `bash: ${builtin}: ${arg}: numeric argument required\n` }] };
  }
  return { value: Number(BigInt.asUintN(8, n)), message: [] };
}
