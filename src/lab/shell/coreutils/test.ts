import { done, type Command, type CommandIo } from '../command.ts';
import { exists, isDirectory, readFile, type FsView } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { isProgramPath } from '../fs/command-paths.ts';
import { Output } from '../output.ts';

/**
 * bash 4.2's builtins `test EXPR` and `[ EXPR ]`: status 0 (true), 1 (false) or 2 (error, with
 * bash's message). Up to four arguments follow POSIX's rules by count, as bash's test.c does;
 * longer expressions parse with `!`, `( … )`, `-a` binding tighter than `-o`.
 *
 * Strings: `-n`, `-z`, `=`, `==`, `!=`, `<`, `>`. Integers: `-eq -ne -lt -le -gt -ge`. Files:
 * `-e -a -f -d -s -r -w` (root reads and writes every file that exists). File modes are not
 * modelled, so `-x` and the others are refused with a message rather than guessed.
 */

class TestError extends Error {}

const UNARY_FILE = new Set(['-e', '-a', '-f', '-d', '-s', '-r', '-w']);
const UNARY_STRING = new Set(['-n', '-z']);
const UNMODELLED = new Set(['-x', '-b', '-c', '-g', '-G', '-h', '-L', '-k', '-N', '-O', '-p', '-S', '-t', '-u']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

const isUnary = (op: string | undefined): boolean => op !== undefined && (UNARY_FILE.has(op) || UNARY_STRING.has(op) || UNMODELLED.has(op));

class Evaluator {
  private i = 0;

  constructor(private readonly args: readonly string[], private readonly fs: FsView, private readonly cwd: string) {}

  /** The whole expression, by argument count first (POSIX), then by grammar. */
  run(): boolean {
    const a = this.args;
    switch (a.length) {
      case 0:
        return false;
      case 1:
        return a[0] !== '';
      case 2:
        if (a[0] === '!') return a[1] === '';
        if (isUnary(a[0])) return this.unary(a[0]!, a[1]!);
        throw new TestError(`${a[0]}: unary operator expected`);
      case 3:
        if (BINARY.has(a[1]!)) return this.binary(a[0]!, a[1]!, a[2]!);
        if (a[1] === '-a' || a[1] === '-o') return a[1] === '-a' ? a[0] !== '' && a[2] !== '' : a[0] !== '' || a[2] !== '';
        if (a[0] === '!') return !new Evaluator(a.slice(1), this.fs, this.cwd).run();
        if (a[0] === '(' && a[2] === ')') return a[1] !== '';
        throw new TestError(`${a[1]}: binary operator expected`);
      case 4:
        if (a[0] === '!') return !new Evaluator(a.slice(1), this.fs, this.cwd).run();
        if (a[0] === '(' && a[3] === ')') return new Evaluator(a.slice(1, 3), this.fs, this.cwd).run();
        break;
    }
    const v = this.or();
    if (this.i < a.length) throw new TestError(a[this.i] === ')' ? "`)' unexpected" : 'too many arguments');
    return v;
  }

  private or(): boolean {
    return this.joined('-o', () => this.and(), (a, b) => a || b);
  }

  private and(): boolean {
    return this.joined('-a', () => this.term(), (a, b) => a && b);
  }

  /** Operands joined by `op`, every one evaluated (as test.c does), combined left to right. */
  private joined(op: string, operand: () => boolean, combine: (a: boolean, b: boolean) => boolean): boolean {
    let v = operand();
    while (this.args[this.i] === op) {
      this.i++;
      v = combine(v, operand());
    }
    return v;
  }

  private term(): boolean {
    const a = this.args;
    const t = a[this.i];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '!') {
      this.i++;
      return !this.term();
    }
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestError("`)' expected");
      this.i++;
      return v;
    }
    if (BINARY.has(a[this.i + 1] ?? '') && this.i + 2 < a.length) {
      this.i += 3;
      return this.binary(t, a[this.i - 2]!, a[this.i - 1]!);
    }
    if (isUnary(t) && this.i + 1 < a.length) {
      this.i += 2;
      return this.unary(t, a[this.i - 1]!);
    }
    this.i++;
    return t !== '';
  }

  private unary(op: string, operand: string): boolean {
    if (op === '-n') return operand !== '';
    if (op === '-z') return operand === '';
    if (op === '-t') throw new TestError(`lab: ${op}: file modes, devices and links are not simulated`);
    const path = resolvePath(this.cwd, operand);
    if (operand === '') return false;
    // The installed programs are files too (the lab does not store them).
    const program = isProgramPath(path);
    if (UNMODELLED.has(op)) {
      // What does not exist has no mode: every such test is false. Programs and directories are 755 (root may run and search them).
      if (!program && !exists(this.fs, path)) return false;
      if (op === '-x' && (program || isDirectory(this.fs, path))) return true;
      throw new TestError(`lab: ${op}: file modes, devices and links are not simulated`);
    }
    switch (op) {
      case '-d':
        return isDirectory(this.fs, path);
      case '-f': {
        const content = readFile(this.fs, path);
        return program || typeof content === 'string';
      }
      case '-s': {
        const content = readFile(this.fs, path);
        return program || isDirectory(this.fs, path) || (typeof content === 'string' && content !== '');
      }
      default:
        // -e, -a, -r, -w: root may read and write whatever exists.
        return program || exists(this.fs, path);
    }
  }

  private binary(left: string, op: string, right: string): boolean {
    switch (op) {
      case '=':
      case '==':
        return left === right;
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '-nt':
      case '-ot':
      case '-ef':
        throw new TestError(`lab: ${op}: file times and inodes are not simulated`);
    }
    const [l, r] = [integer(left), integer(right)];
    switch (op) {
      case '-eq':
        return l === r;
      case '-ne':
        return l !== r;
      case '-lt':
        return l < r;
      case '-le':
        return l <= r;
      case '-gt':
        return l > r;
      default:
        return l >= r;
    }
  }
}

/** An integer operand as bash reads it (blanks around it allowed), or its error. */
function integer(s: string): bigint {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`);
  return BigInt(s.trim());
}

function evaluate(io: CommandIo, args: readonly string[], name: string): ReturnType<Command> {
  const r = testPrimary(io, io.state.cwd, args);
  if (typeof r === 'boolean') return done(new Output(), r ? 0 : 1);
  const text = r.startsWith('lab: ') ? `lab: ${name}: ${r.slice(5)}` : `bash: ${name}: ${r}`;
  return done(new Output().err(`${text}\n`), 2);
}

/** A test of the lab's files or strings (`-f FILE`, `A -nt B`…) for `[[ ]]`: true, false, or test's error message. */
export function testPrimary(fs: FsView, cwd: string, args: readonly string[]): boolean | string {
  try {
    return new Evaluator(args, fs, cwd).run();
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    return e.message;
  }
}

export const test: Command = (io) => evaluate(io, io.argv.slice(1), 'test');

/** `[ EXPR ]`: test with a closing `]`. */
export const bracket: Command = (io) => {
  const args = io.argv.slice(1);
  if (args[args.length - 1] !== ']') return done(new Output().err("bash: [: missing `]'\n"), 2);
  return evaluate(io, args.slice(0, -1), '[');
};
