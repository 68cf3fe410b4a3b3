import type { LabDocument } from '../document.ts';
import { commandPath, isProgramPath } from './fs/command-paths.ts';
import { resolvePath } from './fs/paths.ts';
import type { OutputChunk } from './output.ts';
import type { Ran, Stamp, Where } from './session-frame.ts';

/**
 * bash 4.2's `type [-afptP] NAME…` (builtins/type.def, describe_command): a name is a shell
 * keyword, a function, a builtin or a program file, looked up in that order. A function's body
 * is not printed (the lab keeps it parsed, not as bash's canonical text); `type -t` and the other
 * forms are as bash's.
 */

export const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);

/** bash 4.2's builtins (enable's list). */
export const BASH_BUILTINS: ReadonlySet<string> = new Set([
  '.', ':', '[', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'cd', 'command', 'compgen', 'complete', 'compopt', 'continue', 'declare',
  'dirs', 'disown', 'echo', 'enable', 'eval', 'exec', 'exit', 'export', 'false', 'fc', 'fg', 'getopts', 'hash', 'help', 'history', 'jobs', 'kill',
  'let', 'local', 'logout', 'mapfile', 'popd', 'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return', 'set', 'shift', 'shopt',
  'source', 'suspend', 'test', 'times', 'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);

type Kind = 'keyword' | 'function' | 'builtin' | 'file';

export function typeBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp, command = 'type'): Ran {
  const out: OutputChunk[] = [];
  let all = false;
  let mode: 'describe' | 't' | 'p' | 'P' = 'describe';
  let k = 1;
  for (; k < argv.length && /^-./.test(argv[k]!) && argv[k] !== '--'; k++) {
    for (const c of argv[k]!.slice(1)) {
      if (c === 'a') all = true;
      else if (c === 't' || c === 'p' || c === 'P') mode = c;
      else if (c !== 'f') {
        return { output: stamp([{ stream: 'stderr', text: `bash: type: -${c}: invalid option\ntype: usage: type [-afptP] name [name ...]\n` }]), exitCode: 2, doc };
      }
    }
  }
  if (argv[k] === '--') k++;
  const skipFunctions = argv.slice(1, k).some((a) => a.includes('f'));
  let status = 0;
  for (const name of argv.slice(k)) {
    const kinds: Kind[] = [];
    if (SHELL_KEYWORDS.has(name)) kinds.push('keyword');
    if (!skipFunctions && at.state.functions.has(name)) kinds.push('function');
    if (BASH_BUILTINS.has(name)) kinds.push('builtin');
    // A name with a slash is a file of its own (the installed programs: /bin/cat, /usr/sbin/ipvsadm).
    const path = name.includes('/') ? (isProgramPath(resolvePath(at.state.cwd, name)) ? name : undefined) : commandPath(name);
    if (path !== undefined) kinds.push('file');
    // -P looks only for a file; -p names one only when nothing else comes first.
    const shown = mode === 'P' ? kinds.filter((c) => c === 'file') : all ? kinds : kinds.slice(0, 1);
    if (shown.length === 0) {
      if (mode === 'describe') out.push({ stream: 'stderr', text: `bash: ${command}: ${name}: not found\n` });
      status = 1;
      continue;
    }
    for (const kind of shown) {
      if (mode === 't') out.push({ stream: 'stdout', text: `${kind}\n` });
      else if (mode === 'p' || mode === 'P') {
        if (kind === 'file') out.push({ stream: 'stdout', text: `${path}\n` });
      } else if (kind === 'keyword') out.push({ stream: 'stdout', text: `${name} is a shell keyword\n` });
      else if (kind === 'builtin') out.push({ stream: 'stdout', text: `${name} is a shell builtin\n` });
      else if (kind === 'file') out.push({ stream: 'stdout', text: `${name} is ${path}\n` });
      else {
        out.push({ stream: 'stdout', text: `${name} is a function\n` });
        out.push({ stream: 'stderr', text: `lab: type: ${name}'s body is not shown (the lab keeps it parsed, not as bash's text)\n` });
      }
    }
  }
  return { output: stamp(out), exitCode: status, doc };
}
