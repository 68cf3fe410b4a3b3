import { done, fail, type Command } from '../command.ts';
import { FS_MESSAGES, readFile } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { Output } from '../output.ts';
import { readInput, splitLines } from './text-input.ts';

const USAGE = "Usage: grep [OPTION]... PATTERN [FILE]...\nTry 'grep --help' for more information.\n";

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

/** Copies a bracket expression starting at `i` (after `[`), translating POSIX classes; returns the JS text and the end. */
function bracket(p: string, i: number): { text: string; end: number } | null {
  let j = i;
  let text = '[';
  if (p[j] === '^') {
    text += '^';
    j++;
  }
  if (p[j] === ']') {
    text += '\\]';
    j++;
  }
  for (; j < p.length; j++) {
    const c = p[j]!;
    if (c === ']') return { text: `${text}]`, end: j + 1 };
    const cls = /^\[:([a-z]+):\]/.exec(p.slice(j));
    if (cls && CLASSES[cls[1]!] !== undefined) {
      text += CLASSES[cls[1]!];
      j += cls[0].length - 1;
      continue;
    }
    text += c === '\\' || c === '[' ? `\\${c}` : c;
  }
  return null;
}

/**
 * A GNU grep pattern as a JavaScript RegExp: basic regular expressions (where `\( \) \{ \} \| \+ \?`
 * are operators and the bare characters literal) or, with -E, extended ones. Null when invalid.
 */
export function grepRegExp(pattern: string, extended: boolean, ignoreCase: boolean, word: boolean): RegExp | null {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      const b = bracket(pattern, i + 1);
      if (!b) return null;
      src += b.text;
      i = b.end - 1;
      continue;
    }
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[++i]!;
      if (n === '<' || n === '>') src += '\\b';
      else if (!extended && '(){}|+?'.includes(n)) src += n;
      else if ('wWsSbB'.includes(n)) src += `\\${n}`;
      else src += /[A-Za-z0-9]/.test(n) ? n : `\\${n}`;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) src += `\\${c}`;
    else if (c === '/') src += '\\/';
    else src += c;
  }
  if (word) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  try {
    return new RegExp(src, ignoreCase ? 'i' : '');
  } catch {
    return null;
  }
}

/** grep [-i] [-v] [-c] [-n] [-w] [-o] [-q] [-E] [-e PATTERN] PATTERN [FILE…], reading stdin without files. */
export const grep: Command = (io) => {
  const flags = new Set<string>();
  const operands: string[] = [];
  let pattern: string | undefined;
  let before = 0;
  let after = 0;
  const args = io.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) return fail(`grep: unrecognized option '${a}'\n${USAGE}`, 2);
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const f = a[k]!;
        if (f === 'e') {
          const v = a.slice(k + 1) || args[++i];
          if (v === undefined) return fail(`grep: option requires an argument -- 'e'\n${USAGE}`, 2);
          pattern = v;
          break;
        }
        if (f === 'A' || f === 'B' || f === 'C') {
          const v = a.slice(k + 1) || args[++i];
          if (v === undefined) return fail(`grep: option requires an argument -- '${f}'\n${USAGE}`, 2);
          if (!/^\d+$/.test(v)) return fail(`grep: ${v}: invalid context length argument\n`, 2);
          if (f !== 'B') after = Number(v);
          if (f !== 'A') before = Number(v);
          break;
        }
        if (!'ivcnwoqEsHh'.includes(f)) return fail(`grep: invalid option -- '${f}'\n${USAGE}`, 2);
        flags.add(f);
      }
      continue;
    }
    operands.push(a);
  }
  if (pattern === undefined) pattern = operands.shift();
  if (pattern === undefined) return fail(USAGE, 2);
  const re = grepRegExp(pattern, flags.has('E'), flags.has('i'), flags.has('w'));
  if (!re) return fail(/\[/.test(pattern) ? 'grep: Unmatched [ or [^\n' : 'grep: Invalid regular expression\n', 2);
  const out = new Output();
  let status = 1;
  let errors = false;
  const inputs: { name: string; text: string }[] = [];
  if (operands.length === 0) inputs.push({ name: '(standard input)', text: io.stdin ?? '' });
  for (const f of operands) {
    // `-` is standard input, named so in grep's output.
    const t = readInput(io, f);
    if (typeof t !== 'string') {
      if (!flags.has('s')) out.err(`grep: ${f}: ${FS_MESSAGES[t.error]}\n`);
      errors = true;
    } else inputs.push({ name: f === '-' ? '(standard input)' : f, text: t });
  }
  const prefixNames = (inputs.length > 1 || flags.has('H')) && !flags.has('h');
  for (const input of inputs) {
    const ls = splitLines(input.text);
    let count = 0;
    // Context lines (-A/-B/-C) use "-" after the name and number, groups are separated by "--".
    let lastPrinted = -1;
    const print = (idx: number, sep: ':' | '-'): void => {
      if (lastPrinted >= 0 && idx > lastPrinted + 1 && (before > 0 || after > 0)) out.out('--\n');
      out.out(`${prefixNames ? `${input.name}${sep}` : ''}${flags.has('n') ? `${idx + 1}${sep}` : ''}${ls[idx]!}\n`);
      lastPrinted = idx;
    };
    let afterLeft = 0;
    ls.forEach((line, idx) => {
      const m = re.exec(line);
      if ((m !== null) === flags.has('v')) {
        if (afterLeft > 0 && !flags.has('q') && !flags.has('c')) {
          print(idx, '-');
          afterLeft--;
        }
        return;
      }
      count++;
      status = 0;
      if (flags.has('q') || flags.has('c')) return;
      if (flags.has('o') && m) {
        const prefix = `${prefixNames ? `${input.name}:` : ''}${flags.has('n') ? `${idx + 1}:` : ''}`;
        const g = new RegExp(re.source, `${re.flags}g`);
        for (const x of line.matchAll(g)) if (x[0] !== '') out.out(`${prefix}${x[0]}\n`);
        return;
      }
      for (let b = Math.max(lastPrinted + 1, idx - before); b < idx; b++) print(b, '-');
      print(idx, ':');
      afterLeft = after;
    });
    if (flags.has('c') && !flags.has('q')) out.out(`${prefixNames ? `${input.name}:` : ''}${count}\n`);
  }
  if (flags.has('q') && status === 0) return done(new Output(), 0);
  return done(out, errors && status !== 0 ? 2 : errors && !flags.has('q') ? 2 : status);
};

/** head/tail -n N (or -N) lines, or -c N bytes: the first or last of files or stdin. */
/** wc -l (lines), -w, -c of stdin or files. */
export const wc: Command = (io) => {
  const args = io.argv.slice(1);
  const opts = args.filter((a) => a.startsWith('-') && a !== '-').join('').replace(/-/g, '');
  const bad = [...opts].find((c) => !'lwc'.includes(c));
  if (bad) return fail(`wc: invalid option -- '${bad}'\nTry 'wc --help' for more information.\n`);
  const which = (opts === '' ? ['l', 'w', 'c'] : ['l', 'w', 'c'].filter((k) => opts.includes(k))) as ('l' | 'w' | 'c')[];
  const count = (text: string) => ({ l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter((w) => w !== '').length, c: new TextEncoder().encode(text).length });
  const operands = args.filter((a) => a === '-' || !a.startsWith('-'));
  const out = new Output();
  if (operands.length === 0) {
    // From a pipe: one count alone, else each in 7 columns (compute_number_width for a non-regular file).
    const c = count(io.stdin ?? '');
    const values = which.map((k) => c[k]);
    out.out(`${values.length === 1 ? String(values[0]) : values.map((v) => String(v).padStart(7)).join(' ')}\n`);
    return done(out, 0);
  }
  // Files (get_input_fstatus, compute_number_width): one file and one count, or a first file that
  // cannot be read, take width 1; else the width of the regular files' total size (a /proc file's
  // size is 0), at least 7 with standard input among them. A line for each, a total for several.
  const read = operands.map((name) => {
    if (name === '-') return { name, text: io.stdin ?? '', size: undefined };
    const path = resolvePath(io.state.cwd, name);
    const t = readFile(io, path);
    return typeof t === 'string' ? { name, text: t, size: path.startsWith('/proc/') ? 0 : new TextEncoder().encode(t).length } : { name, error: FS_MESSAGES[t.error] };
  });
  let total = 0;
  let minimum = 1;
  for (const r of read) {
    if ('error' in r) continue;
    if (r.size === undefined) minimum = 7;
    else total += r.size;
  }
  const width = (read.length === 1 && which.length === 1) || 'error' in read[0]! ? 1 : Math.max(minimum, String(total).length);
  const sums = { l: 0, w: 0, c: 0 };
  let status = 0;
  const line = (values: readonly number[], name: string) => `${values.map((v) => String(v).padStart(width)).join(' ')} ${name}\n`;
  for (const r of read) {
    if ('error' in r) {
      out.err(`wc: ${r.name}: ${r.error}\n`);
      status = 1;
      if (r.error === FS_MESSAGES.EISDIR) out.out(line(which.map(() => 0), r.name));
      continue;
    }
    const c = count(r.text);
    for (const k of which) sums[k] += c[k];
    out.out(line(which.map((k) => c[k]), r.name));
  }
  if (read.length > 1) out.out(line(which.map((k) => sums[k]), 'total'));
  return done(out, status);
};
