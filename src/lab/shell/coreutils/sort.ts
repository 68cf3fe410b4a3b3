import { done, fail, type Command, type CommandIo } from '../command.ts';
import { FS_MESSAGES, writeFile } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { collate } from './collate.ts';
import { getoptLong, type LongOption } from './getopt-long.ts';
import { compareKeys, parseKeySpec, setOrdering, UNSUPPORTED_ORDERING, wholeLineKey, type SortKey } from './sort-keys.ts';
import { readInput, splitLines } from './text-input.ts';

/**
 * coreutils 8.22's sort [-bfnrsuz] [-k POS1[,POS2]]… [-t SEP] [-o FILE] [FILE…] in root's
 * en_US.UTF-8 locale: text compares with the locale's collation (collate.ts: case and punctuation
 * count only when the letters and digits tie), -n compares numbers with `,` as the thousands
 * separator, and lines whose keys tie are compared whole, as the last resort, unless -s or -u.
 * The orderings -d -g -h -i -M -R -V, -c/-C, -m and the tuning options are refused with a lab message.
 */

const SORT_FAILURE = 2;

const LONG: readonly LongOption[] = [
  { name: 'ignore-leading-blanks', key: 'b', value: 'none' },
  { name: 'ignore-case', key: 'f', value: 'none' },
  { name: 'key', key: 'k', value: 'required' },
  { name: 'numeric-sort', key: 'n', value: 'none' },
  { name: 'output', key: 'o', value: 'required' },
  { name: 'reverse', key: 'r', value: 'none' },
  { name: 'stable', key: 's', value: 'none' },
  { name: 'field-separator', key: 't', value: 'required' },
  { name: 'unique', key: 'u', value: 'none' },
  { name: 'zero-terminated', key: 'z', value: 'none' },
  ...['check', 'debug', 'dictionary-order', 'general-numeric-sort', 'human-numeric-sort', 'ignore-nonprinting', 'merge', 'month-sort', 'random-sort', 'version-sort', 'help', 'version']
    .map((name): LongOption => ({ name, key: `--${name}`, value: name === 'check' ? 'optional' : 'none' })),
  ...['batch-size', 'buffer-size', 'compress-program', 'files0-from', 'parallel', 'random-source', 'sort', 'temporary-directory']
    .map((name): LongOption => ({ name, key: `--${name}`, value: 'required' })),
];

const notSimulated = (what: string): string => `lab: sort ${what} is not simulated; sort here orders text and -n numbers, with -b -f -k -r -s -t -u -z\n`;

/** sort's file reading: the first unreadable file ends the run, before anything is written. */
function readAll(io: CommandIo, files: readonly string[], eol: string): string[] | string {
  const lines: string[] = [];
  for (const f of files.length > 0 ? files : ['-']) {
    const text = readInput(io, f);
    if (typeof text !== 'string') return `sort: ${text.error === 'EISDIR' ? 'read' : 'open'} failed: ${f}: ${FS_MESSAGES[text.error]}\n`;
    lines.push(...splitLines(text, eol));
  }
  return lines;
}

export const sort: Command = (io) => {
  const parsed = getoptLong('sort', io.argv.slice(1), { short: 'bcCdfghik:mMno:rRsS:t:T:uVy:z', long: LONG });
  if (!parsed.ok) return fail(parsed.message, SORT_FAILURE);
  const global: SortKey = wholeLineKey();
  const keys: SortKey[] = [];
  let tab: string | undefined;
  let output: string | undefined;
  let unique = false;
  let stable = false;
  let eol = '\n';
  for (const { key, value } of parsed.options) {
    if (key.startsWith('--')) return fail(notSimulated(key), SORT_FAILURE);
    if ('cCmSTy'.includes(key) || UNSUPPORTED_ORDERING.includes(key)) return fail(notSimulated(`-${key}`), SORT_FAILURE);
    if (key === 'k') {
      const spec = parseKeySpec(value!);
      if (typeof spec === 'string') return fail(`sort: ${spec}\n`, SORT_FAILURE);
      keys.push(spec);
    } else if (key === 't') {
      const chars = [...value!];
      if (chars.length === 0) return fail('sort: empty tab\n', SORT_FAILURE);
      const newTab = value === '\\0' ? '\0' : chars[0]!;
      if (chars.length > 1 && value !== '\\0') return fail(`sort: multi-character tab ‘${value}’\n`, SORT_FAILURE);
      if (tab !== undefined && tab !== newTab) return fail('sort: incompatible tabs\n', SORT_FAILURE);
      tab = newTab;
    } else if (key === 'o') {
      if (output !== undefined && output !== value) return fail('sort: multiple output files specified\n', SORT_FAILURE);
      output = value;
    } else if (key === 'u') unique = true;
    else if (key === 's') stable = true;
    else if (key === 'z') eol = '\0';
    else setOrdering(key, global, 'both');
  }
  // main(): a key with no ordering options of its own takes the global ones.
  for (const k of keys) {
    if (!k.skipStartBlanks && !k.skipEndBlanks && !k.numeric && !k.foldCase && !k.reverse) {
      Object.assign(k, { skipStartBlanks: global.skipStartBlanks, skipEndBlanks: global.skipEndBlanks, numeric: global.numeric, foldCase: global.foldCase, reverse: global.reverse });
    }
  }
  if (keys.length === 0 && (global.skipStartBlanks || global.numeric || global.foldCase)) keys.push(global);

  const lines = readAll(io, parsed.operands, eol);
  if (typeof lines === 'string') return fail(lines, SORT_FAILURE);
  const compare = (a: string, b: string): number => {
    if (keys.length > 0) {
      const diff = compareKeys(a, b, keys, tab);
      if (diff !== 0 || unique || stable) return diff;
    }
    // compare(): the last-resort comparison of whole lines, reversed by a global -r.
    const diff = a === '' ? -Number(b !== '') : b === '' ? 1 : collate(a, b);
    return global.reverse ? -diff : diff;
  };
  const sorted = [...lines].sort(compare);
  const kept = unique ? sorted.filter((line, i) => i === 0 || compare(sorted[i - 1]!, line) !== 0) : sorted;
  const text = kept.map((l) => l + eol).join('');
  if (output === undefined) return done(new Output().out(text), 0);
  const written = writeFile(io, resolvePath(io.state.cwd, output), text, false);
  if (typeof written === 'string') return fail(`sort: open failed: ${output}: ${FS_MESSAGES[written]}\n`, SORT_FAILURE);
  return done(new Output(), 0, withNode(io.doc, written));
};
