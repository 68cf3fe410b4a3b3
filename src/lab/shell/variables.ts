import { subscriptEnd } from './syntax/word.ts';

/**
 * A shell's variables as bash 4.2 keeps them (variables.c, arrayfunc.c): each name is a string or
 * an indexed array (sparse: indices need not be consecutive), and may be read-only. Referring to
 * an array without a subscript means its element 0; assigning a string to an array sets element 0.
 */

/** What a variable held, to put back later (a function's `local`, a subshell). */
export interface SavedVariable {
  readonly value: string | ReadonlyMap<number, string> | undefined;
  readonly readonly: boolean;
  readonly exported: boolean;
}

/** Why an assignment did not happen, as bash words it (without the `bash: ` prefix). */
export type AssignError = string;

export class ShellVariables {
  private readonly scalars = new Map<string, string>();
  private readonly arrays = new Map<string, Map<number, string>>();
  private readonly readonlyNames = new Set<string>();
  private readonly exportedNames = new Set<string>();

  /** The variable's value: a string, or an array's element 0; undefined when unset. */
  get(name: string): string | undefined {
    return this.scalars.get(name) ?? this.arrays.get(name)?.get(0);
  }

  /** Whether the name is set (a string, or an array, even an empty one). */
  has(name: string): boolean {
    return this.scalars.has(name) || this.arrays.has(name);
  }

  isArray(name: string): boolean {
    return this.arrays.has(name);
  }

  isReadonly(name: string): boolean {
    return this.readonlyNames.has(name);
  }

  /** How many times OPTIND was assigned (bash's sv_optind resets getopts on each). */
  optindAssignments = 0;

  /** bind_variable: NAME=VALUE (element 0 of an array). */
  set(name: string, value: string): AssignError | undefined {
    if (this.readonlyNames.has(name)) return `${name}: readonly variable`;
    if (name === 'OPTIND') this.optindAssignments++;
    const array = this.arrays.get(name);
    if (array) array.set(0, value);
    else this.scalars.set(name, value);
    return undefined;
  }

  /** unset NAME: gone, array or not (a read-only one stays). */
  delete(name: string): AssignError | undefined {
    if (this.readonlyNames.has(name)) return `${name}: cannot unset: readonly variable`;
    this.scalars.delete(name);
    this.arrays.delete(name);
    this.exportedNames.delete(name);
    return undefined;
  }

  /** The values of an array in index order; a string is an array of one, an unset name of none. */
  values(name: string): string[] {
    const array = this.arrays.get(name);
    if (array) return this.indices(name).map((i) => array.get(i)!);
    const s = this.scalars.get(name);
    return s === undefined ? [] : [s];
  }

  /** The assigned indices in order (`${!NAME[@]}`). */
  indices(name: string): number[] {
    const array = this.arrays.get(name);
    if (array) return [...array.keys()].sort((a, b) => a - b);
    return this.scalars.has(name) ? [0] : [];
  }

  /** NAME[INDEX]: an element (a string is element 0). */
  element(name: string, index: number): string | undefined {
    const array = this.arrays.get(name);
    if (array) return array.get(index);
    return index === 0 ? this.scalars.get(name) : undefined;
  }

  /** assign_array_element: NAME[INDEX]=VALUE makes NAME an array (a string becomes its element 0). */
  setElement(name: string, index: number, value: string): AssignError | undefined {
    if (this.readonlyNames.has(name)) return `${name}: readonly variable`;
    this.toArray(name).set(index, value);
    return undefined;
  }

  /** unset NAME[INDEX]. */
  deleteElement(name: string, index: number): AssignError | undefined {
    if (this.readonlyNames.has(name)) return `${name}: cannot unset: readonly variable`;
    const array = this.arrays.get(name);
    if (array) array.delete(index);
    else if (index === 0) this.scalars.delete(name);
    return undefined;
  }

  /**
   * NAME=(…) replaces the array with `items` (index → value); NAME+=(…) adds them, numbering
   * from one past the largest index (assign_array_var_from_word_list).
   */
  setArray(name: string, items: readonly (readonly [number | undefined, string])[], append: boolean): AssignError | undefined {
    if (this.readonlyNames.has(name)) return `${name}: readonly variable`;
    const array = append ? this.toArray(name) : new Map<number, string>();
    let next = append && array.size > 0 ? Math.max(...array.keys()) + 1 : 0;
    for (const [index, value] of items) {
      const at = index ?? next;
      array.set(at, value);
      next = at + 1;
    }
    this.scalars.delete(name);
    this.arrays.set(name, array);
    return undefined;
  }

  /** An array the shell itself remakes (BASH_REMATCH, read-only; FUNCNAME…): its old value and attribute do not stand in the way. */
  remake(name: string, values: readonly string[], readonly = true): void {
    this.scalars.delete(name);
    this.arrays.set(name, new Map(values.map((v, i) => [i, v] as const)));
    if (readonly) this.readonlyNames.add(name);
    else this.readonlyNames.delete(name);
  }

  /** declare -a NAME: an array (a string becomes its element 0). */
  makeArray(name: string): void {
    this.toArray(name);
  }

  /** readonly NAME. */
  markReadonly(name: string): void {
    this.readonlyNames.add(name);
  }

  /** export NAME (`export -n` takes it back). */
  markExported(name: string, exported = true): void {
    if (exported) this.exportedNames.add(name);
    else this.exportedNames.delete(name);
  }

  isExported(name: string): boolean {
    return this.exportedNames.has(name);
  }

  /** The exported names. */
  exported(): string[] {
    return [...this.exportedNames];
  }

  /** Each string variable's position in the order the variables were made (a new one after an unset counts as new). */
  creationOrder(): Map<string, number> {
    return new Map([...this.scalars.keys()].map((name, i) => [name, i] as const));
  }

  /** Set names, and names given attributes without a value (`declare -a X`, `export X`), sorted as bash lists them. */
  names(): string[] {
    return [...new Set([...this.scalars.keys(), ...this.arrays.keys(), ...this.readonlyNames, ...this.exportedNames])].sort();
  }

  /** What NAME holds now, to put back with `restore`. */
  save(name: string): SavedVariable {
    const array = this.arrays.get(name);
    return { value: array ? new Map(array) : this.scalars.get(name), readonly: this.readonlyNames.has(name), exported: this.exportedNames.has(name) };
  }

  /** Puts back what `save` returned (a local going out of scope). */
  restore(name: string, saved: SavedVariable): void {
    this.scalars.delete(name);
    this.arrays.delete(name);
    const { value } = saved;
    if (typeof value === 'string') this.scalars.set(name, value);
    else if (value !== undefined) this.arrays.set(name, new Map(value));
    // A local's attributes end with it.
    if (saved.readonly) this.readonlyNames.add(name);
    else this.readonlyNames.delete(name);
    if (saved.exported) this.exportedNames.add(name);
    else this.exportedNames.delete(name);
  }

  /**
   * What a child shell (`bash FILE`) starts with: only exported strings, which it gets through
   * its environment (attributes other than export, arrays and unexported variables stay behind).
   */
  keepExported(): void {
    for (const name of [...this.scalars.keys()]) if (!this.exportedNames.has(name)) this.scalars.delete(name);
    this.arrays.clear();
    this.readonlyNames.clear();
  }

  /** Every variable, to put back with `restoreAll` (what a subshell must not leave behind). */
  saveAll(): () => void {
    const scalars = new Map(this.scalars);
    const arrays = new Map([...this.arrays].map(([k, v]) => [k, new Map(v)] as const));
    const readonlyNames = new Set(this.readonlyNames);
    const exportedNames = new Set(this.exportedNames);
    const optindAssignments = this.optindAssignments;
    return () => {
      this.optindAssignments = optindAssignments;
      this.scalars.clear();
      for (const [k, v] of scalars) this.scalars.set(k, v);
      this.arrays.clear();
      for (const [k, v] of arrays) this.arrays.set(k, new Map(v));
      this.readonlyNames.clear();
      for (const k of readonlyNames) this.readonlyNames.add(k);
      this.exportedNames.clear();
      for (const k of exportedNames) this.exportedNames.add(k);
    };
  }

  private toArray(name: string): Map<number, string> {
    let array = this.arrays.get(name);
    if (!array) {
      array = new Map();
      const s = this.scalars.get(name);
      if (s !== undefined) array.set(0, s);
      this.scalars.delete(name);
      this.arrays.set(name, array);
    }
    return array;
  }
}

/**
 * valid_array_reference: `NAME[SUBSCRIPT]` split into the name and the subscript's text, or
 * undefined when `text` is not one (a plain name is not).
 */
export function arrayReference(text: string): { readonly name: string; readonly subscript: string } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\[/.exec(text);
  if (!m || !text.endsWith(']')) return undefined;
  const subscript = text.slice(m[0].length, -1);
  if (subscriptEnd(text, m[0].length - 1) !== text.length - 1 || subscript.trim() === '') return undefined;
  return { name: m[1]!, subscript };
}
