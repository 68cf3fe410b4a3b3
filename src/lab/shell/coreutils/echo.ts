import { ok, type Command } from '../command.ts';

/** bash's echo -e escapes (\n \t \\ \a \b \e \f \r \v \0NNN \xHH; \c ends the output). */
function unescape(s: string): { text: string; stop: boolean } {
  let text = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      text += c;
      continue;
    }
    const n = s[++i]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', r: '\r', v: '\v' };
    if (n in simple) text += simple[n];
    else if (n === 'c') return { text, stop: true };
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      text += String.fromCharCode(parseInt(m || '0', 8));
      i += m.length;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
      if (m) {
        text += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else text += '\\x';
    } else text += `\\${n}`;
  }
  return { text, stop: false };
}

/** The bash builtin echo: `-n` (no newline), `-e`/`-E` (escapes on/off), combinable as `-ne`. */
export const echo: Command = (io) => {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < io.argv.length; i++) {
    const a = io.argv[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = io.argv.slice(i).join(' ');
  if (escapes) {
    const u = unescape(text);
    if (u.stop) return ok(u.text);
    text = u.text;
  }
  return ok(newline ? `${text}\n` : text);
};
