import type { LabDocument } from '../document.ts';
import type { OutputChunk } from './output.ts';
import { arrayLiteral, shellQuote } from './quote.ts';
import { COMPUTED_VARIABLES, positional, variableOf, type Ran, type Stamp, type Where } from './session-frame.ts';

/**
 * bash 4.2's `set` (builtins/set.def): options by letter (`-e`, `+x`) or name (`-o pipefail`),
 * the positional parameters (`set -- a b`, `set a b`), `set -o` / `set +o` listings, and `set`
 * alone listing the shell's variables. The options the lab acts on are errexit (-e), nounset
 * (-u), xtrace (-x) and pipefail; the ones that change nothing here (history, job control,
 * brace expansion, hashing) can be switched; the others are refused rather than ignored.
 */

/** The options `set -o` lists, in bash 4.2's order, and their letters. */
const OPTIONS: readonly (readonly [string, string | undefined])[] = [
  ['allexport', 'a'], ['braceexpand', 'B'], ['emacs', undefined], ['errexit', 'e'], ['errtrace', 'E'], ['functrace', 'T'],
  ['hashall', 'h'], ['histexpand', 'H'], ['history', undefined], ['ignoreeof', undefined], ['interactive-comments', undefined],
  ['keyword', 'k'], ['monitor', 'm'], ['noclobber', 'C'], ['noexec', 'n'], ['noglob', 'f'], ['nolog', undefined], ['notify', 'b'],
  ['nounset', 'u'], ['onecmd', 't'], ['physical', 'P'], ['pipefail', undefined], ['posix', undefined], ['privileged', 'p'],
  ['verbose', 'v'], ['vi', undefined], ['xtrace', 'x'],
];
/** Options the lab simulates, and those whose state changes nothing in the lab (an interactive shell's history, job control…). */
const SIMULATED = new Set(['errexit', 'nounset', 'xtrace', 'pipefail']);
const HARMLESS = new Set(['braceexpand', 'hashall', 'histexpand', 'history', 'monitor', 'emacs', 'vi', 'interactive-comments', 'notify', 'physical']);
const USAGE = 'set: usage: set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]';

export function setBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const { options } = at.state;
  const out: OutputChunk[] = [];
  const result = (status: number): Ran => ({ output: stamp(out), exitCode: status, doc });
  const fail = (text: string, status: number): Ran => {
    out.push({ stream: 'stderr', text });
    return result(status);
  };
  if (argv.length === 1) {
    for (const line of variableListing(at)) out.push({ stream: 'stdout', text: `${line}\n` });
    return result(0);
  }
  const change = (name: string, on: boolean): string | undefined => {
    if (!SIMULATED.has(name) && !HARMLESS.has(name) && on !== options.has(name)) {
      return `lab: set ${on ? '-' : '+'}o ${name}: not simulated; the lab's shell acts on errexit (-e), nounset (-u), xtrace (-x) and pipefail\n`;
    }
    // emacs and vi are the two line-editing modes: one replaces the other.
    if (on && (name === 'emacs' || name === 'vi')) options.delete(name === 'emacs' ? 'vi' : 'emacs');
    if (on) options.add(name);
    else options.delete(name);
    return undefined;
  };
  let k = 1;
  let operands: string[] | undefined;
  for (; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--') {
      operands = argv.slice(k + 1);
      break;
    }
    if (a === '-' || a === '+') {
      // `set -` turns off -x and -v and ends the options.
      options.delete('xtrace');
      options.delete('verbose');
      operands = argv.slice(k + 1);
      if (operands.length === 0) operands = undefined;
      break;
    }
    if (!/^[-+]/.test(a)) {
      operands = argv.slice(k);
      break;
    }
    const on = a[0] === '-';
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'o') {
        const name = argv[k + 1];
        if (name === undefined || /^[-+]/.test(name)) {
          // `set -o` / `set +o` alone: the options, as a listing or as commands to restore them.
          for (const [option] of OPTIONS) {
            const state = options.has(option);
            out.push({ stream: 'stdout', text: on ? `${option.padEnd(15)}\t${state ? 'on' : 'off'}\n` : `set ${state ? '-' : '+'}o ${option}\n` });
          }
          continue;
        }
        k++;
        if (!OPTIONS.some(([o]) => o === name)) return fail(`bash: set: ${name}: invalid option name\n`, 1);
        const problem = change(name, on);
        if (problem) return fail(problem, 1);
        continue;
      }
      const option = OPTIONS.find(([, letter]) => letter === c)?.[0];
      if (option === undefined) return fail(`bash: set: ${a[0]}${c}: invalid option\n${USAGE}\n`, 2);
      const problem = change(option, on);
      if (problem) return fail(problem, 1);
    }
  }
  if (operands !== undefined) {
    const args = positional(at);
    args.splice(0, args.length, ...operands);
  }
  return result(0);
}

/** `set` alone: every variable as `NAME=VALUE`, quoted to be read back, sorted by name. */
function variableListing(at: Where): string[] {
  const vars = at.state.variables;
  const names = [...new Set([...COMPUTED_VARIABLES, ...vars.names()])].sort();
  const lines: string[] = [];
  for (const name of names) {
    if (vars.isArray(name)) lines.push(`${name}=${arrayLiteral(vars.indices(name), vars.values(name))}`);
    else {
      const value = variableOf(at, name);
      if (value !== undefined) lines.push(`${name}=${shellQuote(value)}`);
    }
  }
  return lines;
}
