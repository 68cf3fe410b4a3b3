import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';
import { collate } from './collate.ts';

const run = (line: string) => new ShellFixture().run('director', line);
const out = (line: string) => run(line).stdout;
/** Sorts with the collation alone, as `sort` without options would order distinct lines. */
const ordered = (...lines: string[]) => [...lines].sort(collate);

describe('en_US.UTF-8 collation', () => {
  it('compares letters without case first, then lower case before upper case', () => {
    expect(ordered('b', 'B', 'a', 'A')).toEqual(['a', 'A', 'b', 'B']);
    expect(ordered('Zebra', 'apple', 'Apple', 'zebra')).toEqual(['apple', 'Apple', 'zebra', 'Zebra']);
    expect(ordered('web2', 'Web1', 'web10')).toEqual(['Web1', 'web10', 'web2']);
  });

  it('ignores punctuation and blanks until letters and digits tie', () => {
    expect(ordered('a-c', 'ab', 'a b')).toEqual(['ab', 'a b', 'a-c']);
    expect(ordered('192.168.122.10', '192.168.1.2')).toEqual(['192.168.1.2', '192.168.122.10']);
    expect(ordered('_b', 'a', '.c')).toEqual(['a', '_b', '.c']);
  });

  it('orders tied punctuation by position, then by the table (space before _ before -)', () => {
    expect(ordered('ab-', 'a-b')).toEqual(['a-b', 'ab-']);
    expect(ordered('a-b', 'a_b', 'a b')).toEqual(['a b', 'a_b', 'a-b']);
    expect(collate('x', 'x')).toBe(0);
  });
});

describe('sort', () => {
  it('counts a balanced cluster as the tutorials do: sort | uniq -c', () => {
    const f = new ShellFixture();
    const r = f.run('director', "for i in 1 2 3 4 5; do echo web$((i % 2 + 1)); done | sort | uniq -c");
    expect(r).toMatchObject({ stdout: '      2 web1\n      3 web2\n', stderr: '', exitCode: 0 });
    expect(f.run('director', "printf 'web1\\nweb2\\nweb1\\n' | sort | uniq -c | sort -nr").stdout).toBe('      2 web1\n      1 web2\n');
  });

  it('sorts with the locale, -r reversing and the last line kept without its newline', () => {
    expect(out("printf 'b\\nB\\na\\nA' | sort")).toBe('a\nA\nb\nB\n');
    expect(out("printf 'b\\nB\\na\\nA\\n' | sort -r")).toBe('B\nb\nA\na\n');
    expect(out("printf '' | sort")).toBe('');
  });

  it('compares numbers with -n: blanks, signs, decimals, thousands and non-numbers as 0', () => {
    expect(out("printf '10\\n9\\n-2\\n 3\\n1,000\\n0.5\\nx\\n' | sort -n")).toBe('-2\nx\n0.5\n 3\n9\n10\n1,000\n');
    expect(out("printf '2\\n10\\n1\\n' | sort -rn")).toBe('10\n2\n1\n');
    // Equal numbers fall back to the whole line; -s keeps their input order.
    expect(out("printf '1 b\\n1 a\\n01 c\\n' | sort -n")).toBe('01 c\n1 a\n1 b\n');
    expect(out("printf '1 b\\n1 a\\n01 c\\n' | sort -n -s")).toBe('1 b\n1 a\n01 c\n');
  });

  it('sorts by -k fields, with -t, per-key options and several keys', () => {
    const passwd = 'root:x:0:0\\nbin:x:1:1\\nadm:x:3:4\\nnobody:x:99:99\\n';
    expect(out(`printf '${passwd}' | sort -t: -k3,3n`)).toBe('root:x:0:0\nbin:x:1:1\nadm:x:3:4\nnobody:x:99:99\n');
    expect(out(`printf '${passwd}' | sort -t : -k3nr`)).toBe('nobody:x:99:99\nadm:x:3:4\nbin:x:1:1\nroot:x:0:0\n');
    expect(out("printf 'a 2\\nb 1\\nc 2\\n' | sort -k2,2n -k1,1r")).toBe('b 1\nc 2\na 2\n');
    // Without -b a field's characters count from the blanks before it.
    expect(out("printf 'x  ab\\ny ba\\n' | sort -k2.2,2.2")).toBe('x  ab\ny ba\n');
    expect(out("printf 'x  ab\\ny ba\\n' | sort -b -k2.2,2.2")).toBe('y ba\nx  ab\n');
    expect(out("printf 'abc\\nbba\\ncab\\n' | sort -k1.2,1.2")).toBe('cab\nabc\nbba\n');
  });

  it('folds case with -f and keeps the first of equal lines with -u', () => {
    expect(out("printf 'b\\nA\\na\\nB\\n' | sort -f")).toBe('a\nA\nb\nB\n');
    expect(out("printf 'b\\na\\nb\\na\\n' | sort -u")).toBe('a\nb\n');
    expect(out("printf 'B\\nb\\nA\\n' | sort -fu")).toBe('A\nB\n');
    expect(out("printf '1\\n01\\n2\\n' | sort -nu")).toBe('1\n2\n');
  });

  it('reads files and -, writes -o, and stops at a missing file with status 2', () => {
    const f = new ShellFixture();
    f.run('director', "printf 'b\\na\\n' > /root/in");
    expect(f.run('director', 'echo c | sort /root/in -').stdout).toBe('a\nb\nc\n');
    expect(f.run('director', 'sort -o /root/out /root/in; cat /root/out').stdout).toBe('a\nb\n');
    expect(f.run('director', 'sort /x /root/in')).toMatchObject({ stdout: '', stderr: 'sort: open failed: /x: No such file or directory\n', exitCode: 2 });
    expect(f.run('director', 'sort /etc')).toMatchObject({ stderr: 'sort: read failed: /etc: Is a directory\n', exitCode: 2 });
  });

  it('rejects bad options and key specifications with sort.c messages', () => {
    const TRY = "Try 'sort --help' for more information.\n";
    expect(run('sort -q')).toMatchObject({ stderr: `sort: invalid option -- 'q'\n${TRY}`, exitCode: 2 });
    expect(run('sort -k')).toMatchObject({ stderr: `sort: option requires an argument -- 'k'\n${TRY}`, exitCode: 2 });
    expect(run('sort --bogus').stderr).toBe(`sort: unrecognized option '--bogus'\n${TRY}`);
    expect(run('sort -k0').stderr).toBe('sort: field number is zero: invalid field specification ‘0’\n');
    expect(run('sort -k1.0').stderr).toBe('sort: character offset is zero: invalid field specification ‘1.0’\n');
    expect(run('sort -k a').stderr).toBe('sort: invalid number at field start: invalid count at start of ‘a’\n');
    expect(run('sort -k1,x').stderr).toBe("sort: invalid number after ',': invalid count at start of ‘x’\n");
    expect(run('sort -k1y').stderr).toBe('sort: stray character in field spec: invalid field specification ‘1y’\n');
    expect(run("sort -t ''").stderr).toBe('sort: empty tab\n');
    expect(run('sort -t ab').stderr).toBe('sort: multi-character tab ‘ab’\n');
    expect(run('sort -t: -t,').stderr).toBe('sort: incompatible tabs\n');
    expect(run('sort -M')).toMatchObject({ exitCode: 2 });
    expect(run('sort -M').stderr).toMatch(/^lab: sort -M is not simulated/);
    expect(out('echo 2 1 | sort --numeric --rev')).toBe('2 1\n');
  });
});

describe('uniq', () => {
  const input = "printf 'a\\na\\nb\\nc\\nc\\nc\\n'";

  it('prints each group once, -c with counts in 7 columns, -d and -u', () => {
    expect(out(`${input} | uniq`)).toBe('a\nb\nc\n');
    expect(out(`${input} | uniq -c`)).toBe('      2 a\n      1 b\n      3 c\n');
    expect(out(`${input} | uniq -d`)).toBe('a\nc\n');
    expect(out(`${input} | uniq -u`)).toBe('b\n');
    expect(out(`${input} | uniq -cd`)).toBe('      2 a\n      3 c\n');
    expect(out(`${input} | uniq -D`)).toBe('a\na\nc\nc\nc\n');
    expect(out(`${input} | uniq --all-repeated=separate`)).toBe('a\na\n\nc\nc\nc\n');
    expect(out("printf 'x\\ny' | uniq")).toBe('x\ny\n');
  });

  it('compares case-insensitively with -i, after fields with -f and characters with -s', () => {
    expect(out("printf 'Web\\nweb\\nWEB\\n' | uniq -ic")).toBe('      3 Web\n');
    expect(out("printf '1 web1\\n2 web1\\n3 web2\\n' | uniq -f1")).toBe('1 web1\n3 web2\n');
    expect(out("printf '1 web1\\n2 web1\\n' | uniq -1")).toBe('1 web1\n');
    expect(out("printf 'a b c1\\nx y c1\\n' | uniq -12")).toBe('a b c1\n');
    expect(out("printf 'xa\\nya\\nzb\\n' | uniq -s 1")).toBe('xa\nzb\n');
    expect(out("printf 'ab1\\nab2\\n' | uniq -w 2")).toBe('ab1\n');
  });

  it('reads INPUT and writes OUTPUT; a missing input fails with status 1', () => {
    const f = new ShellFixture();
    f.run('director', "printf 'a\\na\\n' > /root/in");
    expect(f.run('director', 'uniq -c /root/in').stdout).toBe('      2 a\n');
    expect(f.run('director', 'uniq /root/in /root/out; cat /root/out').stdout).toBe('a\n');
    expect(f.run('director', 'uniq /x')).toMatchObject({ stdout: '', stderr: 'uniq: /x: No such file or directory\n', exitCode: 1 });
  });

  it('rejects bad options and counts', () => {
    const TRY = "Try 'uniq --help' for more information.\n";
    expect(run('uniq -x')).toMatchObject({ stderr: `uniq: invalid option -- 'x'\n${TRY}`, exitCode: 1 });
    expect(run('uniq -f abc').stderr).toBe('uniq: abc: invalid number of fields to skip\n');
    expect(run('uniq -s -1').stderr).toBe('uniq: -1: invalid number of bytes to skip\n');
    expect(run('uniq a b c').stderr).toBe(`uniq: extra operand ‘c’\n${TRY}`);
    expect(run('uniq -cD').stderr).toBe(`uniq: printing all duplicated lines and repeat counts is meaningless\n${TRY}`);
    expect(run('uniq --all-repeated=x').stderr).toBe(`uniq: invalid argument ‘x’ for ‘--all-repeated’\nValid arguments are:\n  - ‘none’\n  - ‘prepend’\n  - ‘separate’\n${TRY}`);
  });
});

describe('cut', () => {
  it('cuts fields with -d and a LIST of ranges', () => {
    const line = "echo 'a:b:c:d:e:f:g:h'";
    expect(out(`${line} | cut -d: -f1,3-5,7-`)).toBe('a:c:d:e:g:h\n');
    expect(out(`${line} | cut -d : -f -2`)).toBe('a:b\n');
    expect(out(`${line} | cut -d: -f2 --complement`)).toBe('a:c:d:e:f:g:h\n');
    expect(out(`${line} | cut -d: -f1,2 --output-delimiter=' -> '`)).toBe('a -> b\n');
    expect(out("printf 'a\\tb\\n' | cut -f2")).toBe('b\n');
    expect(out("ip addr show dev ens33 | grep 'inet ' | tr -s ' ' | cut -d' ' -f3")).toBe('192.168.122.10/24\n');
  });

  it('prints lines without the delimiter whole unless -s', () => {
    expect(out("printf 'a:b\\nplain\\n' | cut -d: -f2")).toBe('b\nplain\n');
    expect(out("printf 'a:b\\nplain\\n' | cut -d: -f2 -s")).toBe('b\n');
    expect(out("printf 'a:b' | cut -d: -f5")).toBe('\n');
  });

  it('cuts characters and bytes', () => {
    expect(out('echo abcdefgh | cut -c2-4,6')).toBe('bcdf\n');
    expect(out('echo abcdefgh | cut -b -3 --complement')).toBe('defgh\n');
    expect(out("echo abcdefgh | cut -c1-2,5- --output-delimiter=:")).toBe('ab:efgh\n');
    expect(out('echo héllo | cut -c2')).toBe('é\n');
  });

  it('reads files, and reports a missing one with status 1 after the others', () => {
    const f = new ShellFixture();
    f.run('director', "printf 'x:y\\n' > /root/in");
    expect(f.run('director', 'cut -d: -f2 /x /root/in')).toMatchObject({ stdout: 'y\n', stderr: 'cut: /x: No such file or directory\n', exitCode: 1 });
  });

  it('rejects bad lists and option combinations with cut.c messages', () => {
    const TRY = "Try 'cut --help' for more information.\n";
    expect(run('cut')).toMatchObject({ stderr: `cut: you must specify a list of bytes, characters, or fields\n${TRY}`, exitCode: 1 });
    expect(run('cut -d ab -f1').stderr).toBe(`cut: the delimiter must be a single character\n${TRY}`);
    expect(run('cut -f0').stderr).toBe(`cut: fields and positions are numbered from 1\n${TRY}`);
    expect(run('cut -f3-1').stderr).toBe(`cut: invalid decreasing range\n${TRY}`);
    expect(run('cut -f1-2-3').stderr).toBe(`cut: invalid byte, character or field list\n${TRY}`);
    expect(run('cut -fa').stderr).toBe(`cut: invalid byte, character or field list\n${TRY}`);
    expect(run('cut -f-').stderr).toBe(`cut: invalid range with no endpoint: -\n${TRY}`);
    expect(run('cut -f1,').stderr).toBe(`cut: fields and positions are numbered from 1\n${TRY}`);
    expect(run('cut -c1 -f2').stderr).toBe(`cut: only one type of list may be specified\n${TRY}`);
    expect(run('cut -c1 -d:').stderr).toBe(`cut: an input delimiter may be specified only when operating on fields\n${TRY}`);
    expect(run('cut -c1 -s').stderr).toBe(`cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\n${TRY}`);
    expect(run('cut -f99999999999999999999').stderr).toBe('cut: field number ‘99999999999999999999’ is too large\n' + TRY);
    expect(run('cut -f')).toMatchObject({ stderr: `cut: option requires an argument -- 'f'\n${TRY}`, exitCode: 1 });
  });
});

describe('the text tools', () => {
  it('are coreutils programs in /usr/bin', () => {
    expect(out('which sort uniq cut tr')).toBe('/usr/bin/sort\n/usr/bin/uniq\n/usr/bin/cut\n/usr/bin/tr\n');
  });
});

describe('tr', () => {
  it('translates ranges and classes, padding SET2 with its last character', () => {
    expect(out('echo hello | tr a-z A-Z')).toBe('HELLO\n');
    expect(out("echo Hello | tr '[:upper:][:lower:]' '[:lower:][:upper:]'")).toBe('hELLO\n');
    expect(out('echo abcd | tr abcd xy')).toBe('xyyy\n');
    expect(out('echo abcd | tr -t abcd xy')).toBe('xycd\n');
    expect(out("echo 'a b' | tr ' ' '\\n'")).toBe('a\nb\n');
    expect(out("echo 'a\\b' | tr '\\\\' /")).toBe('a/b\n');
    expect(out("echo abc | tr a-c '[x*]'")).toBe('xxx\n');
    expect(out("echo abcde | tr a-e '[x*2]y'")).toBe('xxyyy\n');
  });

  it('deletes with -d, squeezes with -s and complements with -c', () => {
    expect(out("echo 'a1b22c333' | tr -d '[:digit:]'")).toBe('abc\n');
    expect(out("echo 'a  b   c' | tr -s ' '")).toBe('a b c\n');
    expect(out("echo 'a1b2' | tr -cd '[:alpha:]'")).toBe('ab');
    expect(out("echo 'aa11bb' | tr -ds 1 a")).toBe('abb\n');
    expect(out("echo 'hello world' | tr -c 'a-z' '_'")).toBe('hello_world_');
    expect(out("echo 'aabbcc' | tr -s a-c x-z")).toBe('xyz\n');
    expect(out("printf 'a\\tb\\n' | tr '\\t' ,")).toBe('a,b\n');
  });

  it('reports missing and extra operands as tr.c does', () => {
    const TRY = "Try 'tr --help' for more information.\n";
    expect(run('tr')).toMatchObject({ stderr: `tr: missing operand\n${TRY}`, exitCode: 1 });
    expect(run('tr abc').stderr).toBe(`tr: missing operand after ‘abc’\nTwo strings must be given when translating.\n${TRY}`);
    expect(run('tr -ds a').stderr).toBe(`tr: missing operand after ‘a’\nTwo strings must be given when both deleting and squeezing repeats.\n${TRY}`);
    expect(run('tr -d a b').stderr).toBe(`tr: extra operand ‘b’\nOnly one string may be given when deleting without squeezing repeats.\n${TRY}`);
    expect(run('tr a b c').stderr).toBe(`tr: extra operand ‘c’\n${TRY}`);
    expect(run('tr -x a b').stderr).toBe(`tr: invalid option -- 'x'\n${TRY}`);
  });

  it('rejects bad sets', () => {
    expect(run('echo | tr z-a x')).toMatchObject({ stderr: "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n", exitCode: 1 });
    expect(run("echo | tr '[:foo:]' x").stderr).toBe('tr: invalid character class ‘foo’\n');
    expect(run("echo | tr '[::]' x").stderr).toBe("tr: missing character class name '[::]'\n");
    expect(run("echo | tr a '[:digit:]'").stderr).toBe("tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'\n");
    expect(run("echo | tr 'a-z' '[:upper:]x'").stderr).toBe('tr: misaligned [:upper:] and/or [:lower:] construct\n');
    expect(run("echo | tr '[a*]' x").stderr).toBe('tr: the [c*] repeat construct may not appear in string1\n');
    expect(run("echo | tr a '[b*x]'").stderr).toBe('tr: invalid repeat count ‘x’ in [c*n] construct\n');
    expect(run("echo | tr abc ''").stderr).toBe('tr: when not truncating set1, string2 must be non-empty\n');
    expect(run("echo a | tr a 'b\\'")).toMatchObject({ stdout: 'b\n', stderr: 'tr: warning: an unescaped backslash at end of string is not portable\n' });
  });
});
