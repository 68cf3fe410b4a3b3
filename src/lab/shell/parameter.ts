import { ArithError, arithVariables, evaluateArith } from './arith.ts';
import type { Expander, Piece } from './expand.ts';
import { ExpansionError } from './expansion-error.ts';
import { globPattern } from './pattern.ts';
import { isName, type ParamOp, type Word, type WordPart } from './syntax/word.ts';

/**
 * `${NAME OP …}` as bash 4.2 expands it (subst.c: parameter_brace_expand and its helpers). The
 * operand words expand only when used (`${X:-$(cmd)}` runs cmd only when X is unset or null).
 */

/** How the operand words expand, from the word expander. */
export interface OperandExpansion {
  /** A default or alternate word's pieces (their own quoting decides their splitting). */
  pieces(word: Word): Piece[];
  /** A word as one string (assignments, messages, replacements, arithmetic). */
  value(word: Word): string;
  /** A pattern's pieces, quoted ones literal. */
  pattern(word: Word): { readonly text: string; readonly quoted: boolean }[];
}

type ParamOpPart = Extract<WordPart, { kind: 'param-op' }>;

export function expandParameterOp(part: ParamOpPart, x: Expander, expand: OperandExpansion): Piece[] {
  const { name, op, quoted } = part;
  const text = (value: string): Piece[] => [{ text: value, quoted, split: !quoted }];
  const positional = name === '@' || name === '*';
  const value = positional ? (x.positional().length > 0 ? x.positional().join(' ') : undefined) : x.variable(name);
  switch (op.kind) {
    case 'length':
      return text(String(positional ? x.positional().length : [...(value ?? '')].length));
    case 'indirect': {
      if (value === undefined || value === '') return text('');
      if (!/^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)$/.test(value)) throw new ExpansionError(`${value}: invalid variable name`);
      return text(x.variable(value) ?? '');
    }
    case 'use':
      return whenUnset(part, op, value, x, expand);
    case 'trim':
      return text(value === undefined ? '' : trim(value, globPattern(expand.pattern(op.pattern)), op.end, op.longest));
    case 'replace':
      return text(value === undefined ? '' : replace(value, expand.pattern(op.pattern), expand.value(op.replacement), op.where));
    case 'substring': {
      if (!positional) return text(substring(value ?? '', op, x, expand));
      // ${@:OFFSET:LENGTH} takes parameters, not characters: $0 is number 0 (bash's array slice).
      const list = [x.variable('0') ?? '', ...x.positional()];
      const picked = slice(list, op, x, expand, false);
      if (name === '@' && quoted) return picked.map((t, k) => ({ text: t, quoted: true, split: false, fieldBefore: k > 0 }));
      return text(picked.join(' '));
    }
    case 'case': {
      const pieces = expand.pattern(op.pattern);
      const matches = pieces.every((p) => p.text === '') ? /^[\s\S]$/ : globPattern(pieces);
      const chars = [...(value ?? '')];
      return text(chars.map((c, i) => ((op.all || i === 0) && matches.test(c) ? (op.upper ? c.toUpperCase() : c.toLowerCase()) : c)).join(''));
    }
  }
}

/** `-` default, `=` assign, `+` alternate, `?` error: when the parameter is unset (or, with `:`, null). */
function whenUnset(part: ParamOpPart, op: Extract<ParamOp, { kind: 'use' }>, value: string | undefined, x: Expander, expand: OperandExpansion): Piece[] {
  const { name, quoted } = part;
  const missing = value === undefined || (op.nullToo && value === '');
  const own = (v: string): Piece[] => [{ text: v, quoted, split: !quoted }];
  // Within double quotes the operand is quoted too; outside, its unquoted text is split like the rest.
  const operand = (): Piece[] => expand.pieces(op.word).map((p) => (quoted ? { ...p, quoted: true, split: false } : { ...p, split: !p.quoted }));
  switch (op.action) {
    case 'default':
      return missing ? operand() : own(value);
    case 'alternate':
      return missing ? [] : operand();
    case 'assign': {
      if (!missing) return own(value);
      if (!isName(name)) throw new ExpansionError(`$${name}: cannot assign in this way`);
      const assigned = expand.value(op.word);
      x.assign(name, assigned);
      return own(assigned);
    }
    case 'error': {
      if (!missing) return own(value);
      const message = expand.value(op.word);
      throw new ExpansionError(`${name}: ${message !== '' ? message : op.nullToo ? 'parameter null or not set' : 'parameter not set'}`, true);
    }
  }
}

/** `#`/`##` remove the shortest/longest matching prefix, `%`/`%%` the shortest/longest matching suffix. */
function trim(value: string, pattern: RegExp, end: 'prefix' | 'suffix', longest: boolean): string {
  const n = value.length;
  for (let k = 0; k <= n; k++) {
    // The length of the part removed, shortest first unless longest.
    const len = longest ? n - k : k;
    if (end === 'prefix' ? pattern.test(value.slice(0, len)) : pattern.test(value.slice(n - len))) {
      return end === 'prefix' ? value.slice(len) : value.slice(0, n - len);
    }
  }
  return value;
}

/** `/` the first longest match, `//` every one, `/#` one at the start, `/%` one at the end. An empty pattern replaces nothing except at an anchor. */
function replace(value: string, patternPieces: { readonly text: string; readonly quoted: boolean }[], replacement: string, where: 'first' | 'all' | 'prefix' | 'suffix'): string {
  const pattern = globPattern(patternPieces);
  const empty = patternPieces.every((p) => p.text === '');
  const n = value.length;
  if (where === 'prefix') {
    for (let end = n; end >= 0; end--) if (pattern.test(value.slice(0, end))) return replacement + value.slice(end);
    return value;
  }
  if (where === 'suffix') {
    for (let start = 0; start <= n; start++) if (pattern.test(value.slice(start))) return value.slice(0, start) + replacement;
    return value;
  }
  if (empty) return value;
  let out = '';
  let i = 0;
  while (i < n) {
    let end = -1;
    for (let e = n; e > i; e--) {
      if (pattern.test(value.slice(i, e))) {
        end = e;
        break;
      }
    }
    if (end < 0) {
      out += value[i];
      i++;
      continue;
    }
    out += replacement;
    i = end;
    if (where === 'first') return out + value.slice(i);
  }
  return out;
}

/** `:OFFSET[:LENGTH]`, both arithmetic; a negative offset counts from the end, a negative length too (bash 4.2). */
function substring(value: string, op: Extract<ParamOp, { kind: 'substring' }>, x: Expander, expand: OperandExpansion): string {
  return slice([...value], op, x, expand, true).join('');
}

/**
 * The items OFFSET..OFFSET+LENGTH (both arithmetic; a negative offset counts from the end). A
 * negative length counts from the end for strings (bash 4.2); for parameters it is an error.
 */
function slice(items: readonly string[], op: Extract<ParamOp, { kind: 'substring' }>, x: Expander, expand: OperandExpansion, negativeLength: boolean): string[] {
  const vars = arithVariables(x);
  const arith = (w: Word): { text: string; value: number } => {
    const source = expand.value(w);
    const r = evaluateArith(source, vars);
    if (r instanceof ArithError) throw new ExpansionError(r.text);
    return { text: source, value: Number(r) };
  };
  const n = items.length;
  let offset = arith(op.offset).value;
  if (offset < 0) offset += n;
  if (offset < 0 || offset > n) return [];
  let end = n;
  if (op.length !== undefined) {
    const length = arith(op.length);
    if (length.value < 0 && !negativeLength) throw new ExpansionError(`${length.text}: substring expression < 0`);
    end = length.value < 0 ? n + length.value : Math.min(n, offset + length.value);
    if (end < offset) throw new ExpansionError(`${length.text}: substring expression < 0`);
  }
  return items.slice(offset, end);
}
