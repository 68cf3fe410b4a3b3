import type { LabDocument } from '../document.ts';
import type { OutputChunk } from './output.ts';
import { positional, type Ran, type Stamp, type Where } from './session-frame.ts';
import { isName } from './syntax/word.ts';

/**
 * bash 4.2's `getopts OPTSTRING NAME [ARG…]` (builtins/getopts.def over its sh_getopt): the next
 * option of the positional parameters (or the ARGs) into NAME, its argument into OPTARG, the
 * next word's index in OPTIND. A `:` first in OPTSTRING (silent mode) reports a bad option as
 * `?` with OPTARG set to it, and a missing argument as `:`; otherwise bash prints the message
 * and NAME is `?`. Status 1 at the end of the options (`--`, an operand, or no more words).
 */
export function getoptsBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const vars = at.state.variables;
  const out: OutputChunk[] = [];
  const result = (status: number): Ran => ({ output: stamp(out), exitCode: status, doc });
  const [, optstring, name] = argv;
  if (optstring === undefined || name === undefined) {
    // builtin_usage: no `bash: ` before it.
    out.push({ stream: 'stderr', text: 'getopts: usage: getopts optstring name [arg]\n' });
    return result(2);
  }
  if (!isName(name)) {
    out.push({ stream: 'stderr', text: `bash: getopts: \`${name}': not a valid identifier\n` });
    return result(1);
  }
  const words = argv.length > 3 ? argv.slice(3) : positional(at);
  const silent = optstring.startsWith(':');
  const letters = silent ? optstring.slice(1) : optstring;
  // OPTIND counts words from 1; the shell remembers where it is within a word of several letters (sh_getopt's nextchar).
  let optind = Number(vars.get('OPTIND') ?? '1');
  if (!Number.isInteger(optind) || optind < 1) optind = 1;
  const state = at.state.getopts;
  // Assigning OPTIND (OPTIND=1) starts over, as sv_optind does; so does an OPTIND getopts did not leave.
  if (state.optind !== optind || state.assignments !== vars.optindAssignments) {
    state.optind = optind;
    state.char = 1;
  }
  // OPTERR=0, or a `:` first in OPTSTRING, keeps getopts quiet.
  const quiet = silent || vars.get('OPTERR') === '0';
  const setOptind = (to: number): void => {
    vars.set('OPTIND', String(to));
    state.optind = to;
    state.assignments = vars.optindAssignments;
  };
  const end = (): Ran => {
    // At the end OPTIND is set too, no further than one past the last word.
    setOptind(Math.min(state.optind, words.length + 1));
    vars.set(name, '?');
    vars.delete('OPTARG');
    return result(1);
  };
  const word = words[optind - 1];
  if (word === undefined || word === '-' || !word.startsWith('-')) return end();
  if (word === '--') {
    state.optind = optind + 1;
    return end();
  }
  // A place left inside a word the parameters no longer have (set -- changed them) starts over.
  if (state.char >= word.length) state.char = 1;
  const letter = word[state.char]!;
  const advance = (to: number): void => {
    setOptind(to);
    state.char = 1;
  };
  // Within a word of several letters OPTIND stays, and is set all the same.
  const next = (): void => {
    state.char++;
    setOptind(optind);
  };
  const at0 = letters.indexOf(letter);
  const last = state.char + 1 >= word.length;
  const prefix = at.script ? `${at.script.name}: ` : 'bash: ';
  if (at0 < 0 || letter === ':') {
    if (last) advance(optind + 1);
    else next();
    vars.set(name, '?');
    if (silent) vars.set('OPTARG', letter);
    else {
      vars.delete('OPTARG');
      if (!quiet) out.push({ stream: 'stderr', text: `${prefix}illegal option -- ${letter}\n` });
    }
    return result(0);
  }
  if (letters[at0 + 1] !== ':') {
    if (last) advance(optind + 1);
    else next();
    vars.set(name, letter);
    vars.delete('OPTARG');
    return result(0);
  }
  // An option with an argument: the rest of this word, else the next word.
  if (!last) {
    vars.set('OPTARG', word.slice(state.char + 1));
    advance(optind + 1);
  } else if (words[optind] !== undefined) {
    vars.set('OPTARG', words[optind]!);
    advance(optind + 2);
  } else {
    advance(optind + 1);
    if (silent) {
      vars.set(name, ':');
      vars.set('OPTARG', letter);
    } else {
      vars.set(name, '?');
      vars.delete('OPTARG');
      if (!quiet) out.push({ stream: 'stderr', text: `${prefix}option requires an argument -- ${letter}\n` });
    }
    return result(0);
  }
  vars.set(name, letter);
  return result(0);
}
