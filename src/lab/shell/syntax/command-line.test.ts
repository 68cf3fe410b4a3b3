import { describe, expect, it } from 'vitest';
import { isSyntaxError, parseCommandLine } from './command-line.ts';
import { STATUS_MARK, tokenize } from './tokens.ts';

const words = (line: string) => {
  const t = tokenize(line);
  if (!Array.isArray(t)) throw new Error(t.message);
  return t.map((x) => (x.kind === 'word' ? x.text : `<${x.op}>`));
};

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

  it('marks $? for the shell, expands unset variables to nothing and refuses command substitution', () => {
    expect(words('echo $? "$?"')).toEqual(['echo', STATUS_MARK, STATUS_MARK]);
    expect(words('echo $1 ${HOME}x')).toEqual(['echo', '', 'x']);
    expect(tokenize('echo $(uname -r)')).toEqual({ kind: 'error', message: 'lab: command substitution ($(…) and `…`) is not supported by this shell' });
  });

  it('reports an unterminated quote with bash\'s two lines', () => {
    expect(tokenize('echo "abc')).toEqual({ kind: 'error', message: "unexpected EOF while looking for matching `\"'\nbash: syntax error: unexpected end of file" });
  });
});

describe('parseCommandLine', () => {
  it('builds lists of pipelines with redirections', () => {
    const r = parseCommandLine('sysctl -a | grep arp && echo ok; tcpdump -i eth0 arp &');
    if (isSyntaxError(r)) throw new Error(r.message);
    expect(r.map((i) => [i.when, i.pipeline.commands.map((c) => c.argv.join(' ')), i.pipeline.background])).toEqual([
      ['always', ['sysctl -a', 'grep arp'], false],
      ['and', ['echo ok'], false],
      ['always', ['tcpdump -i eth0 arp'], true],
    ]);
  });

  it('answers bash\'s syntax errors', () => {
    expect(parseCommandLine('; ls')).toEqual({ kind: 'error', message: "syntax error near unexpected token `;'" });
    expect(parseCommandLine('echo >')).toEqual({ kind: 'error', message: "syntax error near unexpected token `newline'" });
    expect(parseCommandLine('| grep x')).toEqual({ kind: 'error', message: "syntax error near unexpected token `|'" });
    expect(parseCommandLine('ls &&')).toEqual({ kind: 'error', message: 'syntax error: unexpected end of file' });
  });

  it('says loops and compound commands are beyond this shell', () => {
    expect(parseCommandLine('for i in a; do echo $i; done')).toEqual({ kind: 'error', message: 'lab: this shell runs simple commands, pipelines and lists; "for" is not supported' });
  });

  it('runs pasted lines one after another', () => {
    const r = parseCommandLine('echo a # one\necho b\n\n');
    if (isSyntaxError(r)) throw new Error(r.message);
    expect(r.map((i) => i.pipeline.commands[0]!.argv.join(' '))).toEqual(['echo a', 'echo b']);
  });

  it('treats a blank line and a comment as an empty list', () => {
    expect(parseCommandLine('   ')).toEqual([]);
    expect(parseCommandLine('# just a comment')).toEqual([]);
  });
});
