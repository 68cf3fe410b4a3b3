import { isName } from './syntax/word.ts';
import type { LabDocument } from '../document.ts';
import { DEFAULT_IFS, delimiterEnd, ifsClasses } from './ifs.ts';
import type { OutputChunk } from './output.ts';
import type { Ran, Stamp, Where } from './session-frame.ts';

/**
 * bash 4.2's `read [-r] [-p PROMPT] [-a ARRAY] [NAME…]`: one line of the standard input, split by
 * IFS into the names (the last takes the rest of the line), every field into the elements
 * of ARRAY with -a, or whole into REPLY. Without
 * -r a backslash quotes the next character and a backslash-newline continues the line. Status 1
 * at the end of the input (the names still get what was read). (In a pipeline of several
 * commands read runs in a subshell, so what it assigns there is lost: see the session.)
 */
const USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n';

export function readBuiltin(doc: LabDocument, at: Where, argv: readonly string[], stamp: Stamp): Ran {
  const fail = (text: string, exitCode: number): Ran => ({ output: stamp([{ stream: 'stderr', text }]), exitCode, doc });
  let raw = false;
  let array: string | undefined;
  // internal_getopt, as bash's builtins read their options: they end at the first word that is
  // none, or at `--`; a letter taking a value takes the rest of its word or the next word.
  const args = argv.slice(1);
  let k = 0;
  for (; k < args.length && /^-./.test(args[k]!); k++) {
    const a = args[k]!;
    if (a === '--') {
      k++;
      break;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'r') raw = true;
      else if ('apdintuN'.includes(c)) {
        const value = a.slice(j + 1) || args[++k];
        if (value === undefined) return fail(`bash: read: -${c}: option requires an argument\n${USAGE}`, 2);
        if (c === 'a') array = value;
        else if (c !== 'p') return fail(`lab: read: -${c} is not simulated (read takes -r, -a and -p here)\n`, 2);
        break;
      } else if (c === 'e' || c === 's') {
        return fail(`lab: read: -${c} is not simulated (read takes -r, -a and -p here)\n`, 2);
      } else {
        return fail(`bash: read: -${c}: invalid option\n${USAGE}`, 2);
      }
    }
  }
  const names = args.slice(k);
  for (const n of array !== undefined ? [array] : names) {
    if (!isName(n)) return fail(`bash: read: \`${n}': not a valid identifier\n`, 1);
  }
  const input = at.input;
  // The prompt of -p is shown only when the input is a terminal, which the lab's read never reads.
  if (!input) return fail('lab: read: reading from the terminal is not simulated; give read its input with a pipe, < FILE or <<<\n', 1);
  const { line, eof } = takeLine(input, raw);
  const problem = array !== undefined ? at.state.variables.setArray(array, fields(line, raw, at.state.variables.get('IFS')).map((f) => [undefined, f] as const), false) : assign(at, names, line, raw);
  if (problem !== undefined) return fail(`bash: ${problem}\n`, 1);
  return { output: [] as OutputChunk[], exitCode: eof ? 1 : 0, doc };
}

/** The next line of the input (without its newline; backslash-newline joins lines unless raw), and whether the input ended first. */
function takeLine(input: { readonly text: string; pos: number }, raw: boolean): { line: string; eof: boolean } {
  let line = '';
  const { text } = input;
  while (input.pos < text.length) {
    const c = text[input.pos++]!;
    if (c === '\n') return { line, eof: false };
    if (c === '\\' && !raw && input.pos < text.length) {
      const next = text[input.pos++]!;
      if (next !== '\n') line += `\\${next}`;
      continue;
    }
    line += c;
  }
  return { line, eof: true };
}

/**
 * The line split as bash 4.2's read splits it by IFS (read.def): leading IFS whitespace skipped,
 * each field ended by an IFS character (with the IFS whitespace around it); a character after a
 * backslash is never a delimiter (unless raw). With `count`, the last field takes the rest of the
 * line, trailing IFS whitespace removed — or, when only one more field is left, that field alone.
 */
function fields(line: string, raw: boolean, ifs: string | undefined, count = Infinity): string[] {
  const seps = ifs ?? DEFAULT_IFS;
  const unquote = (t: string): string => (raw ? t : t.replace(/\\(.)/g, '$1'));
  if (seps === '') return line === '' ? [] : [unquote(line)];
  const classes = ifsClasses(ifs);
  const { isSep, isWhite } = classes;
  const n = line.length;
  /** The end of the field starting at `j` (escapes skipped). */
  const fieldEnd = (j: number): number => {
    while (j < n && !isSep(line[j])) j += !raw && line[j] === '\\' && j + 1 < n ? 2 : 1;
    return j;
  };
  const out: string[] = [];
  let i = 0;
  while (isWhite(line[i])) i++;
  while (i < n && out.length < count - 1) {
    const end = fieldEnd(i);
    out.push(unquote(line.slice(i, end)));
    i = delimiterEnd(line, end, classes);
  }
  if (i < n && out.length === count - 1) {
    const end = fieldEnd(i);
    if (delimiterEnd(line, end, classes) >= n) out.push(unquote(line.slice(i, end)));
    else {
      let rest = line.slice(i);
      while (rest !== '' && isWhite(rest[rest.length - 1]) && !(!raw && rest.length >= 2 && rest[rest.length - 2] === '\\')) rest = rest.slice(0, -1);
      out.push(unquote(rest));
    }
  }
  return out;
}

/** Assigns the line's fields to the names (the last takes the rest; missing ones get ""), or the whole line to REPLY; bash's message when one is read-only. */
function assign(at: Where, names: readonly string[], line: string, raw: boolean): string | undefined {
  const vars = at.state.variables;
  if (names.length === 0) return vars.set('REPLY', raw ? line : line.replace(/\\(.)/g, '$1'));
  const values = fields(line, raw, vars.get('IFS'), names.length);
  for (const [k, name] of names.entries()) {
    const problem = vars.set(name, values[k] ?? '');
    if (problem !== undefined) return problem;
  }
  return undefined;
}
