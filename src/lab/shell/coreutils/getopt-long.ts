import { tryHelp } from './files.ts';

/**
 * glibc 2.17's getopt_long as coreutils calls it: options and operands may be mixed (GNU
 * permutation), `--` ends options, `-` alone is an operand, short letters combine (`-nr`), a letter
 * that takes a value takes the rest of its word or the next word, and a long option may be
 * abbreviated to any unambiguous prefix (`--num` for `--numeric-sort`). Errors are getopt's
 * messages followed by coreutils' `Try 'TOOL --help'` line.
 */

/** Whether an option takes a value: never, always, or only inline (`--all-repeated=separate`). */
export type ValueKind = 'none' | 'required' | 'optional';

/** A long option: its full name, the key the tool sees, and its value kind. */
export interface LongOption {
  readonly name: string;
  readonly key: string;
  readonly value: ValueKind;
}

/** A tool's options: getopt's optstring (a letter followed by `:` takes a value) and its long options. */
export interface OptionTable {
  readonly short: string;
  readonly long: readonly LongOption[];
  /** optstring's leading `+`: the first operand ends the options (tr). */
  readonly operandEndsOptions?: boolean;
}

/** One option as read: the key (the letter, or the long option's key), its value, and the index of its word in `args`. */
export interface ParsedOption {
  readonly key: string;
  readonly value: string | undefined;
  readonly word: number;
}

/** The options in order and the operands, or getopt's message with the Try line. */
export type ParsedArgs =
  | { readonly ok: true; readonly options: readonly ParsedOption[]; readonly operands: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Reads `args` (argv without the name) as getopt_long does for `tool`. */
export function getoptLong(tool: string, args: readonly string[], table: OptionTable): ParsedArgs {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  const usage = (text: string): ParsedArgs => ({ ok: false, message: `${tool}: ${text}\n${tryHelp(tool)}` });
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
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      const exact = table.long.find((o) => o.name === name);
      const candidates = exact ? [exact] : table.long.filter((o) => o.name.startsWith(name));
      if (candidates.length === 0) return usage(`unrecognized option '${a}'`);
      if (candidates.length > 1) {
        return { ok: false, message: `${tool}: option '${a}' is ambiguous; possibilities:${candidates.map((o) => ` '--${o.name}'`).join('')}\n${tryHelp(tool)}` };
      }
      const found = candidates[0]!;
      if (found.value === 'none' && inline !== undefined) return usage(`option '--${found.name}' doesn't allow an argument`);
      let value = inline;
      if (found.value === 'required' && value === undefined) {
        value = args[++i];
        if (value === undefined) return usage(`option '${a}' requires an argument`);
      }
      options.push({ key: found.key, value, word: i });
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const letter = a[k]!;
      const at = letter === ':' ? -1 : table.short.indexOf(letter);
      if (at < 0) return usage(`invalid option -- '${letter}'`);
      if (table.short[at + 1] !== ':') {
        options.push({ key: letter, value: undefined, word: i });
        continue;
      }
      const word = i;
      const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
      if (value === undefined) return usage(`option requires an argument -- '${letter}'`);
      options.push({ key: letter, value, word });
      break;
    }
  }
  return { ok: true, options, operands };
}
