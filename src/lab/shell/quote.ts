/**
 * How bash quotes a value it prints for the shell to read back (`set`, `set -x`):
 * sh_contains_shell_metas decides, sh_single_quote quotes (`'` written as `'\''`).
 */
/** sh_single_quote: `'…'`, a `'` written as `'\''`. */
export const singleQuote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** sh_double_quote: `"…"` with `"`, `\`, `$` and `` ` `` escaped. */
export const doubleQuote = (s: string): string => `"${s.replace(/["\\$`]/g, '\\$&')}"`;

/** An array's elements as `set` and `declare -p` show them: `([0]="a" [1]="b")`. */
export function arrayLiteral(indices: readonly number[], values: readonly string[]): string {
  return `(${indices.map((i, k) => `[${i}]=${doubleQuote(values[k]!)}`).join(' ')})`;
}

export function shellQuote(value: string): string {
  if (value === '') return "''";
  // A value with non-printing characters is written $'…' (ansic_shouldquote, ansic_quote).
  if ([...value].some((c) => c < ' ' || c === '\x7f')) return ansicQuote(value);
  const metas = /[ \t\n'"\\|&;()<>!{}*[\]?^$`]/.test(value) || /^[~#]/.test(value) || /[=:]~/.test(value);
  return metas ? singleQuote(value) : value;
}

const ANSIC: Readonly<Record<string, string>> = { '\x07': 'a', '\b': 'b', '\x1b': 'E', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\\': '\\', "'": "'" };

/** ansic_quote: `$'…'` with C escapes, other control characters in octal. */
function ansicQuote(value: string): string {
  let out = "$'";
  for (const c of value) {
    const e = ANSIC[c];
    if (e !== undefined) out += `\\${e}`;
    else if (c < ' ' || c === '\x7f') out += `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`;
    else out += c;
  }
  return `${out}'`;
}
