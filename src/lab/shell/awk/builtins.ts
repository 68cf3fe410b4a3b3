import { isLValue, type Expr, type SourceLine } from './ast.ts';
import type { ExpressionEvaluator } from './evaluate.ts';
import { AwkFatal } from './fatal.ts';
import { fieldSplitter, splitFields } from './records.ts';
import { inputValue, toNumber, UNINIT, type AwkValue } from './values.ts';

/**
 * awk's built-in functions (POSIX's, with gawk's length(array) and match()'s third argument).
 * system() and gawk's extensions are refused by the parser; close() writes an output file out.
 */

/** How many arguments each function takes: [fewest, most]. */
const ARITY: Record<string, readonly [number, number]> = {
  length: [0, 1], substr: [2, 3], index: [2, 2], split: [2, 3], sub: [2, 3], gsub: [2, 3], match: [2, 3],
  sprintf: [1, Infinity], tolower: [1, 1], toupper: [1, 1], int: [1, 1], sqrt: [1, 1], exp: [1, 1], log: [1, 1],
  sin: [1, 1], cos: [1, 1], atan2: [2, 2], rand: [0, 0], srand: [0, 1], close: [1, 2], fflush: [0, 1],
};

/** The array a function argument names (split's and match()'s targets). */
function arrayArgument(awk: ExpressionEvaluator, e: Expr | undefined, name: string, at: SourceLine): Map<string, AwkValue> {
  if (e?.kind !== 'var') throw new AwkFatal(`${name}: second argument is not an array`, at);
  return awk.arrayOf(e.ref, at);
}

/**
 * sub/gsub's replacement for one match: `&` is the matched text, `\&` a literal `&`, `\\` a
 * backslash (POSIX 2008's rules, which gawk 4 follows); any other backslash stays.
 */
function expandReplacement(replacement: string, matched: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\' && (replacement[i + 1] === '&' || replacement[i + 1] === '\\')) out += replacement[++i];
    else out += c === '&' ? matched : c;
  }
  return out;
}

/** sub (global false) or gsub: the new text and how many matches were replaced. */
function substitute(re: RegExp, replacement: string, text: string, global: boolean): { text: string; count: number } {
  let out = '';
  let pos = 0;
  let count = 0;
  let lastEnd = -1;
  while (pos <= text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    if (start === end && start === lastEnd) {
      // An empty match right after the previous match is not a new one.
      if (start >= text.length) break;
      out += text[start];
      pos = start + 1;
      continue;
    }
    out += text.slice(pos, start) + expandReplacement(replacement, m[0]);
    count++;
    lastEnd = end;
    if (start === end) {
      if (start < text.length) out += text[start];
      pos = start + 1;
    } else pos = end;
    if (!global) break;
  }
  return { text: out + text.slice(pos), count };
}

/** substr(s, m[, n]) with POSIX's rounding: the characters from position m up to m+n-1 that exist. */
function substr(s: string, m: number, n: number | undefined): string {
  if (Number.isNaN(m) || (n !== undefined && Number.isNaN(n))) return '';
  let start = Math.round(m);
  let length = n === undefined ? Infinity : Math.round(n);
  if (start < 1) {
    length += start - 1;
    start = 1;
  }
  if (length <= 0) return '';
  return length === Infinity ? s.slice(start - 1) : s.slice(start - 1, start - 1 + length);
}

/** Calls a built-in function. */
export function callBuiltin(awk: ExpressionEvaluator, name: string, args: readonly Expr[], at: SourceLine): AwkValue {
  const [fewest, most] = ARITY[name] ?? [0, 0];
  if (args.length < fewest || args.length > most) throw new AwkFatal(`${args.length} is invalid as number of arguments for ${name}`, at);
  const text = (i: number): string => awk.str(awk.eval(args[i]!));
  const num = (i: number): number => toNumber(awk.eval(args[i]!));
  switch (name) {
    case 'length': {
      const a = args[0];
      if (a === undefined) return awk.currentRecord().length;
      if (a.kind === 'var' && awk.isArray(a.ref)) return awk.arrayOf(a.ref, at).size;
      return text(0).length;
    }
    case 'substr': return substr(text(0), num(1), args.length > 2 ? num(2) : undefined);
    case 'index': {
      const s = text(0);
      return s.indexOf(text(1)) + 1;
    }
    case 'split': {
      const s = text(0);
      const array = arrayArgument(awk, args[1], 'split', at);
      const separator = args[2];
      let splitter;
      if (separator?.kind === 'regex') splitter = { kind: 'regex' as const, re: awk.regex(separator, at) };
      else {
        const fs = separator ? awk.str(awk.eval(separator)) : awk.getString('FS');
        splitter = fieldSplitter(fs);
        if (typeof splitter === 'string') throw new AwkFatal(`${splitter}: /${fs}/`, at);
      }
      const parts = splitFields(s, splitter);
      array.clear();
      parts.forEach((p, i) => array.set(String(i + 1), inputValue(p)));
      return parts.length;
    }
    case 'sub': case 'gsub': {
      const re = awk.regex(args[0]!, at);
      const replacement = text(1);
      const target = args[2];
      const place = isLValue(target) ? awk.lvalue(target) : target === undefined ? awk.lvalue({ kind: 'field', index: { kind: 'number', value: 0 }, at }) : undefined;
      const before = place ? awk.str(place.get()) : awk.str(awk.eval(target!));
      const result = substitute(re, replacement, before, name === 'gsub');
      if (result.count > 0 && place) place.set(awk.limit(result.text));
      return result.count;
    }
    case 'match': {
      const s = text(0);
      const re = awk.regex(args[1]!, at);
      const m = re.exec(s);
      awk.setGlobal('RSTART', m ? m.index + 1 : 0);
      awk.setGlobal('RLENGTH', m ? m[0].length : -1);
      if (args.length > 2) {
        const array = arrayArgument(awk, args[2], 'match', at);
        array.clear();
        const subsep = awk.getString('SUBSEP');
        let offset = m?.index ?? 0;
        m?.forEach((group, i) => {
          if (group === undefined) return;
          const start = i === 0 ? m.index : s.indexOf(group, offset);
          if (i > 0) offset = start;
          array.set(String(i), inputValue(group));
          array.set(`${i}${subsep}start`, start + 1);
          array.set(`${i}${subsep}length`, group.length);
        });
      }
      return m ? m.index + 1 : 0;
    }
    case 'sprintf': return awk.sprintf(text(0), args.slice(1).map((a) => awk.eval(a)), at);
    case 'tolower': return text(0).toLowerCase();
    case 'toupper': return text(0).toUpperCase();
    case 'int': return Math.trunc(num(0));
    case 'sqrt': {
      const x = num(0);
      if (x < 0) awk.warn(at, `sqrt: called with negative argument ${awk.str(x)}`);
      return Math.sqrt(x);
    }
    case 'exp': return Math.exp(num(0));
    case 'log': {
      const x = num(0);
      if (x < 0) awk.warn(at, `log: received negative argument ${awk.str(x)}`);
      return Math.log(x);
    }
    case 'sin': return Math.sin(num(0));
    case 'cos': return Math.cos(num(0));
    case 'atan2': return Math.atan2(num(0), num(1));
    case 'rand': return awk.random.fraction();
    case 'srand': {
      const previous = awk.seed;
      // Without an argument gawk seeds from the time of day; the lab's clock is not the wall
      // clock, so it seeds with 0 to keep runs repeatable.
      awk.seed = args.length > 0 ? Math.trunc(num(0)) : 0;
      awk.random.seed(awk.seed);
      return previous;
    }
    case 'close': return awk.close(text(0));
    case 'fflush': return 0;
    default: return UNINIT;
  }
}
