/**
 * Field splitting by IFS as bash 4.2 does it (subst.c list_string / get_word_from_string): IFS
 * unset splits on space, tab and newline; IFS empty does not split. Runs of IFS whitespace
 * delimit fields and are dropped at both ends; each other IFS character delimits one field,
 * together with the IFS whitespace around it, so two in a row make an empty field between them
 * and one at the start an empty first field (one at the end makes no empty last field).
 */

/** The characters that split fields when IFS is unset. */
export const DEFAULT_IFS = ' \t\n';

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\n';

/** What splitting a value gave: its fields, and whether a delimiter started or ended it (so it does not join the text around it). */
export interface SplitValue {
  readonly fields: readonly string[];
  /** The value began with a delimiter: the field before it ends there. */
  readonly delimitedBefore: boolean;
  /** …and that delimiter was not IFS whitespace: the field before it counts even when empty. */
  readonly hardBefore: boolean;
  /** The value ended with a delimiter: the next text starts a new field. */
  readonly delimitedAfter: boolean;
}

/** IFS's characters sorted as splitting uses them: every separator, and the IFS whitespace among them. */
export interface IfsClasses {
  readonly isSep: (c: string | undefined) => boolean;
  readonly isWhite: (c: string | undefined) => boolean;
}

export function ifsClasses(ifs: string | undefined): IfsClasses {
  const seps = ifs ?? DEFAULT_IFS;
  const isSep = (c: string | undefined): boolean => c !== undefined && seps.includes(c);
  return { isSep, isWhite: (c) => isSep(c) && isBlank(c!) };
}

/** The index past the delimiter at `j`: IFS whitespace, at most one other IFS character, IFS whitespace. */
export function delimiterEnd(text: string, j: number, { isSep, isWhite }: IfsClasses): number {
  while (isWhite(text[j])) j++;
  if (isSep(text[j]) && !isWhite(text[j])) {
    j++;
    while (isWhite(text[j])) j++;
  }
  return j;
}

export function splitFields(value: string, ifs: string | undefined): SplitValue {
  if ((ifs ?? DEFAULT_IFS) === '') return { fields: value === '' ? [] : [value], delimitedBefore: false, hardBefore: false, delimitedAfter: false };
  const classes = ifsClasses(ifs);
  const { isSep, isWhite } = classes;
  const fields: string[] = [];
  let i = 0;
  const n = value.length;
  while (i < n && isWhite(value[i])) i++;
  const delimitedBefore = i > 0 || (i < n && isSep(value[i]));
  let hardBefore = false;
  if (i < n && isSep(value[i]) && !isWhite(value[i])) {
    // A leading non-whitespace delimiter ends the field before it (an empty one, at a word's start).
    hardBefore = true;
    i++;
    while (i < n && isWhite(value[i])) i++;
  }
  let delimitedAfter = delimitedBefore && i >= n;
  while (i < n) {
    let field = '';
    while (i < n && !isSep(value[i])) field += value[i++]!;
    fields.push(field);
    if (i >= n) {
      delimitedAfter = false;
      break;
    }
    i = delimiterEnd(value, i, classes);
    delimitedAfter = true;
  }
  return { fields, delimitedBefore, hardBefore, delimitedAfter };
}

/** How `"$*"` and `"${A[*]}"` join their items: with IFS's first character, a space when IFS is unset, nothing when it is empty. */
export function joiner(ifs: string | undefined): string {
  return ifs === undefined ? ' ' : ifs.slice(0, 1);
}
