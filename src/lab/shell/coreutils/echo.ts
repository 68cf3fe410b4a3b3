import { ok, type Command } from '../command.ts';
import { ansicstr } from '../syntax/ansi-c.ts';

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
    const u = ansicstr(text, true);
    if (u.stop) return ok(u.text);
    text = u.text;
  }
  return ok(newline ? `${text}\n` : text);
};
