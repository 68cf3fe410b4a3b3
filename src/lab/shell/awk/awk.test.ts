import { describe, expect, it } from 'vitest';
import { ShellFixture } from '../testing/fixture.ts';
import { MAX_STEPS } from './interpret.ts';

/**
 * Expected outputs follow gawk 4.0.2 (CentOS 7). No gawk was at hand where these were written
 * (the machine had mawk 1.3.4 only), so texts come from gawk's documentation and its source's
 * messages; rand()'s first values are gawk's well-known 0.237788 and 0.291066.
 */

/** Runs a command line on the director: stdout. */
function out(f: ShellFixture, line: string): string {
  return f.run('director', line).stdout;
}

describe('awk: tutorials', () => {
  const f = new ShellFixture();

  it('prints a field of ip addr output', () => {
    expect(out(f, "ip addr | grep inet | awk '{print $2}'")).toBe('127.0.0.1/8\n192.168.122.10/24\n');
  });

  it('skips the header of ipvsadm -Ln with NR', () => {
    f.run('director', 'ipvsadm -A -t 192.168.122.100:80 -s rr');
    f.run('director', 'ipvsadm -a -t 192.168.122.100:80 -r 10.0.0.1:80 -m');
    expect(out(f, "ipvsadm -Ln | awk 'NR>3 {print $2}'")).toBe('192.168.122.100:80\n10.0.0.1:80\n');
  });

  it('counts TCP states with an array and for-in', () => {
    const states = "printf 'tcp 0 0 LISTEN\\ntcp 0 0 ESTABLISHED\\ntcp 1 1 LISTEN\\nudp x\\n'";
    expect(out(f, `${states} | awk '/^tcp/ {++S[$NF]} END {for (a in S) print a, S[a]}'`)).toBe('LISTEN 2\nESTABLISHED 1\n');
  });

  it('sums a column', () => {
    expect(out(f, "printf 'b 2\\na 1\\nc 3\\n' | awk '{ sum += $2 } END { print \"sum=\" sum, \"avg=\" sum/NR }'")).toBe('sum=6 avg=2\n');
  });
});

describe('awk: command line', () => {
  const f = new ShellFixture();

  it('takes -F, -v and var=val operands between files', () => {
    expect(out(f, "printf 'a,b,c\\n' | awk -F, -v OFS=- '{ $1 = $1; print }'")).toBe('a-b-c\n');
    expect(out(f, "awk -v x=5 -v 'msg=a\\tb' 'BEGIN { print x + 1, msg }'")).toBe('6 a\tb\n');
    f.run('director', "printf 'a\\nb\\n' > /tmp/f1; printf 'c\\n' > /tmp/f2");
    expect(out(f, "awk '{ print FILENAME, FNR, NR, $0, v }' /tmp/f1 v=7 /tmp/f2")).toBe('/tmp/f1 1 1 a \n/tmp/f1 2 2 b \n/tmp/f2 1 3 c 7\n');
    expect(out(f, "awk -- '{ print \"dd\" $0 }' /tmp/f2")).toBe('ddc\n');
  });

  it('reads the program from -f files and -e texts', () => {
    f.run('director', "printf 'BEGIN { print \"from file\" }\\n{ print NR \": \" $0 }\\n' > /tmp/prog.awk");
    expect(out(f, 'awk -f /tmp/prog.awk /tmp/f1')).toBe('from file\n1: a\n2: b\n');
    expect(out(f, "awk -e 'BEGIN { print \"e\" }'")).toBe('e\n');
    expect(f.run('director', 'awk -f /tmp/nosuch.awk')).toMatchObject({
      stderr: "awk: fatal: can't open source file `/tmp/nosuch.awk' for reading (No such file or directory)\n", exitCode: 2,
    });
  });

  it('answers as gawk when run as gawk, and prints its version and usage', () => {
    expect(f.run('director', "gawk 'BEGIN { print 1/0 }'").stderr).toBe('gawk: cmd. line:1: fatal: division by zero attempted\n');
    expect(out(f, 'awk --version')).toMatch(/^GNU Awk 4\.0\.2\n/);
    const usage = f.run('director', 'awk');
    expect(usage.exitCode).toBe(1);
    expect(usage.stderr).toMatch(/^Usage: awk \[POSIX or GNU style options\] -f progfile \[--\] file \.\.\.\n/);
    expect(f.run('director', 'awk -x').exitCode).toBe(1);
  });

  it('reports bad -v assignments as gawk does', () => {
    expect(f.run('director', "awk -v foo 'BEGIN{}'").stderr).toMatch(/^awk: `foo' argument to `-v' not in `var=value' form\n\nUsage:/);
    expect(f.run('director', "awk -v 1x=3 'BEGIN{}'")).toMatchObject({ stderr: "awk: fatal: `1x' is not a legal variable name\n", exitCode: 2 });
  });

  it('refuses the gawk options the lab does not have', () => {
    expect(f.run('director', "awk --posix '{print}'")).toMatchObject({ stderr: 'lab: awk: -P (--posix) is not supported\n', exitCode: 1 });
    expect(f.run('director', "awk -p '{print}'").stderr).toBe('lab: awk: -p (--profile) is not supported\n');
  });

  it('reads stdin when ARGV has no file left, and warns about directories', () => {
    expect(out(f, "echo x | awk 'BEGIN { ARGV[1] = \"\" } { print \"stdin:\" $0 }' nosuchfile")).toBe('stdin:x\n');
    expect(f.run('director', "awk '{ print }' /etc").stderr).toBe("awk: warning: command line argument `/etc' is a directory: skipped\n");
    expect(out(f, "awk 'BEGIN { print ENVIRON[\"HOME\"], ARGC, ARGV[0], ARGV[1] }' foo")).toBe('/root 2 awk foo\n');
  });
});

describe('awk: records and fields', () => {
  const f = new ShellFixture();

  it('splits at blanks by default and rebuilds $0 with OFS when a field or NF is assigned', () => {
    expect(out(f, "echo '  lead  trail  ' | awk '{ print NF, \"[\" $1 \"]\"; $3 = \"z\"; print \"[\" $0 \"]\" }'")).toBe('2 [lead]\n[lead trail z]\n');
    expect(out(f, "printf 'a b c d\\n' | awk '{ NF = 2; print; $5 = \"e\"; print; print NF }'")).toBe('a b\na b   e\n5\n');
    expect(out(f, "echo 'a b' | awk '{ $0 = \"c d e\"; print NF, $3, $(NF-1) }'")).toBe('3 e d\n');
    expect(out(f, "awk 'BEGIN { OFS = \"-\"; $0 = \"a b c\"; $1 = $1; print }'")).toBe('a-b-c\n');
  });

  it('splits with a single character, a tab, a regex or every character', () => {
    expect(out(f, "echo 'a:b::c' | awk -F: '{ print NF, $3 \"|\" $4 }'")).toBe('4 |c\n');
    expect(out(f, "echo 'a|b|c' | awk -F'|' '{ print $2 }'")).toBe('b\n');
    expect(out(f, "printf 'a\\tb c\\n' | awk -F'\\t' '{ print $2 }'")).toBe('b c\n');
    expect(out(f, "echo a1b22c | awk -F'[0-9]+' '{ print NF, $1, $2, $3 }'")).toBe('3 a b c\n');
    expect(out(f, "echo abc | awk -F '' '{ print NF, $2 }'")).toBe('3 b\n');
  });

  it('applies a new FS from the next record on', () => {
    expect(out(f, "printf 'a:b\\nc:d\\n' | awk '{ print $1; FS = \":\" }'")).toBe('a:b\nc\n');
  });

  it('reads paragraphs with RS = "" and keeps the last record for END', () => {
    expect(out(f, "printf 'x\\n\\ny z\\nw\\n\\n\\nlast\\n' | awk 'BEGIN { RS = \"\" } { print NR \": \" $1 \"|\" $NF \"|\" NF }'")).toBe('1: x|x|1\n2: y|w|3\n3: last|last|1\n');
    expect(out(f, "printf 'l1\\nl2\\n' | awk 'END { print $0, NR }'")).toBe('l2 2\n');
    expect(out(f, "printf 'a;b;c' | awk 'BEGIN { RS = \";\" } { print NR, $0 }'")).toBe('1 a\n2 b\n3 c\n');
  });
});

describe('awk: patterns', () => {
  const f = new ShellFixture();
  const lines = "printf '1\\n2\\n3\\n4\\n5\\n'";

  it('selects by expression, regex, negation, combination and range', () => {
    expect(out(f, `${lines} | awk 'NR==2, NR==4'`)).toBe('2\n3\n4\n');
    expect(out(f, `${lines} | awk '$1 % 2'`)).toBe('1\n3\n5\n');
    expect(out(f, "printf 'x\\ny\\n' | awk '!/x/'")).toBe('y\n');
    expect(out(f, "printf 'ab\\na\\nb\\n' | awk '/a/ && /b/'")).toBe('ab\n');
    expect(out(f, `${lines} | awk '/2/,/2/'`)).toBe('2\n');
  });

  it('matches POSIX extended regular expressions', () => {
    expect(out(f, "printf 'a.b\\naxb\\n' | awk '/a\\.b/'")).toBe('a.b\n');
    expect(out(f, "printf 'a1\\nbb\\n22\\n' | awk '/^[0-9]+$/ { print \"num:\" $0 } /[[:alpha:]][[:digit:]]/ { print \"mix:\" $0 }'")).toBe('mix:a1\nnum:22\n');
    expect(out(f, "printf 'a/b\\n' | awk '/\\// { print \"slash\" } $0 ~ \"a/\" { print \"dyn\" }'")).toBe('slash\ndyn\n');
    expect(out(f, "printf 'aa\\na\\n' | awk '/a{2}/'")).toBe('aa\n');
    expect(out(f, "printf 'cat\\ndog\\n' | awk '$0 !~ /^(c|x)/'")).toBe('dog\n');
  });
});

describe('awk: values and operators', () => {
  const f = new ShellFixture();
  const begin = (body: string): string => out(f, `awk 'BEGIN { ${body} }'`);

  it('follows awk precedence', () => {
    expect(begin('print 2^3^2, -2^2, 7%3, 1 - 1 - 1, "a" "b" 1+2, 2 ** 3, 2 ^ -1')).toBe('512 -4 1 -1 ab3 8 0.5\n');
    expect(begin('print 10 / 2 / 5, 4 /2; x = 8; print x/2, x /2/ 2')).toBe('1 2\n4 2\n');
    expect(begin('a = b = 3; c = 1 ? 2 ? "x" : "y" : "z"; arr[1]; print a, b, c, 1 in arr ? "y" : "n", (2 in arr)')).toBe('3 3 x y 0\n');
    expect(begin('print 1 " " -1, !x + 1, 1 - -1')).toBe('1-1 2 2\n');
  });

  it('has assignment operators and pre/post increments', () => {
    expect(begin('x = 5; x += 2; x -= 1; x *= 3; x /= 2; x %= 5; x ^= 2; print x; y++; ++y; print y--, y, -y')).toBe('16\n2 1 -1\n');
    expect(begin('x = "A"; y = x++; print x, y')).toBe('1 0\n');
  });

  it('converts strings to numbers by their numeric prefix', () => {
    expect(begin('print "3abc" + 0, " 12 " + 0, ".5" + 0, "1e3" + 0, "0x1A" + 0, x + 0, x == 0, x == ""')).toBe('3 12 0.5 1000 0 0 1 1\n');
  });

  it('compares numbers, strings and numeric-looking input by POSIX rules', () => {
    expect(begin('print 1==1.0, "1"==1, "a" < "b", 2 < 10, "2" < "10", ("10" > 9)')).toBe('1 1 1 1 0 0\n');
    expect(out(f, "echo '2 10' | awk '{ print ($1 < $2), ($1 < \"10\") }'")).toBe('1 0\n');
    expect(out(f, "echo '0.0' | awk '$1 { print \"true\" } !$1 { print \"false\" }'")).toBe('false\n');
  });

  it('prints numbers with OFMT and converts them with CONVFMT unless integral', () => {
    expect(begin('print 100000 * 100000, 2^53, 1e30, 0.000001, 3.0, 1/3, 0.1 + 0.2, -0')).toBe('10000000000 9007199254740992 1000000000000000019884624838656 1e-06 3 0.333333 0.3 0\n');
    expect(begin('CONVFMT = "%.2g"; a = 3.14159; b = a ""; print b; OFMT = "%.3f"; print a, 17')).toBe('3.1\n3.142 17\n');
    expect(begin('print 1e300 * 1e300, -1e300 * 1e300')).toBe('inf -inf\n');
  });

  it('keeps arrays with multiple subscripts joined by SUBSEP', () => {
    expect(begin('a["x",1] = 5; for (k in a) { split(k, p, SUBSEP); print p[1], p[2] }; if (("x",1) in a) print "in"')).toBe('x 1\nin\n');
    expect(begin('if (!(3 in a)) print "no"; if (a[3] == "") print "empty"; if (3 in a) print "now"')).toBe('no\nempty\nnow\n');
    expect(begin('x[1]; x[2]; delete x[1]; print length(x); delete x; print length(x); a["1"] = "s"; print a[1]')).toBe('1\n0\ns\n');
  });
});

describe('awk: statements and functions', () => {
  const f = new ShellFixture();

  it('runs if/else, while, do-while, for, break and continue', () => {
    expect(out(f, "awk 'BEGIN { i = 0; do { i++ } while (i < 5); print i; for (;;) { if (++j > 3) break }; print j; while (k < 10) { k++; if (k % 2) continue; s = s k }; print s }'")).toBe('5\n4\n246810\n');
    expect(out(f, "awk 'BEGIN { if (0)\n  print \"a\"\nelse\n  print \"b\"\n}'")).toBe('b\n');
    expect(out(f, "awk 'BEGIN {\n  n = 3   # comment\n  for (i = 1; i <= n; i++)\n    total += i\n  print \"total:\", total\n}'")).toBe('total: 6\n');
    expect(out(f, "echo 'x y z' | awk '{ for (i = NF; i > 0; i--) printf \"%s%s\", $i, (i > 1 ? OFS : ORS) }'")).toBe('z y x\n');
  });

  it('stops at next and exit, and exit still runs END with its status', () => {
    expect(out(f, "printf '1\\n2\\n3\\n' | awk '$1 == 2 { next } { print }'")).toBe('1\n3\n');
    expect(f.run('director', "awk 'BEGIN { exit 3 } END { print \"end\" }'")).toMatchObject({ stdout: 'end\n', exitCode: 3 });
    expect(f.run('director', "printf '1\\n2\\n' | awk '{ print; exit } END { print \"end\"; exit }'")).toMatchObject({ stdout: '1\nend\n', exitCode: 0 });
  });

  it('calls user functions with local parameters, arrays by reference and recursion', () => {
    expect(out(f, "awk 'function f(a, b) { b = a * 2; return b } BEGIN { print f(21), b }'")).toBe('42 \n');
    expect(out(f, "awk 'function g(a) { a = 5 } BEGIN { v = 1; g(v); print v }'")).toBe('1\n');
    expect(out(f, "awk 'function add(arr, k) { arr[k] = 1 } BEGIN { add(A, \"x\"); add(A, \"y\"); print length(A) }'")).toBe('2\n');
    expect(out(f, "awk '\nfunction fact(n) {\n  if (n <= 1) return 1\n  return n * fact(n - 1)\n}\nBEGIN { print fact(10) }'")).toBe('3628800\n');
  });
});

describe('awk: built-in functions', () => {
  const f = new ShellFixture();
  const begin = (body: string): string => out(f, `awk 'BEGIN { ${body} }'`);

  it('measures and cuts strings', () => {
    expect(begin('print length("abc"), length(12345), substr("hello", 2, 3), index("hello", "ll"), toupper("x") tolower("YZ")')).toBe('3 5 ell 3 Xyz\n');
    expect(begin('print substr("hello", 0, 2), substr("hello", -1), substr("hello", 5, 10), substr("hello", 1.5, 2.3), substr("hello", 6) "|"')).toBe('h hello o el |\n');
    expect(out(f, "echo 'hello world' | awk '{ print length, length($1) }'")).toBe('11 5\n');
  });

  it('splits into arrays by FS rules or a regex', () => {
    expect(begin('n = split("a:b:c", arr, ":"); print n, arr[1], arr[3]; n = split("  x  y ", q); print n, q[1], q[2]; print split("a1b2c", p, /[0-9]/), p[3]')).toBe('3 a c\n2 x y\n3 c\n');
  });

  it('substitutes with & and \\\\& in sub and gsub', () => {
    expect(begin('x = "abc"; gsub(/b/, "[&]", x); print x; s = "hello"; sub(/l+/, "\\\\&", s); print s')).toBe('a[b]c\nhe&o\n');
    expect(begin('t = "hello"; print gsub(/l/, "\\\\\\\\&", t), t; s = "aaa"; print gsub(/x*/, "-", s), s')).toBe('2 he\\l\\lo\n4 -a-a-a-\n');
    expect(out(f, "echo 'foo.bar' | awk '{ gsub(/\\./, \"-\"); print }'")).toBe('foo-bar\n');
  });

  it('sets RSTART and RLENGTH with match', () => {
    expect(begin('print match("aXbXXc", /X+/), RSTART, RLENGTH; print match("abc", /z/), RSTART, RLENGTH')).toBe('2 2 1\n0 0 -1\n');
  });

  it('has the arithmetic functions and a deterministic rand', () => {
    expect(begin('print int(3.9), int(-3.9), sqrt(16), exp(0), log(1), sin(0), cos(0), atan2(0, -1)')).toBe('3 -3 4 1 0 0 1 3.14159\n');
    expect(begin('print rand(), rand()')).toBe('0.237788 0.291066\n');
    expect(begin('srand(1); a = rand(); srand(1); print a == rand(), srand(5), srand()')).toBe('1 1 5\n');
    expect(f.run('director', "awk 'BEGIN { print log(-1) }'").stderr).toBe('awk: cmd. line:1: warning: log: received negative argument -1\n');
  });
});

describe('awk: printf', () => {
  const f = new ShellFixture();
  const begin = (body: string): string => out(f, `awk 'BEGIN { ${body} }'`);

  it('formats C conversions with flags, width and precision', () => {
    expect(begin('printf "%5.2f|%-5d|%x|%e|%g|%s\\n", 3.14159, 42, 255, 12345.678, 0.0001, "hi"')).toBe(' 3.14|42   |ff|1.234568e+04|0.0001|hi\n');
    expect(begin('printf "%d %i %o %X %u %c %c %5s|%-5s|%.2s\\n", -3.9, 7, 8, 255, -1, 65, "hello", "ab", "ab", "hello"')).toBe('-3 7 10 FF 18446744073709551615 A h    ab|ab   |he\n');
    expect(begin('printf "[%05d] [%+d] [% d] [%#o] [%#x] [%.0f] [%5.1f%%]\\n", 42, 5, 5, 8, 255, 2.5, 12.345')).toBe('[00042] [+5] [ 5] [010] [0xff] [2] [ 12.3%]\n');
    expect(begin('printf "%*d|%-*d|\\n", 5, 42, 4, 7; printf "%g %g %#g %G\\n", 1e-5, 123456.7, 1.5, 1e-20')).toBe('   42|7   |\n1e-05 123457 1.50000 1E-20\n');
    expect(begin('printf("%s-%s\\n", "a", "b"); s = sprintf("%03d", 7); print s')).toBe('a-b\n007\n');
  });

  it('stops when the arguments run out', () => {
    expect(f.run('director', "awk 'BEGIN { printf \"%s %s\", \"one\" }'")).toMatchObject({
      stdout: '', stderr: "awk: cmd. line:1: fatal: not enough arguments to satisfy format string\n\t`%s %s'\n\t    ^ ran out for this one\n", exitCode: 2,
    });
  });
});

describe('awk: output redirection', () => {
  const f = new ShellFixture();

  it('writes > and >> to lab files, truncating once per open', () => {
    f.run('director', "printf 'one two\\n' | awk '{ print > \"/tmp/a.txt\"; printf \"%s\\n\", $2 >> \"/tmp/a.txt\" }'");
    expect(out(f, 'cat /tmp/a.txt')).toBe('one two\ntwo\n');
    f.run('director', "awk 'BEGIN { print \"x\" > \"/tmp/a.txt\"; print \"y\" > \"/tmp/a.txt\" }'");
    expect(out(f, 'cat /tmp/a.txt')).toBe('x\ny\n');
    f.run('director', "awk 'BEGIN { print \"z\" >> \"/tmp/a.txt\"; print 1 > 2 }'");
    expect(out(f, 'cat /tmp/a.txt 2')).toBe('x\ny\nz\n1\n');
  });

  it('reopens a closed file from the start, and writes /dev/stderr to stderr', () => {
    f.run('director', "awk 'BEGIN { print \"a\" > \"/tmp/b.txt\"; close(\"/tmp/b.txt\"); print \"b\" > \"/tmp/b.txt\" }'");
    expect(out(f, 'cat /tmp/b.txt')).toBe('b\n');
    expect(f.run('director', "awk 'BEGIN { print \"e\" > \"/dev/stderr\" }'").stderr).toBe('e\n');
  });

  it('fails as gawk when the file cannot be opened', () => {
    expect(f.run('director', "awk 'BEGIN { print 1 > \"/nodir/x\" }'")).toMatchObject({
      stderr: "awk: cmd. line:1: fatal: can't redirect to `/nodir/x' (No such file or directory)\n", exitCode: 2,
    });
  });
});

describe('awk: errors', () => {
  const f = new ShellFixture();

  it('shows syntax errors with the source line and a caret, status 1', () => {
    expect(f.run('director', "awk '{print $1'")).toMatchObject({
      stderr: 'awk: cmd. line:1: {print $1\nawk: cmd. line:1:          ^ unexpected newline or end of string\n', exitCode: 1,
    });
    expect(f.run('director', "awk '{print $1,}'").stderr).toBe('awk: cmd. line:1: {print $1,}\nawk: cmd. line:1:           ^ syntax error\n');
    expect(f.run('director', "awk 'BEGIN {\n  x = 1\n  y = x +* 2\n}'").stderr).toBe('awk: cmd. line:3:   y = x +* 2\nawk: cmd. line:3:          ^ syntax error\n');
    expect(f.run('director', "awk 'BEGIN { print \"abc }'").stderr).toBe('awk: cmd. line:1: BEGIN { print "abc }\nawk: cmd. line:1:               ^ unterminated string\n');
    expect(f.run('director', "awk 'BEGIN { print /abc }'").stderr).toBe('awk: cmd. line:1: BEGIN { print /abc }\nawk: cmd. line:1:               ^ unterminated regexp\n');
    f.run('director', "printf '{ print $1\\n' > /tmp/bad.awk");
    expect(f.run('director', 'awk -f /tmp/bad.awk').stderr).toBe('awk: /tmp/bad.awk:1: { print $1\nawk: /tmp/bad.awk:1:           ^ unexpected newline or end of string\n');
  });

  it('reports misplaced next, return and break', () => {
    expect(f.run('director', "awk 'BEGIN { next }'")).toMatchObject({ stderr: "awk: cmd. line:1: error: `next' used in BEGIN action\n", exitCode: 1 });
    expect(f.run('director', "awk 'BEGIN { return 1 }'").stderr).toBe("awk: cmd. line:1: error: `return' used outside function context\n");
    expect(f.run('director', "awk 'BEGIN { break }'").stderr).toBe("awk: cmd. line:1: error: `break' is not allowed outside a loop or switch\n");
  });

  it('stops with fatal errors, status 2', () => {
    expect(f.run('director', "awk 'BEGIN{print 1/0}'")).toMatchObject({ stderr: 'awk: cmd. line:1: fatal: division by zero attempted\n', exitCode: 2 });
    expect(f.run('director', "awk 'BEGIN{print 1%0}'").stderr).toBe("awk: cmd. line:1: fatal: division by zero attempted in `%'\n");
    expect(f.run('director', "awk '{print}' nosuch")).toMatchObject({ stderr: "awk: fatal: cannot open file `nosuch' for reading (No such file or directory)\n", exitCode: 2 });
    expect(f.run('director', "awk 'BEGIN { a = 1; a[1] = 2 }'").stderr).toBe("awk: cmd. line:1: fatal: attempt to use scalar `a' as an array\n");
    expect(f.run('director', "awk 'BEGIN { f(1) }'").stderr).toBe("awk: cmd. line:1: fatal: function `f' not defined\n");
    expect(f.run('director', "awk '/a(/'").stderr).toBe('awk: cmd. line:1: fatal: Unmatched ( or \\(: /a(/\n');
  });

  it('warns about unknown escapes and goes on', () => {
    expect(f.run('director', "awk 'BEGIN { print \"a\\qb\" }'")).toMatchObject({
      stdout: 'aqb\n', stderr: "awk: cmd. line:1: warning: escape sequence `\\q' treated as plain `q'\n",
    });
  });

  it('refuses getline, pipes, system() and gawk extensions with lab messages', () => {
    expect(f.run('director', "awk 'BEGIN { getline }'")).toMatchObject({ stderr: 'lab: awk: getline is not supported\n', exitCode: 2 });
    expect(f.run('director', "awk 'BEGIN { \"date\" | getline d }'").stderr).toBe('lab: awk: getline is not supported\n');
    expect(f.run('director', "awk 'BEGIN { print \"x\" | \"cat\" }'").stderr).toBe('lab: awk: output to a command (print | "command") is not supported\n');
    expect(f.run('director', "awk 'BEGIN { system(\"ls\") }'").stderr).toBe('lab: awk: system() is not supported (the lab runs no commands from awk)\n');
    expect(f.run('director', "awk 'BEGIN { print gensub(/a/, \"b\", \"g\", \"aaa\") }'").stderr).toBe('lab: awk: gensub() (a gawk extension) is not supported\n');
  });

  it('stops runaway programs after a bounded number of steps', () => {
    expect(f.run('director', "awk 'BEGIN { while (1); }'")).toMatchObject({
      stderr: `lab: awk: the program ran more than ${MAX_STEPS} steps (an endless loop?); stopped\n`, exitCode: 2,
    });
    expect(f.run('director', "awk 'BEGIN { s = \"x\"; while (1) s = s s }'").exitCode).toBe(2);
    expect(f.run('director', "awk 'function r(n) { return r(n + 1) } BEGIN { r(1) }'").stderr).toMatch(/^lab: awk: function calls nested more than \d+ deep; stopped\n$/);
  });
});
