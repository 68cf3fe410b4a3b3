import { done, fail, type Command } from '../command.ts';
import { FS_MESSAGES } from '../fs/files.ts';
import { Output } from '../output.ts';
import { tryHelp } from './files.ts';
import { getoptLong, type LongOption } from './getopt-long.ts';
import { readInput, splitLines } from './text-input.ts';

/**
 * coreutils 8.22's cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [--complement]
 * [--output-delimiter=STRING] [FILE…], with CentOS 7's i18n patch: -c counts characters and -d
 * takes one character in UTF-8, while -b counts bytes (a character cut in two is not valid text,
 * shown as U+FFFD here). Every output line ends with a newline.
 */

const LONG: readonly LongOption[] = [
  { name: 'bytes', key: 'b', value: 'required' },
  { name: 'characters', key: 'c', value: 'required' },
  { name: 'delimiter', key: 'd', value: 'required' },
  { name: 'fields', key: 'f', value: 'required' },
  { name: 'only-delimited', key: 's', value: 'none' },
  { name: 'output-delimiter', key: 'output-delimiter', value: 'required' },
  { name: 'complement', key: 'complement', value: 'none' },
  { name: 'help', key: '--help', value: 'none' },
  { name: 'version', key: '--version', value: 'none' },
];

/** size_t's largest value, which a position may not reach. */
const SIZE_MAX = 2n ** 64n - 1n;

/** A LIST: closed ranges (sorted by start) and the start of an open `N-` range (Infinity if none). */
interface PositionList {
  readonly ranges: readonly (readonly [number, number])[];
  readonly openFrom: number;
}

/** set_fields: LIST is ranges `N`, `N-M`, `N-`, `-M` separated by commas or blanks; the message for a bad one. */
function parseList(list: string, mode: 'b' | 'c' | 'f'): PositionList | string {
  const ranges: [number, number][] = [];
  let openFrom = Infinity;
  for (const part of list.split(/[, \t]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || part.indexOf('-') !== part.lastIndexOf('-')) return 'invalid byte, character or field list';
    const [, lo, dash, hi] = m as unknown as [string, string, string, string];
    if (lo !== '' && hi !== '' && dash === '') return 'invalid byte, character or field list';
    const tooLarge = [lo, hi].find((n) => n !== '' && BigInt(n) >= SIZE_MAX);
    if (tooLarge !== undefined) return `${mode === 'b' ? 'byte offset' : 'field number'} ‘${tooLarge}’ is too large`;
    if (dash === '') {
      if (lo === '' || Number(lo) === 0) return 'fields and positions are numbered from 1';
      ranges.push([Number(lo), Number(lo)]);
      continue;
    }
    if (lo !== '' && Number(lo) === 0) return 'fields and positions are numbered from 1';
    if (lo === '' && hi === '') return 'invalid range with no endpoint: -';
    const start = lo === '' ? 1 : Number(lo);
    if (hi === '') openFrom = Math.min(openFrom, start);
    else if (Number(hi) < start) return 'invalid decreasing range';
    else ranges.push([start, Number(hi)]);
  }
  return { ranges: ranges.sort((x, y) => x[0] - y[0]), openFrom };
}

/** Whether position `n` (from 1) is selected. */
const selected = (l: PositionList, n: number, complement: boolean): boolean =>
  (n >= l.openFrom || l.ranges.some(([lo, hi]) => lo <= n && n <= hi)) !== complement;

/** The positions before which --output-delimiter goes in -b/-c mode: where a range of LIST starts (cut.c's range starts). */
function rangeStarts(l: PositionList, complement: boolean): Set<number> {
  const starts = new Set<number>();
  const seen: [number, number][] = [];
  for (const [lo, hi] of l.ranges) {
    if (l.openFrom <= lo) continue;
    const candidate = complement ? hi + 1 : lo;
    if (!seen.some(([a, b]) => a <= candidate && candidate <= b)) starts.add(candidate);
    seen.push([lo, hi]);
  }
  if (!complement && l.openFrom !== Infinity && l.ranges.length > 0 && !seen.some(([a, b]) => a <= l.openFrom && l.openFrom <= b)) starts.add(l.openFrom);
  return starts;
}

export const cut: Command = (io) => {
  const parsed = getoptLong('cut', io.argv.slice(1), { short: 'b:c:d:f:ns', long: LONG });
  if (!parsed.ok) return fail(parsed.message);
  const usage = (message: string) => fail(`cut: ${message}\n${tryHelp('cut')}`);
  let mode: 'b' | 'c' | 'f' | undefined;
  let list = '';
  let delimiter: string | undefined;
  let outputDelimiter: string | undefined;
  let onlyDelimited = false;
  let complement = false;
  for (const { key, value } of parsed.options) {
    if (key.startsWith('--')) return fail(`lab: cut ${key} is not simulated\n`);
    if (key === 'b' || key === 'c' || key === 'f') {
      if (mode !== undefined) return usage('only one type of list may be specified');
      mode = key;
      list = value!;
    } else if (key === 'd') {
      // `-d ''` is the NUL byte.
      if ([...value!].length > 1) return usage('the delimiter must be a single character');
      delimiter = value === '' ? '\0' : value;
    } else if (key === 'output-delimiter') outputDelimiter = value === '' ? '\0' : value;
    else if (key === 's') onlyDelimited = true;
    else if (key === 'complement') complement = true;
  }
  if (mode === undefined) return usage('you must specify a list of bytes, characters, or fields');
  if (delimiter !== undefined && mode !== 'f') return usage('an input delimiter may be specified only when operating on fields');
  if (onlyDelimited && mode !== 'f') return usage('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  const positions = parseList(list, mode);
  if (typeof positions === 'string') return usage(positions);

  const delim = delimiter ?? '\t';
  const starts = rangeStarts(positions, complement);
  const cutLine = (line: string): string | undefined => {
    if (mode === 'f') {
      if (!line.includes(delim)) return onlyDelimited ? undefined : line;
      return line.split(delim).filter((_, i) => selected(positions, i + 1, complement)).join(outputDelimiter ?? delim);
    }
    const units = mode === 'c' ? [...line] : Array.from(new TextEncoder().encode(line));
    const kept: (string | number)[] = [];
    const delimiterBytes = outputDelimiter === undefined ? [] : Array.from(new TextEncoder().encode(outputDelimiter));
    units.forEach((u, i) => {
      if (!selected(positions, i + 1, complement)) return;
      if (outputDelimiter !== undefined && kept.length > 0 && starts.has(i + 1)) kept.push(...(mode === 'c' ? [outputDelimiter] : delimiterBytes));
      kept.push(u);
    });
    return mode === 'c' ? kept.join('') : new TextDecoder().decode(new Uint8Array(kept as number[]));
  };

  const out = new Output();
  let status = 0;
  for (const f of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const text = readInput(io, f);
    if (typeof text !== 'string') {
      out.err(`cut: ${f}: ${FS_MESSAGES[text.error]}\n`);
      status = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      const cutText = cutLine(line);
      if (cutText !== undefined) out.out(`${cutText}\n`);
    }
  }
  return done(out, status);
};
