import type { LabDocument } from '../document.ts';
import type { ArrayItems } from './assign.ts';
import type { OutputChunk } from './output.ts';
import type { Ran, Stamp, Where } from './session-frame.ts';
import { arraySubscript, variableOf } from './session-frame.ts';
import { isName } from './syntax/word.ts';
import { arrayReference, type ShellVariables } from './variables.ts';
import { ExpansionError } from './expansion-error.ts';
import { arrayLiteral, doubleQuote, singleQuote } from './quote.ts';

/**
 * bash 4.2's declaration builtins (builtins/declare.def, setattr.def): `declare` and `typeset`,
 * `local`, `readonly` and `export`, with the attributes the lab keeps — `-a` (indexed array),
 * `-r` (read-only), `-x` (exported) — `-p` listings as bash prints them, and `-F`/`-f` for
 * functions by name. Compound values (`local -a RS=(a b)`) come already expanded, by argument
 * position, from the session.
 */

export type DeclarationName = 'declare' | 'typeset' | 'local' | 'readonly' | 'export';

const USAGE: Record<DeclarationName, string> = {
  declare: 'declare: usage: declare [-aAfFgilrtux] [-p] [name[=value] ...]',
  typeset: 'typeset: usage: typeset [-aAfFgilrtux] [-p] name[=value] ...',
  local: 'local: usage: local [option] name[=value] ...',
  readonly: 'readonly: usage: readonly [-aAf] [name[=value] ...] or readonly -p',
  export: 'export: usage: export [-fn] [name[=value] ...] or export -p',
};
const OPTIONS: Record<DeclarationName, string> = {
  declare: 'aAfFgilrtuxp', typeset: 'aAfFgilrtuxp', local: 'aAfFgilrtuxp', readonly: 'aAfp', export: 'fnp',
};
/** Attributes bash has and the lab does not keep: refused rather than ignored. */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  A: 'associative arrays', i: 'the integer attribute', l: 'the lowercase attribute', u: 'the uppercase attribute', t: 'the trace attribute',
};

export function declaration(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp, arrays: ReadonlyMap<number, ArrayItems>): Ran {
  const command = argv[0] as DeclarationName;
  const out: OutputChunk[] = [];
  const err = (text: string): void => void out.push({ stream: 'stderr', text: `bash: ${command}: ${text}\n` });
  const result = (status: number): Ran => ({ output: stamp(out), exitCode: status, doc });
  if (command === 'local' && !at.call) {
    err('can only be used in a function');
    return result(1);
  }
  // Options: `-x` gives an attribute, `+x` takes it away; `--` ends them.
  const on = new Set<string>();
  const off = new Set<string>();
  let k = 1;
  for (; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--') {
      k++;
      break;
    }
    if (!/^[-+]./.test(a)) break;
    for (const c of a.slice(1)) {
      if (!OPTIONS[command].includes(c)) {
        err(`${a[0]}${c}: invalid option`);
        out.push({ stream: 'stderr', text: `${USAGE[command]}\n` });
        return result(2);
      }
      (a[0] === '-' ? on : off).add(c);
    }
  }
  if (command === 'readonly') on.add('r');
  if (command === 'export') (on.has('n') ? off : on).add('x');
  const refused = [...on, ...off].find((c) => NOT_SIMULATED[c] !== undefined);
  if (refused) {
    out.push({ stream: 'stderr', text: `lab: ${command} -${refused} (${NOT_SIMULATED[refused]}): not simulated; the lab's variables are strings and indexed arrays (-a), read-only (-r) or exported (-x)\n` });
    return result(1);
  }
  const names = argv.slice(k);
  const vars = at.state.variables;
  const local = command === 'local' || ((command === 'declare' || command === 'typeset') && at.call !== undefined && !on.has('g'));
  if (on.has('f') || on.has('F')) return functions(at, command, names, on.has('F'), on.has('x'), out, err, result);
  if (names.length === 0) {
    // declare -p (or declare -a, readonly, export -p…): the variables that have the attributes asked for.
    const wanted = [...on].filter((c) => c === 'a' || c === 'r' || c === 'x');
    for (const name of vars.names()) {
      if (wanted.every((c) => hasAttribute(vars, name, c))) out.push({ stream: 'stdout', text: `${declareLine(vars, name, variableOf(at, name))}\n` });
    }
    return result(0);
  }
  let status = 0;
  names.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    const target = eq >= 0 ? arg.slice(0, eq).replace(/\+$/, '') : arg;
    const ref = arrayReference(target);
    const name = ref ? ref.name : target;
    if (!isName(name)) {
      err(`\`${arg}': not a valid identifier`);
      status = 1;
      return;
    }
    if (on.has('p') && eq < 0) {
      if (vars.names().includes(name)) out.push({ stream: 'stdout', text: `${declareLine(vars, name, variableOf(at, name))}\n` });
      else {
        err(`${name}: not found`);
        status = 1;
      }
      return;
    }
    // In a function, declare and typeset make locals as local does, unless -g (global) is given.
    if (local && at.call && !at.call.locals.has(name)) {
      at.call.locals.set(name, vars.save(name));
      if (eq < 0 && !arrays.has(k + i)) vars.delete(name);
    }
    if (off.has('r') && vars.isReadonly(name)) {
      err(`${name}: readonly variable`);
      status = 1;
      return;
    }
    const problem = assignDeclared(at, vars, name, ref?.subscript, arg, eq, arrays.get(k + i), on.has('a'));
    if (problem !== undefined) {
      // bind_variable's "readonly variable" names no builtin.
      if (problem.endsWith(': readonly variable')) out.push({ stream: 'stderr', text: `bash: ${problem}\n` });
      else err(problem);
      status = 1;
      return;
    }
    if (on.has('a')) vars.makeArray(name);
    if (on.has('r')) vars.markReadonly(name);
    if (on.has('x')) vars.markExported(name);
    if (off.has('x')) vars.markExported(name, false);
  });
  return result(status);
}

/** The value part of one argument: NAME=VALUE, NAME+=VALUE, NAME[I]=VALUE, or a compound NAME=(…). */
function assignDeclared(
  at: Where, vars: ShellVariables, name: string, subscript: string | undefined, arg: string, eq: number,
  items: ArrayItems | undefined, array: boolean,
): string | undefined {
  if (eq < 0) return undefined;
  const append = arg[eq - 1] === '+';
  if (items) return vars.setArray(name, items, append);
  const value = arg.slice(eq + 1);
  try {
    if (subscript !== undefined) {
      const index = arraySubscript(at, name, subscript, 'assign');
      return vars.setElement(name, index, append ? (vars.element(name, index) ?? '') + value : value);
    }
  } catch (e) {
    if (e instanceof ExpansionError) return e.message;
    throw e;
  }
  // declare -a NAME=VALUE sets element 0.
  if (array) return vars.setElement(name, 0, append ? (vars.element(name, 0) ?? '') + value : value);
  return vars.set(name, append ? (vars.get(name) ?? '') + value : value);
}

function hasAttribute(vars: ShellVariables, name: string, c: string): boolean {
  if (c === 'a') return vars.isArray(name);
  if (c === 'r') return vars.isReadonly(name);
  return vars.isExported(name);
}

/**
 * How `declare -p` shows a variable (print_assignment with its attributes): `declare -- X="v"`,
 * `declare -rx X="v"`, and in bash 4.2 an array as `declare -a A='([0]="a" [1]="b")'`.
 */
export function declareLine(vars: ShellVariables, name: string, value: string | undefined): string {
  const flags = `${vars.isArray(name) ? 'a' : ''}${vars.isReadonly(name) ? 'r' : ''}${vars.isExported(name) ? 'x' : ''}`;
  const head = `declare -${flags === '' ? '-' : flags} ${name}`;
  if (vars.isArray(name)) {
    const values = vars.values(name);
    return `${head}=${singleQuote(arrayLiteral(vars.indices(name), values))}`;
  }
  return value === undefined ? head : `${head}=${doubleQuote(value)}`;
}


/** declare -F (names) and -f NAME… (whether each is a function; printing bodies is not simulated). */
function functions(
  at: Where, command: DeclarationName, names: readonly string[], namesOnly: boolean, exported: boolean, out: OutputChunk[],
  err: (text: string) => void, result: (status: number) => Ran,
): Ran {
  const fns = at.state.functions;
  if (names.length === 0) {
    if (!namesOnly) {
      out.push({ stream: 'stderr', text: `lab: ${command} -f: printing function bodies is not simulated; declare -F lists their names\n` });
      return result(1);
    }
    for (const name of [...fns.keys()].sort()) out.push({ stream: 'stdout', text: `declare -f ${name}\n` });
    return result(0);
  }
  let status = 0;
  let bodies = false;
  for (const name of names) {
    if (!fns.has(name)) {
      if (command !== 'declare' && command !== 'typeset') err(`${name}: not a function`);
      status = 1;
    } else if (namesOnly) {
      out.push({ stream: 'stdout', text: `${name}\n` });
    } else if (command === 'export' || exported) {
      // export -f: the function goes into the environment, so child shells have it too.
      at.state.exportedFunctions.add(name);
    } else {
      bodies = command === 'declare' || command === 'typeset';
    }
  }
  if (bodies) out.push({ stream: 'stderr', text: `lab: ${command} -f: printing function bodies is not simulated; declare -F NAME tells whether it is one\n` });
  return result(status);
}
