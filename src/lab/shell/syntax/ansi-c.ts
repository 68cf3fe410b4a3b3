/**
 * bash's ansicstr (lib/sh/strtrans.c), which decodes both `$'…'` and `echo -e`: `\a \b \e \E \f
 * \n \r \t \v \\`, octal, `\xHH`, `\uHHHH`, `\UHHHHHHHH`; another backslash stays. For echo
 * (`forEcho`) an octal escape is `\0` and up to three digits, `\'`, `\"` and `\?` keep their
 * backslash, and `\c` ends the output; in `$'…'` an octal escape is up to three digits, `\'`,
 * `\"` and `\?` are the character, and `\cX` is the control character X.
 */
export function ansicstr(text: string, forEcho: boolean): { readonly text: string; readonly stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const e = text[++i]!;
    const digits = (re: RegExp, max: number): string => {
      let d = '';
      while (d.length < max && i + 1 < text.length && re.test(text[i + 1]!)) d += text[++i];
      return d;
    };
    const simple = ESCAPES[e];
    if (simple !== undefined) out += simple;
    else if (e === "'" || e === '"' || e === '?') out += forEcho ? `\\${e}` : e;
    else if (/[0-7]/.test(e) && (!forEcho || e === '0')) {
      // echo's \0NNN takes three digits after the 0; $'\NNN' three in all.
      out += String.fromCharCode(parseInt((forEcho ? '' : e) + digits(/[0-7]/, forEcho ? 3 : 2) || '0', 8) & 0xff);
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const hex = digits(/[0-9a-fA-F]/, e === 'x' ? 2 : e === 'u' ? 4 : 8);
      out += hex === '' ? `\\${e}` : String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    } else if (e === 'c') {
      if (forEcho) return { text: out, stop: true };
      if (i + 1 < text.length) out += String.fromCharCode(text[++i]!.toUpperCase().charCodeAt(0) & 0x1f);
      else out += '\\c';
    } else {
      out += `\\${e}`;
    }
  }
  return { text: out, stop: false };
}

const ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\',
};
