/**
 * date's command line as glibc 2.17's getopt_long reads it for coreutils 8.22 (short options
 * "d:f:I::r:Rs:u" and its long options), one option at a time in order, since date acts on each as
 * it comes (a second output format is an error at once). Operands may be mixed with options; `--`
 * ends the options. `-I` takes its value only in the same word (`-Iseconds`), `--iso-8601` only
 * after `=`. An abbreviation naming several long options that do the same (`--u` for --uct, --utc
 * and --universal) is not ambiguous; an ambiguous one lists the first match and then the others in
 * reverse order, as glibc 2.17 builds its list.
 */

/** A long option: its name, whether it takes a value (no, yes, only after `=`), and the key it yields. */
interface LongOption {
  readonly name: string;
  readonly arg: 'none' | 'required' | 'optional';
  readonly key: string;
}

/** One option read: its key (the letter, or rfc-3339, help, version) and value; or getopt's message. */
export type DateOption = { readonly key: string; readonly value: string | undefined } | { readonly error: string };

const SHORT: Readonly<Record<string, LongOption['arg']>> = { d: 'required', f: 'required', I: 'optional', r: 'required', R: 'none', s: 'required', u: 'none' };

const LONG: readonly LongOption[] = [
  { name: 'date', arg: 'required', key: 'd' },
  { name: 'file', arg: 'required', key: 'f' },
  { name: 'iso-8601', arg: 'optional', key: 'I' },
  { name: 'reference', arg: 'required', key: 'r' },
  { name: 'rfc-822', arg: 'none', key: 'R' },
  { name: 'rfc-2822', arg: 'none', key: 'R' },
  { name: 'rfc-3339', arg: 'required', key: 'rfc-3339' },
  { name: 'set', arg: 'required', key: 's' },
  { name: 'uct', arg: 'none', key: 'u' },
  { name: 'utc', arg: 'none', key: 'u' },
  { name: 'universal', arg: 'none', key: 'u' },
  { name: 'help', arg: 'none', key: 'help' },
  { name: 'version', arg: 'none', key: 'version' },
];

/** The options in order (ending at the first error) and the operands. */
export function readDateOptions(args: readonly string[]): { options: DateOption[]; operands: string[] } {
  const options: DateOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const read = longOption(a, args[i + 1]);
      options.push(read.option);
      if ('error' in read.option) break;
      if (read.tookNext) i++;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const letter = a[k]!;
      const arg = Object.prototype.hasOwnProperty.call(SHORT, letter) ? SHORT[letter] : undefined;
      if (arg === undefined) {
        options.push({ error: `date: invalid option -- '${letter}'\n` });
        return { options, operands };
      }
      if (arg === 'none') {
        options.push({ key: letter, value: undefined });
        continue;
      }
      const rest = a.slice(k + 1);
      if (rest !== '' || arg === 'optional') options.push({ key: letter, value: rest === '' ? undefined : rest });
      else if (i + 1 < args.length) options.push({ key: letter, value: args[++i] });
      else options.push({ error: `date: option requires an argument -- '${letter}'\n` });
      break;
    }
    if ('error' in options[options.length - 1]!) break;
  }
  return { options, operands };
}

/** One `--name[=value]` word (and the next word when it is the value). */
function longOption(word: string, next: string | undefined): { option: DateOption; tookNext: boolean } {
  const eq = word.indexOf('=');
  const name = word.slice(2, eq < 0 ? undefined : eq);
  const inline = eq < 0 ? undefined : word.slice(eq + 1);
  const error = (text: string) => ({ option: { error: `date: ${text}\n` }, tookNext: false });
  let found = LONG.find((o) => o.name === name);
  if (!found) {
    const matches = LONG.filter((o) => o.name.startsWith(name));
    found = matches[0];
    const others = matches.slice(1).filter((o) => o.key !== found!.key || o.arg !== found!.arg);
    if (others.length > 0) {
      return error(`option '${word}' is ambiguous; possibilities: '--${found!.name}'${others.reverse().map((o) => ` '--${o.name}'`).join('')}`);
    }
  }
  if (!found) return error(`unrecognized option '${word}'`);
  if (inline !== undefined) {
    return found.arg === 'none' ? error(`option '--${found.name}' doesn't allow an argument`) : { option: { key: found.key, value: inline }, tookNext: false };
  }
  if (found.arg !== 'required') return { option: { key: found.key, value: undefined }, tookNext: false };
  if (next === undefined) return error(`option '${word}' requires an argument`);
  return { option: { key: found.key, value: next }, tookNext: true };
}
