import { done, fail, type Command } from '../command.ts';
import { Output } from '../output.ts';
import type { NodeShellState } from '../node-state.ts';

/**
 * coreutils 8.22's env and printenv: the environment the shell gave them, which is its exported
 * variables in bash 4.2's order, and `_` set to the program's path (bash's
 * put_command_name_into_env). `env NAME=VALUE…` without a command prints the changed environment;
 * running a command in a changed environment is not simulated (the lab's commands read none).
 */

/** hashlib.c's hash_string in bash 4.2: FNV-1 from 0. */
function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 16777619) ^ s.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * make_var_export_array walks the variable table's 64 buckets in order, and a bucket's chain
 * newest first (hash_insert puts a new variable at its head).
 */
function exportOrder(state: NodeShellState): string[] {
  const vars = state.variables;
  const bucket = (name: string): number => hashString(name) & 63;
  // The command's temporary environment (`x=1 env`) comes first (bash 4.2's maybe_make_export_env).
  const temporary = state.temporaryEnv;
  const rest = vars.exported().filter((n) => !temporary.includes(n));
  const made = vars.creationOrder();
  const age = (name: string): number => made.get(name) ?? -1;
  return [...temporary, ...rest.sort((a, b) => bucket(a) - bucket(b) || age(b) - age(a))];
}

/** The environment a child of the shell gets: NAME → VALUE, in order, `_` last. */
function environment(state: NodeShellState, hostname: string, program: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const name of exportOrder(state)) {
    const value = name === 'HOSTNAME' ? hostname : name === 'PWD' ? state.cwd : state.variables.get(name);
    if (value !== undefined && !state.variables.isArray(name)) env.set(name, value);
  }
  env.set('_', program);
  return env;
}

const listing = (env: ReadonlyMap<string, string>, nul: boolean): string => [...env].map(([k, v]) => `${k}=${v}${nul ? '\0' : '\n'}`).join('');

export const env: Command = (io) => {
  let vars = environment(io.state, io.node.id, '/usr/bin/env');
  let nul = false;
  const args = io.argv.slice(1);
  let k = 0;
  for (; k < args.length; k++) {
    const a = args[k]!;
    if (a === '-i' || a === '-' || a === '--ignore-environment') vars = new Map();
    else if (a === '-0' || a === '--null') nul = true;
    else if (a === '-u' || a === '--unset') {
      const name = args[++k];
      if (name === undefined) return fail("env: option requires an argument -- 'u'\nTry 'env --help' for more information.\n", 125);
      vars.delete(name);
    } else if (a.startsWith('--unset=')) vars.delete(a.slice('--unset='.length));
    else if (a === '--') {
      k++;
      break;
    } else if (/^-./.test(a)) {
      return fail(`env: invalid option -- '${a[1]}'\nTry 'env --help' for more information.\n`, 125);
    } else break;
  }
  for (; k < args.length && args[k]!.includes('='); k++) {
    const a = args[k]!;
    const eq = a.indexOf('=');
    vars.delete(a.slice(0, eq));
    vars.set(a.slice(0, eq), a.slice(eq + 1));
  }
  if (k < args.length) {
    return fail(`lab: env ${args[k]}: running a command in a changed environment is not simulated (the lab's commands read no environment); run ${args[k]} itself\n`, 125);
  }
  return done(new Output().out(listing(vars, nul)), 0);
};

export const printenv: Command = (io) => {
  const vars = environment(io.state, io.node.id, '/usr/bin/printenv');
  const args = io.argv.slice(1);
  const nul = args[0] === '-0' || args[0] === '--null';
  const names = nul ? args.slice(1) : args;
  const bad = names.find((a) => /^-./.test(a));
  if (bad) return fail(`printenv: invalid option -- '${bad[1]}'\nTry 'printenv --help' for more information.\n`, 2);
  if (names.length === 0) return done(new Output().out(listing(vars, nul)), 0);
  const out = new Output();
  let status = 0;
  for (const name of names) {
    const value = name.includes('=') ? undefined : vars.get(name);
    if (value === undefined) status = 1;
    else out.out(`${value}${nul ? '\0' : '\n'}`);
  }
  return done(out, status);
};
