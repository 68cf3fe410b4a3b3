import { braceExpand } from './brace.ts';
import { expandValue, expandWord, expandWords, type Expander } from './expand.ts';
import { ExpansionError } from './expansion-error.ts';
import { shellQuote } from './quote.ts';
import { arraySubscript, type Where } from './session-frame.ts';
import { DECLARATION_BUILTINS } from './syntax/command-line.ts';
import { afterSubscript, assignmentOf, plainText, type Assignment, type Word, type WordPart } from './syntax/word.ts';

/**
 * Shell variable assignments as bash 4.2 performs them (variables.c do_assignment, arrayfunc.c):
 * `NAME=VALUE` and `NAME+=VALUE` (appending to the string, or to element 0 of an array),
 * `NAME[SUBSCRIPT]=VALUE`, and the compound `NAME=(…)` / `NAME+=(…)`. Values are expanded
 * without splitting; a compound assignment's words are expanded like a command's arguments
 * (split, brace-expanded), except `[SUBSCRIPT]=VALUE` items, whose value is not split.
 */

/** A compound assignment's elements: an explicit index or the next one, and the value. */
export type ArrayItems = readonly (readonly [number | undefined, string])[];

/**
 * Performs the assignment. Returns bash's message when it cannot (a read-only variable, a bad
 * subscript), else how `set -x` shows it (`X=v`, `A[$i]=v`, `A=(a "b c")` as typed).
 */
export function assign(at: Where, a: Assignment, x: Expander): { readonly error: string } | { readonly trace: string } {
  const vars = at.state.variables;
  const op = a.append ? '+=' : '=';
  const done = (error: string | undefined, trace: string): { error: string } | { trace: string } => (error !== undefined ? { error } : { trace });
  try {
    if (a.items) {
      const items = arrayItems(at, a.name, a.items, x);
      return done(vars.setArray(a.name, items, a.append), `${a.name}${op}(${a.items.map((w) => w.raw).join(' ')})`);
    }
    const value = expandValue(a.value, x);
    if (a.subscript) {
      const subscript = expandValue(a.subscript, x);
      if (subscript === '@' || subscript === '*') return { error: `${a.name}[${subscript}]: bad array subscript` };
      const index = arraySubscript(at, a.name, subscript, 'assign');
      return done(vars.setElement(a.name, index, a.append ? (vars.element(a.name, index) ?? '') + value : value), `${a.target}${op}${shellQuote(value)}`);
    }
    // xtrace_print_assignment shows an empty value bare (`E=`).
    return done(vars.set(a.name, a.append ? (vars.get(a.name) ?? '') + value : value), `${a.name}${op}${value === '' ? '' : shellQuote(value)}`);
  } catch (e) {
    if (e instanceof ExpansionError && !e.fatal) return { error: e.message };
    throw e;
  }
}

/** The elements of `(WORD…)` for NAME (assign_array_var_from_word_list / assign_compound_array_list). */
export function arrayItems(at: Where, name: string, words: readonly Word[], x: Expander): ArrayItems {
  const items: [number | undefined, string][] = [];
  for (const word of words) {
    const indexed = indexedItem(word);
    if (indexed) {
      const subscript = expandValue(indexed.subscript, x);
      if (subscript === '@' || subscript === '*') throw new ExpansionError(`${name}: [${subscript}]: bad array subscript`);
      items.push([arraySubscript(at, name, subscript, 'assign'), expandValue(indexed.value, x)]);
      continue;
    }
    for (const b of braceExpand(word)) for (const v of expandWord(b, x)) items.push([undefined, v]);
  }
  return items;
}

/** `[SUBSCRIPT]=VALUE` as an item of a compound assignment: the subscript's parts and the value's. */
function indexedItem(word: Word): { subscript: WordPart[]; value: WordPart[] } | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'text' || first.quoted || !first.text.startsWith('[')) return undefined;
  const rest = afterSubscript([{ ...first, text: first.text.slice(1) }, ...word.parts.slice(1)]);
  return rest && !rest.append ? rest : undefined;
}

/** Whether the command's first word names a declaration builtin. */
export const isDeclaration = (word: Word | undefined): boolean => word !== undefined && DECLARATION_BUILTINS.has(plainText(word) ?? '');

/**
 * A declaration builtin's arguments: an assignment argument expands as an assignment does (no
 * splitting: `local v=$(echo a  b)` keeps both spaces), a compound one's elements go to `arrays`
 * by argument position, and the others expand as any command's words.
 */
export function declarationArgv(at: Where, words: readonly Word[], x: Expander, arrays: Map<number, ArrayItems>): string[] {
  const argv: string[] = [];
  for (const word of words) {
    const a = argv.length > 0 ? assignmentOf(word) : undefined;
    if (!a) {
      argv.push(...expandWords([word], x));
      continue;
    }
    const op = a.append ? '+=' : '=';
    if (a.items) {
      arrays.set(argv.length, arrayItems(at, a.name, a.items, x));
      argv.push(`${a.name}${op}`);
      continue;
    }
    const subscript = a.subscript ? `[${expandValue(a.subscript, x)}]` : '';
    argv.push(`${a.name}${subscript}${op}${expandValue(a.value, x)}`);
  }
  return argv;
}
