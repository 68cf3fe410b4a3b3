/**
 * The words and operators of one bash command line, as bash's tokenizer splits them: quotes
 * ('…' literal, "…" with \" \\ \$ \` escapes), backslash escapes, `#` comments at a word start,
 * the control operators `; & && || |` and the redirections `< > >> 2> 2>> 2>&1 &>`. Parameter
 * expansion is limited to `$?` (left as STATUS_MARK, which the shell replaces when the command
 * runs, as bash expands it then) and unset variables (which expand to nothing, as in bash);
 * command substitution is refused.
 */

/** Where `$?` stood: the shell puts the last exit status there when the command runs. */
export const STATUS_MARK = '\uE000';

/** A word (already unquoted) or an operator. */
export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'op'; readonly op: Operator };

export type Operator = ';' | '&' | '&&' | '||' | '|' | '<' | '>' | '>>' | '2>' | '2>>' | '2>&1' | '&>';

/** Why a line could not be split: bash's own message (without the `bash: ` prefix). */
export interface TokenError {
  readonly kind: 'error';
  readonly message: string;
}

const OPERATORS: readonly Operator[] = ['2>&1', '2>>', '&&', '||', '>>', '&>', '2>', ';', '&', '|', '<', '>'];

/** Splits a command line into tokens. */
export function tokenize(line: string): Token[] | TokenError {
  const tokens: Token[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  const flush = (): void => {
    if (inWord) tokens.push({ kind: 'word', text: word, quoted });
    word = '';
    inWord = false;
    quoted = false;
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (c === '\n') {
      // A newline ends a command, as `;` does (pasted lines run one after another).
      flush();
      if (tokens.length > 0 && !(tokens[tokens.length - 1]!.kind === 'op')) tokens.push({ kind: 'op', op: ';' });
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      const eol = line.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < line.length) word += line[i + 1]!;
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return unexpectedEof("'");
      word += line.slice(i + 1, end);
      inWord = true;
      quoted = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= line.length) return unexpectedEof('"');
        const d = line[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1]!)) {
          text += line[j + 1]!;
          j += 2;
          continue;
        }
        if (d === '$' || d === '`') {
          const expanded = expand(line, j);
          if (expanded === null) {
            text += d;
            j++;
            continue;
          }
          if ('message' in expanded) return expanded;
          text += expanded.value;
          j = expanded.end;
          continue;
        }
        text += d;
        j++;
      }
      word += text;
      inWord = true;
      quoted = true;
      i = j + 1;
      continue;
    }
    if (c === '$' || c === '`') {
      const expanded = expand(line, i);
      if (expanded !== null) {
        if ('message' in expanded) return expanded;
        word += expanded.value;
        inWord = true;
        i = expanded.end;
        continue;
      }
    }
    // `2>` is a redirection only when the 2 stands alone (bash: `a2>f` is the word a2 then `>`).
    if (c === '2' && !inWord && (line[i + 1] === '>')) {
      const op = OPERATORS.find((o) => o.startsWith('2') && line.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', op });
        i += op.length;
        continue;
      }
    }
    const op = OPERATORS.find((o) => !o.startsWith('2') && line.startsWith(o, i));
    if (op) {
      flush();
      tokens.push({ kind: 'op', op });
      i += op.length;
      continue;
    }
    if (c === '~' && !inWord && (i + 1 === line.length || line[i + 1] === '/' || ' \t;&|<>'.includes(line[i + 1]!))) {
      word += '/root';
      inWord = true;
      i++;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  flush();
  return tokens;
}

function unexpectedEof(quote: string): TokenError {
  return { kind: 'error', message: `unexpected EOF while looking for matching \`${quote}'\nbash: syntax error: unexpected end of file` };
}

/**
 * `$?`, `$NAME`, `${NAME}` and `$1`: the lab's shell has no variables, so every name is unset and
 * expands to nothing, exactly as bash expands an unset variable. `$(…)` and backquotes would run
 * a command, which this shell does not do.
 */
function expand(line: string, i: number): { value: string; end: number } | TokenError | null {
  if (line[i] === '`' || line.startsWith('$(', i)) {
    return { kind: 'error', message: 'lab: command substitution ($(…) and `…`) is not supported by this shell' };
  }
  const rest = line.slice(i + 1);
  if (rest.startsWith('?')) return { value: STATUS_MARK, end: i + 2 };
  const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
  if (braced) return { value: '', end: i + 1 + braced[0].length };
  const named = /^([A-Za-z_][A-Za-z0-9_]*|[0-9])/.exec(rest);
  if (named) return { value: '', end: i + 1 + named[0].length };
  return null;
}
