import { tryHelp } from './files.ts';

/**
 * glibc 2.17's getopt_long (posix/getopt.c, _getopt_internal_r) as coreutils and net-tools call it:
 * options and operands may be mixed (GNU permutation), `--` ends options, `-` alone is an operand,
 * short letters combine (`-nr`), a letter that takes a value takes the rest of its word or the next
 * word (`x:`) or only the rest of its word (`x::`, `-Iseconds`), and a long option may be
 * abbreviated to any unambiguous prefix (`--num` for `--numeric-sort`) and takes its value after
 * `=` or, when it requires one, as the next word. The options come in order, up to the first error,
 * whose message is getopt's: a tool that acts on each option as getopt returns it (date, netstat)
 * acts on those before the error first.
 */

/** Whether an option takes a value (has_arg): never, always, or only in its own word (`--all-repeated=separate`, `-Iseconds`). */
export type ValueKind = 'none' | 'required' | 'optional';

/** A long option (struct option): its full name, the key the tool sees (val), and its value kind. */
export interface LongOption {
  readonly name: string;
  readonly key: string;
  readonly value: ValueKind;
}

/** A tool's options: getopt's optstring (`x` no value, `x:` a value, `x::` an optional one) and its long options. */
export interface OptionTable {
  readonly short: string;
  readonly long: readonly LongOption[];
  /** optstring's leading `+` (REQUIRE_ORDER): the first operand ends the options (tr). */
  readonly operandEndsOptions?: boolean;
}

/**
 * One option as read: the key (the letter, or the long option's key), its value, the index of its
 * word in `args`, and the long option's full name when it was given as one.
 */
export interface ParsedOption {
  readonly key: string;
  readonly value: string | undefined;
  readonly word: number;
  readonly long: string | undefined;
}

/** The options in order up to the first error, the operands, and that error's message (`PROGRAM: …\n`). */
export interface GetoptResult {
  readonly options: readonly ParsedOption[];
  readonly operands: readonly string[];
  readonly error: string | undefined;
}

/** The options in order and the operands, or getopt's message with coreutils' Try line. */
export type ParsedArgs =
  | { readonly ok: true; readonly options: readonly ParsedOption[]; readonly operands: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Reads `args` (argv without the name) as getopt_long does, `program` (argv[0]) starting its messages. */
export function getopt(program: string, args: readonly string[], table: OptionTable): GetoptResult {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  const stop = (text: string): GetoptResult => ({ options, operands, error: `${program}: ${text}\n` });
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      if (table.operandEndsOptions) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const read = longOption(a, args[i + 1], table.long);
      if ('error' in read) return stop(read.error);
      options.push({ key: read.found.key, value: read.value, word: i, long: read.found.name });
      if (read.tookNext) i++;
      continue;
    }
    const word = i;
    for (let k = 1; k < a.length; k++) {
      const letter = a[k]!;
      const kind = shortKind(table.short, letter);
      if (kind === undefined) return stop(`invalid option -- '${letter}'`);
      if (kind === 'none') {
        options.push({ key: letter, value: undefined, word, long: undefined });
        continue;
      }
      // The rest of the word is the value; else the next word, if the letter requires one.
      const rest = a.slice(k + 1);
      if (rest === '' && kind === 'required') {
        if (i + 1 === args.length) return stop(`option requires an argument -- '${letter}'`);
        options.push({ key: letter, value: args[++i], word, long: undefined });
      } else {
        options.push({ key: letter, value: rest === '' ? undefined : rest, word, long: undefined });
      }
      break;
    }
  }
  return { options, operands, error: undefined };
}

/** getopt over `tool`'s table, an error followed by coreutils' `Try 'TOOL --help'` line. */
export function getoptLong(tool: string, args: readonly string[], table: OptionTable): ParsedArgs {
  const { options, operands, error } = getopt(tool, args, table);
  return error === undefined ? { ok: true, options, operands } : { ok: false, message: `${error}${tryHelp(tool)}` };
}

/**
 * `temp = strchr (optstring, c)`: the letter's value kind (`temp[1] == ':'`, `temp[2] == ':'`), or
 * undefined for an invalid option, as a letter not in optstring and `:` and `;` are.
 */
function shortKind(optstring: string, letter: string): ValueKind | undefined {
  const at = letter === ':' || letter === ';' ? -1 : optstring.indexOf(letter);
  if (at < 0) return undefined;
  if (optstring[at + 1] !== ':') return 'none';
  return optstring[at + 2] === ':' ? 'optional' : 'required';
}

/** One `--name[=value]` word (and the next word when it is the required value), or getopt's message. */
function longOption(word: string, next: string | undefined, long: readonly LongOption[]):
  { found: LongOption; value: string | undefined; tookNext: boolean } | { error: string } {
  const eq = word.indexOf('=');
  const name = word.slice(2, eq < 0 ? undefined : eq);
  const found = lookUp(word, name, long);
  if ('error' in found) return found;
  if (eq >= 0) {
    if (found.value === 'none') return { error: `option '--${found.name}' doesn't allow an argument` };
    return { found, value: word.slice(eq + 1), tookNext: false };
  }
  if (found.value !== 'required') return { found, value: undefined, tookNext: false };
  // glibc 2.17 names the option in full here (pfound->name), not as typed: `--da` is `--date`.
  if (next === undefined) return { error: `option '--${found.name}' requires an argument` };
  return { found, value: next, tookNext: true };
}

/**
 * The long option `name` names: an exact match, else the first one it abbreviates (pfound). A
 * later match with the same has_arg and val as the first (--uct, --utc, --universal) is no
 * ambiguity; glibc prepends each other one to ambig_list and prints the first, then that list, so
 * they show from the last. The message quotes the whole word, `=value` and all (argv[optind]).
 */
function lookUp(word: string, name: string, long: readonly LongOption[]): LongOption | { error: string } {
  const exact = long.find((o) => o.name === name);
  if (exact) return exact;
  const [first, ...later] = long.filter((o) => o.name.startsWith(name));
  if (first === undefined) return { error: `unrecognized option '${word}'` };
  const others = later.filter((o) => o.key !== first.key || o.value !== first.value).reverse();
  if (others.length === 0) return first;
  return { error: `option '${word}' is ambiguous; possibilities:${[first, ...others].map((o) => ` '--${o.name}'`).join('')}` };
}
