import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

// Expectations are bash's (checked with the machine's bash where 4.2 and 5.2 agree).
describe('read, here-strings and shared input', () => {
  const withServers = (): ShellFixture => {
    const f = new ShellFixture();
    f.run('director', saveCommand('/root/rs.txt', '192.168.122.100 2\n192.168.122.101 1\n'));
    return f;
  };

  it('adds real servers from a file in a while-read loop, as the tutorials script it', () => {
    const f = withServers();
    const r = f.run('director', 'ipvsadm -A -t 192.168.122.188:80 -s wrr; while read ip w; do ipvsadm -a -t 192.168.122.188:80 -r $ip -g -w $w; done < /root/rs.txt; ipvsadm -Ln | tail -2');
    // ipvsadm -L sorts the servers by address (libipvs), whatever order they were added in.
    expect(r.stdout).toBe('  -> 192.168.122.100:80           Route   2      0          0         \n  -> 192.168.122.101:80           Route   1      0          0         \n');
  });

  it('splits a line into names as bash does: the last takes the rest, REPLY keeps the whole line, -r keeps backslashes', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'read a b <<< "x y z"; echo "$a|$b"').stdout).toBe('x|y z\n');
    expect(f.run('director', 'read line <<< "  lead  trail  "; echo "[$line]"; read <<< "  keep  "; echo "[$REPLY]"').stdout).toBe('[lead  trail]\n[  keep  ]\n');
    expect(f.run('director', 'read a b <<< "x\\ y z\\\\"; echo "$a|$b"').stdout).toBe('x y|z\n');
    expect(f.run('director', 'printf "a\\\\\\nb c\\n" | while read -r l; do echo "raw[$l]"; done; printf "a\\\\\\nb c\\n" | while read l; do echo "cooked[$l]"; done').stdout)
      .toBe('raw[a\\nb c]\ncooked[anb c]\n');
    expect(f.run('director', 'printf "p\\\\\\\\\\nq r\\n" | { read l; echo "[$l]"; }').stdout).toBe('[pq r]\n');
  });

  it('shares one input between the commands of a loop: read takes a line, cat the rest; status 1 at the end', () => {
    const f = withServers();
    expect(f.run('director', 'while read l; do cat; echo "after [$l]"; done < /root/rs.txt').stdout).toBe('192.168.122.101 1\nafter [192.168.122.100 2]\n');
    expect(f.run('director', 'n=0; while read l; do n=$((n+1)); done < /root/rs.txt; echo $n').stdout).toBe('2\n');
    expect(f.run('director', 'read a <<< ""; echo $?; printf "last" | { read l; echo "$? [$l]"; }').stdout).toBe('0\n1 [last]\n');
  });

  it('runs each command of a pipeline of several in a subshell: its read, cd and variables do not last', () => {
    const f = withServers();
    expect(f.run('director', 'cat /root/rs.txt | while read ip w; do echo "<$ip>"; done; echo "after: [$ip]"').stdout).toBe('<192.168.122.100>\n<192.168.122.101>\nafter: []\n');
    expect(f.run('director', 'echo hi | read x; echo "[$x]"; echo hi | cd /etc; pwd').stdout).toBe('[]\n/root\n');
  });

  it('refuses what it cannot do', () => {
    const f = new ShellFixture();
    expect(f.run('director', 'read')).toMatchObject({ stderr: 'lab: read: reading from the terminal is not simulated; give read its input with a pipe, < FILE or <<<\n', exitCode: 1 });
    expect(f.run('director', 'read 1x <<< a')).toMatchObject({ stderr: "bash: read: `1x': not a valid identifier\n", exitCode: 1 });
    expect(f.run('director', 'read x < /nonexistent')).toMatchObject({ stderr: 'bash: /nonexistent: No such file or directory\n', exitCode: 1 });
    expect(f.run('director', 'cat <<< "here string"').stdout).toBe('here string\n');
  });
});
