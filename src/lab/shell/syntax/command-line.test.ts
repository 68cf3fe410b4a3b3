import { describe, expect, it } from 'vitest';
import { isSyntaxError, parseCommandLine, splitCommands, type Command } from './command-line.ts';
import { tokenize } from './tokens.ts';
import type { Word } from './word.ts';

/** A word's parts in a compact form: text as is, expansions as ${?}, ${NAME}, $(…), $((…)), ${NAME op}, and bad ones as typed. */
const show = (w: Word): string => w.parts.map((p): string => {
  const text = p.kind === 'text' ? p.text : p.kind === 'status' ? '${?}' : p.kind === 'param' ? `\${${p.name}}` : p.kind === 'command' ? `$(${p.source})`
    : p.kind === 'arith' ? `$((${show(p.expression)}))` : p.kind === 'param-op' ? `\${${p.name} ${p.op.kind}}` : p.kind === 'array-literal' ? `(${p.items.map(show).join(' ')})` : p.raw;
  return p.quoted && p.kind !== 'text' ? `"${text}"` : text;
}).join('');

const words = (line: string) => {
  const t = tokenize(line);
  if (!Array.isArray(t)) throw new Error(t.message);
  return t.map((x) => (x.kind === 'word' ? show(x.word) : x.kind === 'heredoc' ? `<<${x.delimiter}:${show(x.body)}>` : x.kind === 'arith' ? `<((${show(x.expression)}))>` : x.kind === 'cond' ? `<${x.raw}>` : `<${x.op === '\n' ? 'newline' : x.op}>`));
};

const argvOf = (c: Command): string => (c.kind === 'simple' ? c.words.map((w) => w.raw).join(' ') : c.kind === 'for' ? `for ${c.name}` : c.kind);

describe('tokenize', () => {
  it('splits words and keeps quoted text together', () => {
    expect(words(`echo "This is test1 web" > /var/www/html/index.html`)).toEqual(['echo', 'This is test1 web', '<>>', '/var/www/html/index.html']);
    expect(words(`echo 'a "b"' c\\ d`)).toEqual(['echo', 'a "b"', 'c d']);
    expect(words('echo "a\\"b\\\\c"')).toEqual(['echo', 'a"b\\c']);
  });

  it('drops a comment that starts a word, as bash does', () => {
    expect(words('ipvsadm -C #清除原有策略')).toEqual(['ipvsadm', '-C']);
    expect(words('echo a#b')).toEqual(['echo', 'a#b']);
  });

  it('reads operators and stderr redirections', () => {
    expect(words('iptables -F ;setenf orce 0')).toEqual(['iptables', '-F', '<;>', 'setenf', 'orce', '0']);
    expect(words('a && b || c | d &')).toEqual(['a', '<&&>', 'b', '<||>', 'c', '<|>', 'd', '<&>']);
    expect(words('ipvsadm-save >/etc/sysconfig/ipvsadm')).toEqual(['ipvsadm-save', '<>>', '/etc/sysconfig/ipvsadm']);
    expect(words('x 2>/dev/null 2>&1 >> f < g')).toEqual(['x', '<2>>', '/dev/null', '<2>&1>', '<>>>', 'f', '<<>', 'g']);
    expect(words('echo a2>f')).toEqual(['echo', 'a2', '<>>', 'f']);
  });

  it('keeps expansions in the words for the shell to expand when the command runs', () => {
    expect(words('echo $? "$?"')).toEqual(['echo', '${?}', '"${?}"']);
    expect(words('echo $1 ${HOME}x a$ "$"')).toEqual(['echo', '${1}', '${HOME}x', 'a$', '$']);
    expect(words('echo $(uname -r) "x$(a "b c")"')).toEqual(['echo', '$(uname -r)', 'x"$(a "b c")"']);
    expect(words('ls /m/$(uname -r)/k | grep -o "^[^.]*"')).toEqual(['ls', '/m/$(uname -r)/k', '<|>', 'grep', '-o', '^[^.]*']);
    expect(words('echo $(echo $(echo a) ")") b')).toEqual(['echo', '$(echo $(echo a) ")")', 'b']);
    expect(words('echo `echo \\$HOME` "`echo \\"q\\"`"')).toEqual(['echo', '$(echo $HOME)', '"$(echo "q")"']);
  });

  it('reports an unterminated substitution as bash does', () => {
    expect(tokenize('echo $(uname -r')).toEqual({ kind: 'error', message: "unexpected EOF while looking for matching `)'\nbash: syntax error: unexpected end of file", incomplete: true });
    expect(tokenize('echo `uname')).toEqual({ kind: 'error', message: "unexpected EOF while looking for matching ``'\nbash: syntax error: unexpected end of file", incomplete: true });
  });

  it('reports an unterminated quote with bash\'s two lines', () => {
    expect(tokenize('echo "abc')).toEqual({ kind: 'error', message: "unexpected EOF while looking for matching `\"'\nbash: syntax error: unexpected end of file", incomplete: true });
  });
});

describe('parseCommandLine', () => {
  it('builds lists of pipelines with redirections', () => {
    const r = parseCommandLine('sysctl -a | grep arp && echo ok; tcpdump -i eth0 arp &');
    if (isSyntaxError(r)) throw new Error(r.message);
    expect(r.map((i) => [i.when, i.pipeline.commands.map(argvOf), i.pipeline.background])).toEqual([
      ['always', ['sysctl -a', 'grep arp'], false],
      ['and', ['echo ok'], false],
      ['always', ['tcpdump -i eth0 arp'], true],
    ]);
  });

  it('answers bash\'s syntax errors', () => {
    expect(parseCommandLine('; ls')).toEqual({ kind: 'error', message: "syntax error near unexpected token `;'" });
    expect(parseCommandLine('echo >')).toEqual({ kind: 'error', message: "syntax error near unexpected token `newline'" });
    expect(parseCommandLine('| grep x')).toEqual({ kind: 'error', message: "syntax error near unexpected token `|'" });
    expect(parseCommandLine('ls &&')).toEqual({ kind: 'error', message: 'syntax error: unexpected end of file', incomplete: true });
  });

  it('says compound commands other than for are beyond this shell', () => {
    expect(parseCommandLine('select x in a; do echo; done')).toEqual({ kind: 'error', message: 'lab: this shell runs simple commands, pipelines, lists, functions, subshells and the compound commands for, while, until, if, case, { }, (( )) and [[ ]]; "select" is not supported' });
  });

  it('parses for loops as items of lists', () => {
    const r = parseCommandLine('true && for i in a "b c" $(ls);do echo $i; false || echo x;done; echo end');
    if (isSyntaxError(r)) throw new Error(r.message);
    expect(r.map((i) => i.pipeline.commands.map(argvOf))).toEqual([['true'], ['for i'], ['echo end']]);
    const loop = r[1]!.pipeline.commands[0]!;
    if (loop.kind !== 'for') throw new Error('not a for loop');
    expect(loop.items?.map((w) => w.raw)).toEqual(['a', '"b c"', '$(ls)']);
    expect(loop.body.map((i) => [i.when, i.pipeline.commands.map(argvOf)])).toEqual([['always', ['echo $i']], ['always', ['false']], ['or', ['echo x']]]);
    const lines = parseCommandLine('for i in a b\ndo\n  echo $i\ndone');
    expect(isSyntaxError(lines)).toBe(false);
    const positional = parseCommandLine('for i; do echo $i; done');
    if (isSyntaxError(positional)) throw new Error(positional.message);
    expect(positional[0]!.pipeline.commands[0]).toMatchObject({ kind: 'for', name: 'i', items: null });
  });

  it('answers bash\'s syntax errors in for loops', () => {
    const err = (token: string) => ({ kind: 'error', message: `syntax error near unexpected token \`${token}'` });
    expect(parseCommandLine('for i in a b; echo $i; done')).toEqual(err('echo'));
    expect(parseCommandLine('for i in a b; do echo $i')).toEqual({ kind: 'error', message: 'syntax error: unexpected end of file', incomplete: true });
    expect(parseCommandLine('for i in a b; do done')).toEqual(err('done'));
    expect(parseCommandLine('for i in a b; do; echo; done')).toEqual(err(';'));
    expect(parseCommandLine('for i in a | b; do echo; done')).toEqual(err('|'));
    expect(parseCommandLine('for i in a; do echo; done x')).toEqual(err('x'));
    expect(parseCommandLine('echo a; done')).toEqual(err('done'));
    expect(parseCommandLine('for')).toEqual({ kind: 'error', message: 'syntax error: unexpected end of file', incomplete: true });
    expect(parseCommandLine('echo $(ls |)')).toEqual({ kind: 'error', message: 'syntax error: unexpected end of file' });
  });

  it('runs pasted lines one after another', () => {
    const r = parseCommandLine('echo a # one\necho b\n\n');
    if (isSyntaxError(r)) throw new Error(r.message);
    expect(r.map((i) => argvOf(i.pipeline.commands[0]!))).toEqual(['echo a', 'echo b']);
  });

  it('treats a blank line and a comment as an empty list', () => {
    expect(parseCommandLine('   ')).toEqual([]);
    expect(parseCommandLine('# just a comment')).toEqual([]);
  });
});

describe('splitCommands (input read line by line, as bash reads a paste)', () => {
  it('ends a command at each newline where it is complete', () => {
    // Seed 000 §3.2's director commands, pasted as one block.
    const block = 'ipvsadm -C\nipvsadm -A -t 12.0.0.10:80 -s rr\n\nipvsadm -a -t 12.0.0.10:80 -r 192.168.2.100:80 -m #web1\n';
    expect(splitCommands(block)).toEqual({
      commands: ['ipvsadm -C', 'ipvsadm -A -t 12.0.0.10:80 -s rr', 'ipvsadm -a -t 12.0.0.10:80 -r 192.168.2.100:80 -m #web1'],
      rest: '',
    });
  });

  it('reads on through an open quote, a loop without done, a trailing backslash, | or &&', () => {
    expect(splitCommands('echo "a\nb"\nhostname')).toEqual({ commands: ['echo "a\nb"', 'hostname'], rest: '' });
    expect(splitCommands('for i in 1 2\ndo\n  echo $i\ndone\necho end')).toEqual({ commands: ['for i in 1 2\ndo\n  echo $i\ndone', 'echo end'], rest: '' });
    expect(splitCommands('ipvsadm -A -t 1.2.3.4:80 \\\n  -s wrr')).toEqual({ commands: ['ipvsadm -A -t 1.2.3.4:80 \\\n  -s wrr'], rest: '' });
    expect(splitCommands('ipvsadm -Ln |\ngrep TCP')).toEqual({ commands: ['ipvsadm -Ln |\ngrep TCP'], rest: '' });
    expect(splitCommands('true &&\necho yes')).toEqual({ commands: ['true &&\necho yes'], rest: '' });
    // An escaped backslash at the end is a complete word.
    expect(splitCommands('echo a\\\\\necho b').commands).toEqual(['echo a\\\\', 'echo b']);
  });

  it('reads a case, if or while to its closing word', () => {
    const script = 'VIP=1.2.3.4\ncase "$1" in\nstart)\n  echo on\n  ;;\n*)\n  echo usage\nesac\necho after';
    expect(splitCommands(script).commands).toEqual(['VIP=1.2.3.4', 'case "$1" in\nstart)\n  echo on\n  ;;\n*)\n  echo usage\nesac', 'echo after']);
    expect(splitCommands('if [ -d /etc ]\nthen\n  echo dir\nelse\n  echo no\nfi').commands).toHaveLength(1);
    expect(splitCommands('while true\ndo\n  break\ndone').commands).toHaveLength(1);
    expect(splitCommands('if true; then').rest).toBe('if true; then');
    expect(splitCommands('case x in\na) echo;;').rest).toBe('case x in\na) echo;;');
  });

  it('reads a here-document to its delimiter', () => {
    expect(splitCommands('cat > /tmp/a <<EOF\nline $X\nEOF\necho b')).toEqual({ commands: ['cat > /tmp/a <<EOF\nline $X\nEOF', 'echo b'], rest: '' });
    expect(splitCommands('cat <<EOF\nno end yet').rest).toBe('cat <<EOF\nno end yet');
    expect(words("cat <<'E O' x\n$a\nE O\n")).toEqual(['cat', '<<E O:$a\n>', 'x', '<newline>']);
    expect(words('cat <<E\n$a\nE')).toEqual(['cat', '<<E:"${a}"\n>', '<newline>']);
  });

  it('keeps an incomplete end for more input (bash would prompt `> `)', () => {
    expect(splitCommands('hostname\nfor i in 1 2; do')).toEqual({ commands: ['hostname'], rest: 'for i in 1 2; do' });
    expect(splitCommands("echo 'a")).toEqual({ commands: [], rest: "echo 'a" });
    expect(splitCommands('ls \\')).toEqual({ commands: [], rest: 'ls \\' });
  });

  it('gives a line with a syntax error its own command, so the lines after it still run', () => {
    expect(splitCommands('echo a )\necho b')).toEqual({ commands: ['echo a )', 'echo b'], rest: '' });
    expect(splitCommands('done\necho b').commands).toEqual(['done', 'echo b']);
    // A closed substitution whose inner line ends too early is an error, not a wait for more.
    expect(splitCommands('echo $(ls |)\necho b').commands).toEqual(['echo $(ls |)', 'echo b']);
  });
});
