import { isName } from '../syntax/word.ts';
import { done, type Command } from '../command.ts';
import { Output } from '../output.ts';

/**
 * bash 4.2's builtin printf [-v VAR] FORMAT [ARGUMENTS…], as printf.def runs it: the format is
 * reused while arguments remain (and only if a pass consumed some), missing arguments read as
 * the empty string or 0, and a number that does not parse is reported ("invalid number"), printed
 * as the part strtoimax read, and makes the status 1.
 *
 * Conversions: %s %b %c %d %i %o %u %x %X %%, with the flags `-+ #0`, a width and a precision
 * (either may be `*`). Not simulated, and refused with a message: the floating-point conversions
 * (%f %e %g %a), %q and %(…)T.
 */

const USAGE = 'printf: usage: printf [-v var] format [arguments]\n';
const UNSIMULATED = 'eEfFgGaAqT(';
const INTMAX_MAX = 2n ** 63n - 1n;
const INTMAX_MIN = -(2n ** 63n);
const UINTMAX_MAX = 2n ** 64n - 1n;

/** Ends processing: bash's PRETURN after an error (what was printed so far stays printed). */
class PrintfStop extends Error {}

/**
 * tescape(): the backslash escape at `s[i]` (after the backslash) and its length. In the format an
 * octal escape is `\NNN`; in a %b argument it is `\0NNN` (or `\NNN` not starting with 0), `\c` stops
 * all output, and `\'`, `\"` and `\?` keep their backslash. An unknown escape stays as typed.
 */
function escape(s: string, i: number, inArgument: boolean, warn: (m: string) => void): { text: string; length: number; stop?: boolean } {
  const c = s[i];
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (c === undefined) return { text: '\\', length: 0 };
  if (simple[c] !== undefined) return { text: simple[c], length: 1 };
  if (c === "'" || c === '"' || c === '?') return inArgument ? { text: '\\', length: 0 } : { text: c, length: 1 };
  if (/[0-7]/.test(c)) {
    const digits = /^[0-7]+/.exec(s.slice(i))![0].slice(0, c === '0' && inArgument ? 4 : 3);
    return { text: String.fromCharCode(parseInt(digits, 8) & 0xff), length: digits.length };
  }
  const hex = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hex > 0) {
    const digits = new RegExp(`^[0-9a-fA-F]{1,${hex}}`).exec(s.slice(i + 1))?.[0];
    if (digits === undefined) {
      warn(c === 'x' ? 'missing hex digit for \\x' : `missing unicode digit for \\${c}`);
      return { text: '\\', length: 0 };
    }
    const code = parseInt(digits, 16);
    return { text: c === 'x' ? String.fromCharCode(code) : code <= 0x10ffff ? String.fromCodePoint(code) : '', length: 1 + digits.length };
  }
  if (c === 'c' && inArgument) return { text: '', length: 1, stop: true };
  return { text: '\\', length: 0 };
}

/** A %b argument with its escapes expanded, and whether it held `\c`. */
function expandArgument(s: string, warn: (m: string) => void): { text: string; stop: boolean } {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      text += s[i];
      continue;
    }
    const e = escape(s, i + 1, true, warn);
    if (e.stop) return { text, stop: true };
    text += e.text;
    i += e.length;
  }
  return { text, stop: false };
}

/**
 * strtoimax(s, &end, 0) as getintmax() uses it: blanks, a sign, then hex after 0x, octal after 0,
 * else decimal; a leading quote gives the next character's code. `complete` is false when text is
 * left over (the value is then what was read before it).
 */
function parseInteger(s: string): { value: bigint; complete: boolean } {
  if (s.startsWith("'") || s.startsWith('"')) return { value: BigInt(s.codePointAt(1) ?? 0), complete: true };
  const lead = /^[ \t\n\v\f\r]*([+-]?)/.exec(s)!;
  let i = lead[0].length;
  let digitsOf = /^[0-9]+/;
  let prefix = '';
  if (/^0[xX][0-9a-fA-F]/.test(s.slice(i))) {
    [digitsOf, prefix] = [/^[0-9a-fA-F]+/, '0x'];
    i += 2;
  } else if (s[i] === '0') [digitsOf, prefix] = [/^[0-7]+/, '0o'];
  const digits = digitsOf.exec(s.slice(i))?.[0];
  // No digits: strtoimax leaves its end pointer at the start.
  if (digits === undefined) return { value: 0n, complete: s === '' };
  const magnitude = BigInt(prefix + digits);
  return { value: lead[1] === '-' ? -magnitude : magnitude, complete: i + digits.length === s.length };
}

/** A conversion's flags, width and precision. */
interface Spec {
  readonly flags: string;
  readonly width: number;
  readonly precision: number | undefined;
}

/** Pads to the width, on the right with `-`, else on the left (with zeros after the sign and prefix when `zeros`). */
function pad(spec: Spec, prefix: string, body: string, zeros: boolean): string {
  const short = spec.width - prefix.length - body.length;
  if (short <= 0) return prefix + body;
  if (spec.flags.includes('-')) return prefix + body + ' '.repeat(short);
  return zeros ? prefix + '0'.repeat(short) + body : ' '.repeat(short) + prefix + body;
}

/** An integer conversion as glibc's printf writes it. */
function formatInteger(spec: Spec, conversion: string, value: bigint): string {
  const signed = conversion === 'd' || conversion === 'i';
  const v = signed ? value : BigInt.asUintN(64, value);
  const radix = conversion === 'o' ? 8 : conversion === 'x' || conversion === 'X' ? 16 : 10;
  let digits = (v < 0n ? -v : v).toString(radix);
  if (conversion === 'X') digits = digits.toUpperCase();
  if (spec.precision !== undefined) digits = spec.precision === 0 && v === 0n ? '' : digits.padStart(spec.precision, '0');
  let prefix = v < 0n ? '-' : signed && spec.flags.includes('+') ? '+' : signed && spec.flags.includes(' ') ? ' ' : '';
  if (spec.flags.includes('#')) {
    if (conversion === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
    else if ((conversion === 'x' || conversion === 'X') && v !== 0n) prefix += conversion === 'X' ? '0X' : '0x';
  }
  // A precision turns the 0 flag off for integers.
  return pad(spec, prefix, digits, spec.flags.includes('0') && spec.precision === undefined);
}

/** Runs the format over the arguments; throws PrintfStop after an error that ends printf. */
class Formatter {
  private next = 0;
  status = 0;
  /** What printf wrote, stdout and stderr in order. */
  readonly out = new Output();
  /** Characters written to stdout so far. */
  written = 0;

  constructor(private readonly args: readonly string[]) {}

  get remaining(): number {
    return this.args.length - this.next;
  }

  private write(text: string): void {
    this.out.out(text);
    this.written += text.length;
  }

  private warn = (message: string): void => {
    this.out.err(`bash: printf: ${message}\n`);
  };

  private argument(): string | undefined {
    return this.next < this.args.length ? this.args[this.next++] : undefined;
  }

  /**
   * getintmax() (getuintmax() for the unsigned conversions): the next argument as an integer, 0
   * when missing. Out of range, strtoimax clamps and bash only warns.
   */
  private integerArgument(unsigned = false): bigint {
    const a = this.argument();
    if (a === undefined) return 0n;
    const { value, complete } = parseInteger(a);
    if (!complete) {
      this.warn(`${a}: invalid number`);
      this.status = 1;
    }
    const [min, max] = unsigned ? [-UINTMAX_MAX, UINTMAX_MAX] : [INTMAX_MIN, INTMAX_MAX];
    if (value >= min && value <= max) return value;
    this.warn(`warning: ${a}: Numerical result out of range`);
    return unsigned || value > 0n ? max : min;
  }

  /** One pass over the format; returns how many arguments it consumed. */
  pass(format: string): number {
    const before = this.next;
    for (let i = 0; i < format.length; i++) {
      const c = format[i]!;
      if (c === '\\') {
        const e = escape(format, i + 1, false, this.warn);
        this.write(e.text);
        i += e.length;
        continue;
      }
      if (c !== '%') {
        this.write(c);
        continue;
      }
      if (format[i + 1] === '%') {
        this.write('%');
        i++;
        continue;
      }
      i = this.conversion(format, i);
    }
    return this.next - before;
  }

  /** The conversion starting at `format[start]` (a `%`); returns the index of its last character. */
  private conversion(format: string, start: number): number {
    let i = start + 1;
    const flags = /^[#'\-+ 0]*/.exec(format.slice(i))![0];
    i += flags.length;
    let width: number;
    if (format[i] === '*') {
      width = Number(this.integerArgument());
      i++;
    } else {
      const w = /^\d*/.exec(format.slice(i))![0];
      width = w === '' ? 0 : Number(w);
      i += w.length;
    }
    let precision: number | undefined;
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        const p = Number(this.integerArgument());
        precision = p < 0 ? undefined : p;
        i++;
      } else {
        const p = /^\d*/.exec(format.slice(i))![0];
        precision = p === '' ? 0 : Number(p);
        i += p.length;
      }
    }
    i += /^[hjlLtz]*/.exec(format.slice(i))![0].length;
    const conversion = format[i];
    if (conversion === undefined) {
      this.warn(`\`${format.slice(start)}': missing format character`);
      this.status = 1;
      throw new PrintfStop();
    }
    // A negative width from an argument means the - flag.
    const spec: Spec = { flags: width < 0 ? `${flags}-` : flags, width: Math.abs(width), precision };
    if (UNSIMULATED.includes(conversion)) {
      this.out.err(`lab: printf: %${conversion} is not simulated; the lab's printf has %s %b %c %d %i %o %u %x %X\n`);
      this.status = 1;
      throw new PrintfStop();
    }
    switch (conversion) {
      case 's':
      case 'b': {
        let s = this.argument() ?? '';
        let stop = false;
        if (conversion === 'b') ({ text: s, stop } = expandArgument(s, this.warn));
        if (precision !== undefined) s = s.slice(0, precision);
        this.write(pad(spec, '', s, false));
        // \c in a %b argument ends printf altogether.
        if (stop) throw new PrintfStop();
        break;
      }
      case 'c':
        // bash prints a NUL byte for a missing argument; a terminal shows nothing.
        this.write(pad(spec, '', [...(this.argument() ?? '')][0] ?? '', false));
        break;
      case 'd':
      case 'i':
      case 'o':
      case 'u':
      case 'x':
      case 'X':
        this.write(formatInteger(spec, conversion, this.integerArgument(!'di'.includes(conversion))));
        break;
      default:
        this.warn(`\`${conversion}': invalid format character`);
        this.status = 1;
        throw new PrintfStop();
    }
    return i;
  }
}

/** A shell variable's name (bash's legal_identifier). */

export const printf: Command = (io) => {
  const args = io.argv.slice(1);
  let variable: string | undefined;
  // internal_getopt(list, "v:"): options end at `--` or at the first word not starting with -.
  while (args.length > 0 && args[0]!.startsWith('-') && args[0] !== '-') {
    const a = args.shift()!;
    if (a === '--') break;
    if (a.startsWith('-v')) {
      const name = a === '-v' ? args.shift() : a.slice(2);
      if (name === undefined) return done(new Output().err(`bash: printf: -v: option requires an argument\n${USAGE}`), 2);
      if (!isName(name)) return done(new Output().err(`bash: printf: \`${name}': not a valid identifier\n`), 2);
      variable = name;
      continue;
    }
    return done(new Output().err(`bash: printf: ${a.slice(0, 2)}: invalid option\n${USAGE}`), 2);
  }
  const format = args.shift();
  if (format === undefined) return done(new Output().err(USAGE), 2);
  const f = new Formatter(args);
  try {
    // The format is reused while arguments remain, and only if the last pass consumed some.
    while (f.pass(format) > 0 && f.remaining > 0 && f.written <= MAX_OUTPUT);
  } catch (e) {
    if (!(e instanceof PrintfStop)) throw e;
  }
  if (variable === undefined) return done(f.out, f.status);
  io.state.variables.set(variable, f.out.stdout);
  return done(new Output().append(f.out.chunks.filter((c) => c.stream === 'stderr')), f.status);
};

/** The most text one printf writes here (a format reused over many arguments). */
const MAX_OUTPUT = 1_000_000;
