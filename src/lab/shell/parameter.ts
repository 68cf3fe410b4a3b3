import { ArithError, arithVariables, evaluateArith } from './arith.ts';
import { unbound, type Expander, type Piece } from './expand.ts';
import { joiner } from './ifs.ts';
import { ExpansionError } from './expansion-error.ts';
import { globPattern } from './pattern.ts';
import { arrayReference } from './variables.ts';
import { isName, type ParamOp, type Subscript, type Word, type WordPart } from './syntax/word.ts';

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

/**
 * The list a parameter stands for: the positional parameters for `$@` and `$*`, an array's values
 * for `${NAME[@]}` and `${NAME[*]}`; undefined for a single value.
 */
export function listOf(part: { readonly name: string; readonly subscript?: Subscript }, x: Expander): readonly string[] | undefined {
  if (part.subscript?.kind === 'all') return x.values(part.name);
  if (part.subscript === undefined && (part.name === '@' || part.name === '*')) return x.positional();
  return undefined;
}

/**
 * A list's pieces: within double quotes `$@` and `${NAME[@]}` give one field per item (`fields`),
 * `$*` and `${NAME[*]}` one field of the items joined by IFS's first character; unquoted,
 * each item is split on its own like any unquoted value.
 */
export function listPieces(list: readonly string[], quoted: boolean, fields: boolean, ifs: string | undefined): Piece[] {
  if (quoted && fields) return list.map((text, k) => ({ text, quoted: true, split: false, fieldBefore: k > 0 }));
  // Unquoted, each item is split on its own (an empty IFS keeps them apart all the same).
  if (!quoted) return list.map((text, k) => ({ text, quoted: false, split: true, breakBefore: k > 0 }));
  return [{ text: list.join(joiner(ifs)), quoted, split: false }];
}

/** What indirection may name: a variable, a positional parameter, or an array element (valid_array_reference). */
const isReference = (text: string): boolean => isName(text) || /^\d+$/.test(text) || arrayReference(text) !== undefined;

type ParamOpPart = Extract<WordPart, { kind: 'param-op' }>;

export function expandParameterOp(part: ParamOpPart, x: Expander, expand: OperandExpansion): Piece[] {
  if (part.indirect) {
    // ${!NAME OP …}: NAME holds the name the operator works on (a variable or an element).
    const target = x.variable(part.name) ?? '';
    if (!isReference(target)) throw new ExpansionError(`${target}: invalid variable name`);
    const ref = arrayReference(target);
    const sub = ref?.subscript;
    const subscript: Subscript | undefined = sub === undefined ? undefined : sub === '@' || sub === '*' ? { kind: 'all', star: sub === '*' } : { kind: 'index', expression: { parts: [{ kind: 'text', text: sub, quoted: true }], raw: sub } };
    return expandParameterOp({ ...part, indirect: false, name: ref ? ref.name : target, ...(subscript ? { subscript } : {}) }, x, expand);
  }
  const { name, op, quoted, subscript } = part;
  const text = (value: string): Piece[] => [{ text: value, quoted, split: !quoted }];
  const list = listOf(part, x);
  // `$@` and `${NAME[@]}` within double quotes keep one field per item; `*` joins them.
  const fields = name === '@' || (subscript?.kind === 'all' && !subscript.star);
  const items = (values: readonly string[]): Piece[] => listPieces(values, quoted, fields, x.ifs);
  const reference = subscript?.kind === 'index' ? `${name}[${expand.value(subscript.expression)}]` : name;
  const value = list ? (list.length > 0 ? list.join(joiner(x.ifs)) : undefined) : x.variable(reference);
  // Under set -u only the operators that test for unset (`-`, `=`, `+`, `?`) take an unset parameter.
  if (value === undefined && op.kind !== 'use' && op.kind !== 'keys' && !(list && subscript === undefined)) unbound(subscript?.kind === 'all' ? `${name}[@]` : reference, x);
  switch (op.kind) {
    case 'length':
      return text(String(list ? list.length : [...(value ?? '')].length));
    case 'keys':
      return items(x.indices(name).map(String));
    case 'names': {
      const matching = x.variableNames().filter((n) => n.startsWith(name));
      return listPieces(matching, quoted, !op.star, x.ifs);
    }
    case 'indirect': {
      if (value === undefined || value === '') return text('');
      // The value names a variable, a positional parameter or an array element (`c=a[1]; ${!c}`).
      if (!isReference(value)) throw new ExpansionError(`${value}: invalid variable name`);
      return text(x.variable(value) ?? '');
    }
    case 'use':
      return whenUnset(part, op, value, x, expand, list ? () => items(list) : undefined);
    case 'trim': {
      // On a list each item is trimmed (bash's parameter_list_remove_pattern, array_remove_pattern).
      const pattern = globPattern(expand.pattern(op.pattern));
      const one = (v: string): string => trim(v, pattern, op.end, op.longest);
      return list ? items(list.map(one)) : text(value === undefined ? '' : one(value));
    }
    case 'replace': {
      const pattern = expand.pattern(op.pattern);
      const replacement = expand.value(op.replacement);
      const one = (v: string): string => replace(v, pattern, replacement, op.where);
      return list ? items(list.map(one)) : text(value === undefined ? '' : one(value));
    }
    case 'substring': {
      if (!list) return text(substring(value ?? '', op, x, expand));
      // ${@:OFFSET:LENGTH} takes parameters, not characters: $0 is number 0 (bash's array slice).
      if (subscript === undefined) return items(slice([x.variable('0') ?? '', ...list], op, x, expand, false));
      // ${NAME[@]:OFFSET:LENGTH} starts at the first index ≥ OFFSET (array_subrange).
      return items(arraySlice(x.indices(name), list, op, x, expand));
    }
    case 'case': {
      const pieces = expand.pattern(op.pattern);
      const matches = pieces.every((p) => p.text === '') ? /^[\s\S]$/ : globPattern(pieces);
      const one = (v: string): string => [...v].map((c, i) => ((op.all || i === 0) && matches.test(c) ? (op.upper ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
      return list ? items(list.map(one)) : text(one(value ?? ''));
    }
  }
}

/** `-` default, `=` assign, `+` alternate, `?` error: when the parameter is unset (or, with `:`, null). */
function whenUnset(
  part: ParamOpPart, op: Extract<ParamOp, { kind: 'use' }>, value: string | undefined, x: Expander, expand: OperandExpansion,
  listed: (() => Piece[]) | undefined,
): Piece[] {
  const { name, quoted } = part;
  const missing = value === undefined || (op.nullToo && value === '');
  const own = (v: string): Piece[] => (listed ? listed() : [{ text: v, quoted, split: !quoted }]);
  // Within double quotes the operand is quoted too; outside, its unquoted text is split like the rest.
  const operand = (): Piece[] => expand.pieces(op.word).map((p) => (quoted ? { ...p, quoted: true, split: false } : { ...p, split: !p.quoted }));
  switch (op.action) {
    case 'default':
      return missing ? operand() : own(value);
    case 'alternate':
      return missing ? [] : operand();
    case 'assign': {
      if (!missing) return own(value);
      if (!isName(name) || part.subscript?.kind === 'all') throw new ExpansionError(`$${name}: cannot assign in this way`);
      const assigned = expand.value(op.word);
      x.assign(part.subscript?.kind === 'index' ? `${name}[${expand.value(part.subscript.expression)}]` : name, assigned);
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
 * array_subrange: the values of the elements from the first index ≥ OFFSET (a negative OFFSET
 * counts back from one past the largest index), LENGTH of them; a negative LENGTH is an error.
 */
function arraySlice(indices: readonly number[], values: readonly string[], op: Extract<ParamOp, { kind: 'substring' }>, x: Expander, expand: OperandExpansion): string[] {
  const offsetText = expand.value(op.offset);
  const offsetValue = evaluate(offsetText, x);
  const top = indices.length > 0 ? indices[indices.length - 1]! + 1 : 0;
  const offset = offsetValue < 0 ? top + offsetValue : offsetValue;
  if (offset < 0) return [];
  const from = indices.findIndex((i) => i >= offset);
  if (from < 0) return [];
  if (op.length === undefined) return values.slice(from);
  const lengthText = expand.value(op.length);
  const length = evaluate(lengthText, x);
  if (length < 0) throw new ExpansionError(`${lengthText}: substring expression < 0`);
  return values.slice(from, from + length);
}

/** An offset or length: an arithmetic expression. */
function evaluate(source: string, x: Expander): number {
  const r = evaluateArith(source, arithVariables(x));
  if (r instanceof ArithError) throw new ExpansionError(r.text);
  return Number(r);
}

/**
 * The items OFFSET..OFFSET+LENGTH (both arithmetic; a negative offset counts from the end). A
 * negative length counts from the end for strings (bash 4.2); for parameters it is an error.
 */
function slice(items: readonly string[], op: Extract<ParamOp, { kind: 'substring' }>, x: Expander, expand: OperandExpansion, negativeLength: boolean): string[] {
  const arith = (w: Word): { text: string; value: number } => {
    const source = expand.value(w);
    return { text: source, value: evaluate(source, x) };
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
