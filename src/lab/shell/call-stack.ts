import type { ShellFunction } from './node-state.ts';
import type { Where } from './session-frame.ts';

/**
 * FUNCNAME, BASH_SOURCE and BASH_LINENO while a function runs (bash's call stack arrays): the
 * function's name, the file it was defined in and the line it was called from, first, over the
 * caller's (a script's bottom frame is `main` and the script's name). Returns what puts them back.
 */
export function callStack(at: Where, fn: ShellFunction, name: string): () => void {
  const vars = at.state.variables;
  const names = ['FUNCNAME', 'BASH_SOURCE', 'BASH_LINENO'];
  const saved = names.map((n) => vars.save(n));
  const outer = (n: string, bottom: string | undefined): string[] => {
    const now = vars.values(n);
    return now.length > 0 ? now : bottom !== undefined ? [bottom] : [];
  };
  vars.remake('FUNCNAME', [name, ...outer('FUNCNAME', at.script ? 'main' : undefined)], false);
  vars.remake('BASH_SOURCE', [fn.source ?? '', ...outer('BASH_SOURCE', at.script?.name)], false);
  vars.remake('BASH_LINENO', [String(at.state.lineno), ...outer('BASH_LINENO', at.script ? '0' : undefined)], false);
  return () => names.forEach((n, k) => vars.restore(n, saved[k]!));
}

/**
 * Where a subshell runs: marked as one, and with its own copy of the function call's locals, so a
 * `local` inside it does not change what the function puts back when it returns.
 */
export function subshellOf(at: Where): Where {
  return { ...at, subshell: true, ...(at.call ? { call: { ...at.call, locals: new Map(at.call.locals) } } : {}) };
}

