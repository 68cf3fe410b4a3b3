import { done, fail, type Command } from '../command.ts';
import { FS_MESSAGES, writeFile } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';
import { tryHelp } from './files.ts';
import { getoptLong, type LongOption } from './getopt-long.ts';
import { foldUpper } from './sort-keys.ts';
import { readInput, splitLines } from './text-input.ts';

/**
 * coreutils 8.22's uniq [-c] [-d] [-D[METHOD]] [-u] [-i] [-f N] [-s N] [-w N] [-z] [INPUT [OUTPUT]]:
 * adjacent lines that compare equal (after skipping N fields and N characters, over at most
 * -w characters) form a group, printed once from its first line. -c prefixes the group's size as
 * `%7ju `. Equal under en_US.UTF-8's strcoll means byte-equal for ASCII (see collate.ts), and -i
 * folds ASCII case as memcasecmp does. `uniq -N` is the obsolete -f N.
 */

const LONG: readonly LongOption[] = [
  { name: 'count', key: 'c', value: 'none' },
  { name: 'repeated', key: 'd', value: 'none' },
  { name: 'all-repeated', key: 'D', value: 'optional' },
  { name: 'skip-fields', key: 'f', value: 'required' },
  { name: 'ignore-case', key: 'i', value: 'none' },
  { name: 'skip-chars', key: 's', value: 'required' },
  { name: 'unique', key: 'u', value: 'none' },
  { name: 'zero-terminated', key: 'z', value: 'none' },
  { name: 'check-chars', key: 'w', value: 'required' },
  { name: 'help', key: '--help', value: 'none' },
  { name: 'version', key: '--version', value: 'none' },
];

const METHODS = ['none', 'prepend', 'separate'] as const;
type Delimit = (typeof METHODS)[number];

/** size_opt: a count (xstrtoul, base 10), or uniq's message for it. */
function count(value: string, what: string): number | string {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(value);
  return m ? Number(m[1]) : `uniq: ${value}: ${what}\n`;
}

/** find_field: the part of a line compared, after -f fields (blank-separated) and -s characters. */
function comparedPart(line: string, skipFields: number, skipChars: number, checkChars: number): string {
  let i = 0;
  for (let n = 0; n < skipFields && i < line.length; n++) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
  }
  return line.slice(Math.min(line.length, i + skipChars)).slice(0, checkChars);
}

export const uniq: Command = (io) => {
  const parsed = getoptLong('uniq', io.argv.slice(1), { short: '0123456789cdDf:is:uw:z', long: LONG });
  if (!parsed.ok) return fail(parsed.message);
  let counts = false;
  let printUnique = true;
  let printFirstRepeated = true;
  let printLaterRepeated = false;
  let delimit: Delimit = 'none';
  let ignoreCase = false;
  let skipChars = 0;
  let checkChars = Infinity;
  let eol = '\n';
  let skipFields = 0;
  let digitsWord = -1;
  for (const { key, value, word } of parsed.options) {
    if (key.startsWith('--')) return fail(`lab: uniq ${key} is not simulated\n`);
    if (/\d/.test(key)) {
      // The obsolete `-N` skips N fields; the digits of one word make one number.
      skipFields = (word === digitsWord ? skipFields * 10 : 0) + Number(key);
      digitsWord = word;
    } else if (key === 'c') counts = true;
    else if (key === 'd') printUnique = false;
    else if (key === 'u') printFirstRepeated = false;
    else if (key === 'i') ignoreCase = true;
    else if (key === 'z') eol = '\0';
    else if (key === 'D') {
      printUnique = false;
      printLaterRepeated = true;
      const method = value === undefined ? 'none' : METHODS.find((m) => m.startsWith(value) && value !== '');
      if (method === undefined) {
        const valid = METHODS.map((m) => `\n  - ‘${m}’`).join('');
        return fail(`uniq: invalid argument ‘${value}’ for ‘--all-repeated’\nValid arguments are:${valid}\n${tryHelp('uniq')}`);
      }
      delimit = method;
    } else {
      const what = key === 'f' ? 'invalid number of fields to skip' : key === 's' ? 'invalid number of bytes to skip' : 'invalid number of bytes to compare';
      const n = count(value!, what);
      if (typeof n === 'string') return fail(n);
      if (key === 'f') skipFields = n;
      else if (key === 's') skipChars = n;
      else checkChars = n;
    }
  }
  const [input = '-', output, extra] = parsed.operands;
  if (extra !== undefined) return fail(`uniq: extra operand ‘${extra}’\n${tryHelp('uniq')}`);
  if (counts && printLaterRepeated) return fail(`uniq: printing all duplicated lines and repeat counts is meaningless\n${tryHelp('uniq')}`);
  const text = readInput(io, input);
  if (typeof text !== 'string') {
    return fail(text.error === 'EISDIR' ? `uniq: error reading ${input}\n` : `uniq: ${input}: ${FS_MESSAGES[text.error]}\n`);
  }

  const same = (a: string, b: string): boolean => {
    const x = comparedPart(a, skipFields, skipChars, checkChars);
    const y = comparedPart(b, skipFields, skipChars, checkChars);
    return ignoreCase ? foldUpper(x) === foldUpper(y) : x === y;
  };
  let result = '';
  const writeLine = (line: string, match: boolean, repeats: number): void => {
    if (!(repeats === 0 ? printUnique : !match ? printFirstRepeated : printLaterRepeated)) return;
    result += `${counts ? `${String(repeats + 1).padStart(7)} ` : ''}${line}${eol}`;
  };
  // check_file: compare each line with the group's first (with -D, with the line before it).
  const lines = splitLines(text, eol);
  if (lines.length > 0) {
    let previous = lines[0]!;
    let repeats = 0;
    let firstDelimiter = true;
    for (const line of lines.slice(1)) {
      const match = same(line, previous);
      if (match) repeats++;
      if (delimit !== 'none') {
        if (!match) {
          if (repeats > 0) firstDelimiter = false;
        } else if (repeats === 1 && (delimit === 'prepend' || !firstDelimiter)) result += eol;
      }
      if (!match || printLaterRepeated) {
        writeLine(previous, match, repeats);
        previous = line;
        if (!match) repeats = 0;
      }
    }
    writeLine(previous, false, repeats);
  }
  if (output === undefined || output === '-') return done(new Output().out(result), 0);
  const written = writeFile(io, resolvePath(io.state.cwd, output), result, false);
  if (typeof written === 'string') return fail(`uniq: ${output}: ${FS_MESSAGES[written]}\n`);
  return done(new Output(), 0, withNode(io.doc, written));
};
