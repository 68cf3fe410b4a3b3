/**
 * How bash quotes a value it prints for the shell to read back (`set`, `set -x`):
 * sh_contains_shell_metas decides, sh_single_quote quotes (`'` written as `'\''`).
 */
export function shellQuote(value: string): string {
  if (value === '') return "''";
  const metas = /[ \t\n'"\\|&;()<>!{}*[\]?^$`]/.test(value) || /^[~#]/.test(value) || /[=:]~/.test(value);
  return metas ? `'${value.replace(/'/g, "'\\''")}'` : value;
}
