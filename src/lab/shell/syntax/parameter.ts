import { isName, subscriptEnd, type ParamOp, type Subscript, type Word, type WordPart } from './word.ts';

/**
 * The inside of `${…}` as bash's parameter_brace_expand reads it: a name (a variable, a positional
 * parameter, or `#`, `@`, `*`, `?`), `#NAME` for its length, `!NAME` for indirection, then at
 * most one operator and its words. What does not fit is a bad substitution, which bash reports
 * when the command runs, not when the line is read.
 */

/** Reads an operand's text as a word; a pattern's is not quoted by double quotes around the `${…}`. */
type OperandWord = (text: string, pattern?: boolean) => Word;

const NAME = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[#@*?$-])/;

/** The part for `${inner}` (`raw` is the whole `${…}`); `word` reads an operand's text as a word. */
export function braceParameter(inner: string, raw: string, quoted: boolean, word: OperandWord): WordPart {
  const bad: WordPart = { kind: 'bad-substitution', raw, quoted };
  const plain = (name: string): WordPart => (name === '?' ? { kind: 'status', quoted } : { kind: 'param', name, quoted });
  const withOp = (name: string, op: ParamOp, subscript?: Subscript): WordPart => ({ kind: 'param-op', name, op, raw, quoted, ...(subscript ? { subscript } : {}) });
  if (inner === '#') return plain('#');
  if (inner.startsWith('#')) {
    const ref = reference(inner.slice(1), word);
    if (ref && ref.rest === '') return withOp(ref.name, { kind: 'length' }, ref.subscript);
    const name = inner.slice(1);
    return NAME.exec(name)?.[0] === name ? withOp(name, { kind: 'length' }) : bad;
  }
  if (inner.startsWith('!')) {
    // ${!NAME[@]} and ${!NAME[*]}: the array's indices; ${!NAME}: indirection.
    const ref = reference(inner.slice(1), word);
    if (ref?.subscript?.kind === 'all' && ref.rest === '') return withOp(ref.name, { kind: 'keys' }, ref.subscript);
    // ${!PREFIX*} and ${!PREFIX@}: the names of the variables that begin with PREFIX.
    const names = /^([A-Za-z_][A-Za-z0-9_]*)([*@])$/.exec(inner.slice(1));
    if (names) return withOp(names[1]!, { kind: 'names', star: names[2] === '*' });
    if (isName(inner.slice(1))) return withOp(inner.slice(1), { kind: 'indirect' });
    // ${!NAME OP …}: the operator applies to the variable NAME names.
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner.slice(1))?.[0];
    const op = name === undefined ? undefined : operator(inner.slice(1 + name.length), word);
    return op ? { kind: 'param-op', name: name!, op, raw, quoted, indirect: true } : bad;
  }
  const ref = reference(inner, word);
  if (ref?.subscript) {
    if (ref.rest === '') return { kind: 'param', name: ref.name, quoted, subscript: ref.subscript };
    const op = operator(ref.rest, word);
    return op ? withOp(ref.name, op, ref.subscript) : bad;
  }
  const name = NAME.exec(inner)?.[0];
  if (name === undefined) return bad;
  const rest = inner.slice(name.length);
  if (rest === '') return plain(name);
  const op = operator(rest, word);
  return op ? withOp(name, op) : bad;
}

/** `NAME[SUBSCRIPT]` at the start of `text` (an empty subscript is none), and what follows it. */
function reference(text: string, word: OperandWord): { name: string; subscript?: Subscript; rest: string } | undefined {
  const m = /^[A-Za-z_][A-Za-z0-9_]*\[/.exec(text);
  if (!m) return undefined;
  const close = subscriptEnd(text, m[0].length - 1);
  const sub = text.slice(m[0].length, close);
  if (close < 0 || sub === '') return undefined;
  const subscript: Subscript = sub === '@' || sub === '*' ? { kind: 'all', star: sub === '*' } : { kind: 'index', expression: word(sub) };
  return { name: m[0].slice(0, -1), subscript, rest: text.slice(close + 1) };
}

function operator(rest: string, word: OperandWord): ParamOp | undefined {
  const use = /^(:?)([-=+?])/.exec(rest);
  if (use) {
    const action = ({ '-': 'default', '=': 'assign', '+': 'alternate', '?': 'error' } as const)[use[2] as '-' | '=' | '+' | '?'];
    return { kind: 'use', nullToo: use[1] === ':', action, word: word(rest.slice(use[0].length)) };
  }
  if (rest.startsWith(':')) {
    const colon = topLevelIndex(rest, ':', 1);
    const offset = rest.slice(1, colon < 0 ? undefined : colon);
    return { kind: 'substring', offset: word(offset), length: colon < 0 ? undefined : word(rest.slice(colon + 1)) };
  }
  const trim = /^(##?|%%?)/.exec(rest);
  if (trim) {
    return { kind: 'trim', end: trim[1]![0] === '#' ? 'prefix' : 'suffix', longest: trim[1]!.length === 2, pattern: word(rest.slice(trim[1]!.length), true) };
  }
  if (rest.startsWith('/')) {
    const where = rest[1] === '/' ? 'all' : rest[1] === '#' ? 'prefix' : rest[1] === '%' ? 'suffix' : 'first';
    const body = rest.slice(where === 'first' ? 1 : 2);
    const slash = topLevelIndex(body, '/', 0);
    return {
      kind: 'replace', where, pattern: word(slash < 0 ? body : body.slice(0, slash), true), replacement: word(slash < 0 ? '' : body.slice(slash + 1)),
    };
  }
  const cases = /^(\^\^?|,,?)/.exec(rest);
  if (cases) return { kind: 'case', upper: cases[1]![0] === '^', all: cases[1]!.length === 2, pattern: word(rest.slice(cases[1]!.length), true) };
  return undefined;
}

/** The first `ch` at or after `from` outside quotes, escapes and nested `${…}` / `$(…)`, or −1. */
function topLevelIndex(text: string, ch: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === '$' && (text[i + 1] === '{' || text[i + 1] === '(')) {
      depth++;
      i++;
    } else if ((c === '}' || c === ')') && depth > 0) depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}
