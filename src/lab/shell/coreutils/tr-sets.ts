/**
 * tr's SET operands as coreutils 8.22's tr.c reads them (unquote, then build_spec_list), over
 * bytes: escapes (\\ \a \b \f \n \r \t \v \NNN), ranges `a-z`, classes `[:upper:]`, equivalence
 * classes `[=c=]` (one byte: itself), repeats `[c*n]` (n octal with a leading 0) and `[c*]`.
 * Classes are the C library's ctype in en_US.UTF-8 applied to single bytes: ASCII only.
 */

/** One element of a set: its bytes, which class it came from, or an indefinite repeat `[c*]`. */
export interface SetElement {
  readonly bytes: readonly number[];
  readonly charClass?: string;
  readonly equivalence?: boolean;
  /** `[c*]` or `[c*0]`: repeated to fill SET2 up to SET1's length. */
  readonly fill?: boolean;
}

/** A parsed SET, and the warnings unquote printed. */
export interface ParsedSet {
  readonly elements: readonly SetElement[];
  readonly warnings: string;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const ASCII = range(0, 127);
const test = (re: RegExp) => ASCII.filter((b) => re.test(String.fromCharCode(b)));

/** is_char_class_member for each class, in byte order. */
const CHAR_CLASSES: Readonly<Record<string, readonly number[]>> = {
  alnum: test(/[0-9A-Za-z]/), alpha: test(/[A-Za-z]/), blank: [9, 32], cntrl: [...range(0, 31), 127], digit: range(48, 57),
  graph: range(33, 126), lower: range(97, 122), print: range(32, 126), punct: test(/[!-/:-@[-`{-~]/),
  space: [9, 10, 11, 12, 13, 32], upper: range(65, 90), xdigit: test(/[0-9A-Fa-f]/),
};

const ESCAPES: Readonly<Record<string, number>> = { '\\': 92, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
const isOctal = (b: number | undefined): boolean => b !== undefined && b >= 48 && b <= 55;
const printable = (bytes: readonly number[]): string => new TextDecoder().decode(new Uint8Array(bytes));

/** unquote: the operand's bytes with escapes resolved, each marked whether it was escaped. */
function unquote(text: string): { bytes: number[]; escaped: boolean[]; warnings: string } {
  const raw = new TextEncoder().encode(text);
  const bytes: number[] = [];
  const escaped: boolean[] = [];
  let warnings = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 92) {
      bytes.push(raw[i]!);
      escaped.push(false);
      continue;
    }
    const next = raw[i + 1];
    let c: number;
    if (next === undefined) {
      warnings += 'tr: warning: an unescaped backslash at end of string is not portable\n';
      c = 92;
    } else if (isOctal(next)) {
      c = next - 48;
      i++;
      if (isOctal(raw[i + 1])) {
        c = c * 8 + raw[++i]! - 48;
        if (isOctal(raw[i + 1])) {
          const wide = c * 8 + raw[i + 1]! - 48;
          if (wide <= 255) {
            c = wide;
            i++;
          } else {
            const d = String.fromCharCode(raw[i - 1]!, raw[i]!, raw[i + 1]!);
            warnings += `tr: warning: the ambiguous octal escape \\${d} is being interpreted as the 2-byte sequence \\0${d.slice(0, 2)}, ${d[2]}\n`;
          }
        }
      }
      bytes.push(c);
      escaped.push(true);
      continue;
    } else {
      c = ESCAPES[String.fromCharCode(next)] ?? next;
      i++;
    }
    bytes.push(c);
    escaped.push(true);
  }
  return { bytes, escaped, warnings };
}

/** A SET operand as elements, or tr's message for it. */
export function parseSet(text: string): ParsedSet | string {
  const { bytes: s, escaped, warnings } = unquote(text);
  const is = (i: number, b: number): boolean => s[i] === b && !escaped[i];
  const elements: SetElement[] = [];
  // find_bracketed_repeat: `[c*digits]` from `start` (the c); null when it is not one.
  const bracketedRepeat = (start: number): { element: SetElement; end: number } | string | null => {
    if (!is(start + 1, 42)) return null;
    for (let j = start + 2; j < s.length && !escaped[j]; j++) {
      if (s[j] !== 93) continue;
      const digits = printable(s.slice(start + 2, j));
      const count = digits === '' ? 0 : /^0[0-7]*$/.test(digits) ? parseInt(digits, 8) : /^[1-9]\d*$/.test(digits) ? Number(digits) : NaN;
      if (!Number.isSafeInteger(count)) return `tr: invalid repeat count ‘${digits}’ in [c*n] construct\n`;
      const element = count === 0 ? { bytes: [s[start]!], fill: true } : { bytes: Array<number>(count).fill(s[start]!) };
      return { element, end: j + 1 };
    }
    return null;
  };
  // star_digits_closebracket: `*digits]` at `i`, which makes `[:*3]` a repeat, not a class.
  const starDigitsBracket = (i: number): boolean => {
    if (!is(i, 42)) return false;
    for (let j = i + 1; j < s.length; j++) if (!(s[j]! >= 48 && s[j]! <= 57) || escaped[j]) return is(j, 93);
    return false;
  };
  let i = 0;
  while (i + 2 < s.length) {
    if (is(i, 91)) {
      const delim = s[i + 1]!;
      if ((delim === 58 || delim === 61) && !escaped[i + 1]) {
        let close = -1;
        for (let j = i + 2; j + 1 < s.length; j++) {
          if (is(j, delim) && is(j + 1, 93)) {
            close = j;
            break;
          }
        }
        if (close >= 0) {
          const name = s.slice(i + 2, close);
          if (name.length === 0) return delim === 58 ? "tr: missing character class name '[::]'\n" : "tr: missing equivalence class character '[==]'\n";
          const className = printable(name);
          const members = delim === 58 ? CHAR_CLASSES[className] : name.length === 1 ? name : undefined;
          if (members !== undefined) {
            elements.push(delim === 58 ? { bytes: members, charClass: className } : { bytes: members, equivalence: true });
            i = close + 2;
            continue;
          }
          if (!starDigitsBracket(i + 2)) {
            return delim === 58 ? `tr: invalid character class ‘${className}’\n` : `tr: ${className}: equivalence class operand must be a single character\n`;
          }
        }
      }
      const repeat = bracketedRepeat(i + 1);
      if (typeof repeat === 'string') return repeat;
      if (repeat) {
        elements.push(repeat.element);
        i = repeat.end;
        continue;
      }
    }
    if (is(i + 1, 45)) {
      if (s[i + 2]! < s[i]!) {
        return `tr: range-endpoints of '${printable([s[i]!])}-${printable([s[i + 2]!])}' are in reverse collating sequence order\n`;
      }
      elements.push({ bytes: range(s[i]!, s[i + 2]!) });
      i += 3;
    } else elements.push({ bytes: [s[i++]!] });
  }
  for (; i < s.length; i++) elements.push({ bytes: [s[i]!] });
  return { elements, warnings };
}

/** The bytes a set stands for, in order (indefinite repeats once). */
export const setBytes = (elements: readonly SetElement[]): number[] => elements.flatMap((e) => e.bytes);
