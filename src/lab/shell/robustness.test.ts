import { expect, it } from 'vitest';
import { ShellFixture } from './testing/fixture.ts';

/** Pieces of command lines, well-formed and not, that touch the shell's newer corners. */
const PIECES = [
  'a=(1 2)', '${a[@]}', '${a[-1]}', '${#a[*]}', '${!a[@]}', '$((i++))', '((x=1/0))', '[[ a =~ ( ]]', 'declare -p', 'local x', 'readonly R=1', 'R=2',
  'set -e', 'set -u', 'set -x', 'set +eux', 'IFS=,', 'unset IFS', 'read -a r <<< "a b"', 'getopts ab o', 'trap "echo t" EXIT', 'eval "("',
  'command -v', 'builtin', 'type', 'f() { return 300; }', 'f', '$(f)', "$'\\x'", '$"a"', '${x:?}', '${!x}', '${x/[/}', 'export -f f',
  'bash -c "exit 3"', '>&2', '2>&1', '1>/tmp/o', '|', '&&', '||', ';', '{', '}', '(', ')', 'for i in 1; do', 'done', 'case x in x)', ';;', 'esac',
  'while false; do', 'if true; then', 'fi', '[', ']', '$', '${', '${a[', 'a[1]=', 'a+=(3)', 'declare -a b="(1 2)"', 'shift 5', 'exit x',
  'echo -e "\\e[99999G"', 'printf "%s" "${a[@]:1:1}"', 'env -i', 'cd -', 'set --', 'echo ${PIPESTATUS[@]}', 'true | false', '! true',
];

// The console never throws and never reports a fault of its own, whatever is typed: every line ends
// in output or in bash's (or the lab's) message. Lines are drawn from the pieces with a fixed seed.
it('answers thousands of random lines without a fault of its own', () => {
  let seed = 12345;
  const draw = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const f = new ShellFixture();
  const faults: string[] = [];
  for (let k = 0; k < 2000; k++) {
    const line = Array.from({ length: 1 + draw(6) }, () => PIECES[draw(PIECES.length)]).join(' ');
    const r = f.run('director', line);
    if (/failed unexpectedly|undefined|NaN|\[object/.test(r.stdout + r.stderr)) faults.push(`${line} → ${r.stderr}`);
  }
  expect(faults).toEqual([]);
}, 60_000);
