import { ArithError, arithVariables, evaluateArith } from './arith.ts';
import { braceExpand } from './brace.ts';
import { ExpansionError } from './expansion-error.ts';
import { splitFields } from './ifs.ts';
import { expandParameterOp, listOf, listPieces } from './parameter.ts';
import type { Subscript, Word, WordPart } from './syntax/word.ts';

/**
 * bash's word expansion when a command runs: brace expansion (`web{1,2}`, `{1..5}`), parameter
 * expansion (`$?`, `$NAME`, `${NAME:-default}` and the other operators; an unset name is empty),
 * command substitution (the inner line's stdout without its trailing newlines), arithmetic
 * expansion (`$((i + 1))`), then word splitting of the unquoted results by IFS (see ifs.ts),
 * and removal of an unquoted word that expanded to nothing (`echo a $X b`
 * runs echo with two arguments). `"$@"` is one word per positional parameter. Pathname expansion
 * is not done: `*` stays as typed.
 */

/** What expansion needs from the shell. */
export interface Expander {
  /** `$?`. */
  readonly status: number;
  /** A shell variable or positional parameter, undefined when unset. */
  variable(name: string): string | undefined;
  /** `set -u`: expanding an unset variable is an error. */
  readonly nounset: boolean;
  /** IFS, which splits fields and joins `$*` (undefined when unset). */
  readonly ifs: string | undefined;
  /** The positional parameters (`$1`…). */
  positional(): readonly string[];
  /** An array's values in index order (a string is an array of one, an unset name of none). */
  values(name: string): readonly string[];
  /** The indices of an array's elements, in order. */
  indices(name: string): readonly number[];
  /** The names of the set variables, sorted (`${!PREFIX*}`). */
  variableNames(): readonly string[];
  /** Sets BASH_REMATCH after `[[ … =~ … ]]` (a read-only array bash remakes each time). */
  rematch(values: readonly string[]): void;
  /** Sets a shell variable (`${X:=v}`, `$((X = 1))`). */
  assign(name: string, value: string): void;
  /** Runs a command substitution's line; its stdout with trailing newlines removed. */
  substitute(source: string): string;
}

/** A piece of a word after expansion: its text, whether it was quoted, whether a field ends before it ("$@"). */
export interface Piece {
  readonly text: string;
  readonly quoted: boolean;
  readonly split: boolean;
  readonly fieldBefore?: boolean;
  /** A field that has begun ends before this piece (the items of an unquoted `$@` or `${A[@]}`). */
  readonly breakBefore?: boolean;
}


/** The pieces one part of a word expands to. Throws ExpansionError. */
function partPieces(part: WordPart, x: Expander): Piece[] {
  const value = (text: string): Piece[] => [{ text, quoted: part.quoted, split: !part.quoted }];
  switch (part.kind) {
    case 'text':
      return [{ text: part.text, quoted: part.quoted, split: false }];
    case 'status':
      return value(String(x.status));
    case 'param': {
      const list = listOf(part, x);
      if (list) {
        // bash 4.2 counts an empty or unset array as unbound under set -u ("$@" is exempt).
        if (list.length === 0 && part.subscript) unbound(`${part.name}[${part.subscript.kind === 'all' && part.subscript.star ? '*' : '@'}]`, x);
        return listPieces(list, part.quoted, part.name === '@' || part.subscript?.kind === 'all' && !part.subscript.star, x.ifs);
      }
      const ref = part.subscript?.kind === 'index' ? `${part.name}[${expandValue(part.subscript.expression.parts, x)}]` : part.name;
      const v = x.variable(ref);
      if (v === undefined) unbound(ref, x);
      return value(v ?? '');
    }
    case 'array-literal':
      // Only an assignment takes a compound value; elsewhere bash does not accept it (see the parser).
      return [{ text: `(${part.items.map((w) => w.raw).join(' ')})`, quoted: false, split: false }];
    case 'command':
      return value(x.substitute(part.source));
    case 'arith': {
      const result = evaluateArith(expandValue(part.expression.parts, x), arithVariables(x));
      if (result instanceof ArithError) throw new ExpansionError(result.text);
      return value(result.toString());
    }
    case 'param-op':
      return expandParameterOp(part, x, {
        pieces: (w) => w.parts.flatMap((p) => partPieces(p, x)),
        value: (w) => expandValue(w.parts, x),
        pattern: (w) => expandParts(w.parts, x),
      });
    case 'bad-substitution':
      throw new ExpansionError(`${part.raw}: bad substitution`);
  }
}


/** Whether a part is `"$@"` or `"${NAME[@]}"`, which with no items make no word. */
const fieldList = (p: WordPart): boolean =>
  (p.kind === 'param' && p.quoted && ((p.name === '@' && p.subscript === undefined) || (p.subscript?.kind === 'all' && !p.subscript.star)));

/** `set -u`: an unset variable ends the command (and a script) with bash's message. */
export function unbound(name: string, x: Expander): void {
  // param_expand names a positional parameter with its `$` (`$1: unbound variable`).
  if (x.nounset) throw new ExpansionError(`${/^\d+$/.test(name) ? '$' : ''}${name}: unbound variable`, true);
}

/** The fields a word expands to (none, one or, after splitting, several). */
export function expandWord(word: Word, x: Expander): string[] {
  // "$@" without positional parameters (or "${A[@]}" of an empty array) is no word at all.
  if (word.parts.some(fieldList) && word.parts.every((p) => (p.kind === 'text' && p.text === '') || (fieldList(p) && listOf(p as { name: string; subscript?: Subscript }, x)!.length === 0))) return [];
  const fields: string[] = [];
  let field = '';
  // A field exists once it has text or a quoted piece (`""` is an empty argument).
  let present = false;
  const end = (): void => {
    if (present) fields.push(field);
    field = '';
    present = false;
  };
  for (const part of word.parts) {
    for (const piece of partPieces(part, x)) {
      if (piece.fieldBefore) {
        present = true;
        end();
      }
      if (piece.breakBefore) end();
      if (!piece.split) {
        field += piece.text;
        present ||= piece.quoted || field !== '';
        continue;
      }
      if (piece.text === '') continue;
      const split = splitFields(piece.text, x.ifs);
      if (split.delimitedBefore) {
        present ||= split.hardBefore;
        end();
      }
      split.fields.forEach((p, k) => {
        field += p;
        present = true;
        if (k < split.fields.length - 1) end();
      });
      if (split.delimitedAfter) end();
    }
  }
  end();
  return fields;
}

/** The fields of several words, in order: each word brace-expanded first, then expanded. */
export function expandWords(words: readonly Word[], x: Expander): string[] {
  return words.flatMap((w) => braceExpand(w).flatMap((b) => expandWord(b, x)));
}

/** Each piece's text, and whether it was quoted (a pattern takes quoted text literally). */
export function expandParts(parts: readonly WordPart[], x: Expander): { readonly text: string; readonly quoted: boolean }[] {
  // Where no words are split (an assignment, case, [[ ]], <<<), the items of an unquoted $* or $@
  // are joined by IFS's first character, or a space (string_list_dollar_at).
  const ifs = x.ifs;
  const between = ifs === undefined || ifs === '' ? ' ' : ifs[0]!;
  return parts.flatMap((p) => partPieces(p, x)).map((p) => ({ text: p.fieldBefore ? ` ${p.text}` : p.breakBefore ? `${between}${p.text}` : p.text, quoted: p.quoted }));
}

/** An assignment's value: expanded without splitting (`X=$(echo a  b)` keeps both spaces). */
export function expandValue(parts: readonly WordPart[], x: Expander): string {
  return expandParts(parts, x).map((p) => p.text).join('');
}
