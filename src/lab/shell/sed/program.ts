import type { SedRegex } from './regex.ts';

/**
 * A compiled sed script, as compile.c leaves it for execute.c: a flat list of commands where `{`
 * knows the index after its `}` and branches know the index of their label. Plain data; the
 * executor keeps the state of ranges on the side.
 */

/** An address. `regex: null` is the empty regex `//`, the last one used. */
export type Address =
  | { readonly kind: 'line'; readonly line: number }
  | { readonly kind: 'last' }
  | { readonly kind: 'regex'; readonly regex: SedRegex | null }
  /** FIRST~STEP: every STEP-th line from FIRST. */
  | { readonly kind: 'step'; readonly first: number; readonly step: number }
  /** ADDR1,+N (second address only): N more lines. */
  | { readonly kind: 'plus'; readonly count: number }
  /** ADDR1,~N (second address only): up to the next line that is a multiple of N. */
  | { readonly kind: 'multiple'; readonly of: number };

/** A piece of an `s` replacement. */
export type ReplacementPart =
  | { readonly kind: 'text'; readonly text: string }
  /** `&` is group 0, `\1`…`\9` the groups. */
  | { readonly kind: 'group'; readonly group: number }
  /** \L \U \E (until changed) and \l \u (the next character). */
  | { readonly kind: 'case'; readonly mode: 'L' | 'U' | 'E' | 'l' | 'u' };

/** The `s` command. `nth` is the number flag (1 without one). */
export interface Substitution {
  readonly name: 's';
  readonly regex: SedRegex | null;
  readonly replacement: readonly ReplacementPart[];
  readonly global: boolean;
  readonly print: boolean;
  readonly nth: number;
}

export type Operation =
  | { readonly name: '{'; readonly end: number }
  | { readonly name: '}' }
  | Substitution
  | { readonly name: 'y'; readonly map: ReadonlyMap<string, string> }
  /** a, i, c: the text ends with a newline (empty for the `$a\` idiom). */
  | { readonly name: 'a' | 'i' | 'c'; readonly text: string }
  | { readonly name: ':'; readonly label: string }
  /** b, t, T: `target` is the index of the label's command, or the end of the script. */
  | { readonly name: 'b' | 't' | 'T'; readonly label: string; readonly target: number }
  | { readonly name: 'q' | 'Q'; readonly exitCode: number }
  /** l: the line length (-l's or 70 without one; 0 or 1 never wraps). */
  | { readonly name: 'l'; readonly width: number | undefined }
  | { readonly name: 'r'; readonly file: string }
  | { readonly name: '=' | 'd' | 'D' | 'F' | 'g' | 'G' | 'h' | 'H' | 'n' | 'N' | 'p' | 'P' | 'x' | 'z' };

/** A command with its addresses; `negate` is `!`. */
export interface SedCommand {
  readonly a1: Address | undefined;
  readonly a2: Address | undefined;
  readonly negate: boolean;
  readonly op: Operation;
}

/** The compiled script. `quiet` is set by a first line `#n`. */
export interface SedProgram {
  readonly commands: readonly SedCommand[];
  readonly quiet: boolean;
}
