/**
 * Where a command substitution ends, as bash's parser finds it: `$(…)` ends at the `)` that
 * balances it, skipping quoted text, nested `$(…)` and backquotes; `` `…` `` ends at the next
 * unescaped backquote. A scan that runs off the line answers the character bash was looking for.
 */

/** The index after the `)` closing the `$(` at `i`, or the missing character. */
export function dollarParenEnd(line: string, i: number): number | string {
  let depth = 0;
  let j = i + 2;
  while (j < line.length) {
    const c = line[j]!;
    if (c === '\\') {
      j += 2;
      continue;
    }
    let end: number | string | undefined;
    if (c === "'") {
      const q = line.indexOf("'", j + 1);
      end = q < 0 ? "'" : q + 1;
    } else if (c === '"') end = doubleQuoteEnd(line, j);
    else if (c === '`') end = backquoteEnd(line, j);
    else if (c === '$' && line[j + 1] === '(') end = dollarParenEnd(line, j);
    if (end !== undefined) {
      if (typeof end === 'string') return end;
      j = end;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return j + 1;
      depth--;
    }
    j++;
  }
  return ')';
}

/** The index after the `"` closing the one at `i`, or the missing character. */
function doubleQuoteEnd(line: string, i: number): number | string {
  let j = i + 1;
  while (j < line.length) {
    const c = line[j]!;
    if (c === '"') return j + 1;
    if (c === '\\') {
      j += 2;
      continue;
    }
    const end = c === '`' ? backquoteEnd(line, j) : c === '$' && line[j + 1] === '(' ? dollarParenEnd(line, j) : undefined;
    if (typeof end === 'string') return end;
    j = end ?? j + 1;
  }
  return '"';
}

/** The index after the backquote closing the one at `i`, or the missing character. */
export function backquoteEnd(line: string, i: number): number | string {
  for (let j = i + 1; j < line.length; j++) {
    if (line[j] === '\\') j++;
    else if (line[j] === '`') return j + 1;
  }
  return '`';
}

/**
 * The command inside backquotes: a backslash keeps its meaning only before `$`, `` ` `` and `\`
 * (and, inside double quotes, `"`), where it is removed (bash's "old-style" substitution).
 */
export function backquoteSource(body: string, inDoubleQuotes: boolean): string {
  let s = '';
  for (let j = 0; j < body.length; j++) {
    const c = body[j]!;
    if (c === '\\' && j + 1 < body.length && ('$`\\'.includes(body[j + 1]!) || (inDoubleQuotes && body[j + 1] === '"'))) {
      s += body[++j]!;
    } else s += c;
  }
  return s;
}

/**
 * The index after the `}` closing the `${` at `i`, skipping escapes, quotes (within double quotes
 * a `'` is an ordinary character), nested `${…}`, `$(…)` and backquotes; or the missing `}`.
 */
export function dollarBraceEnd(line: string, i: number, inDoubleQuotes: boolean): number | string {
  let j = i + 2;
  while (j < line.length) {
    if (line[j] === '}') return j + 1;
    const end = quotedEnd(line, j, inDoubleQuotes);
    if (typeof end === 'string') return end;
    j = end ?? j + 1;
  }
  return '}';
}

/**
 * The index after the escape, quote or expansion that starts at `j` (`\x`, '…' — an ordinary
 * character within double quotes —, "…", `…`, $(…), ${…}), the character an unclosed one lacks,
 * or undefined when none starts there.
 */
export function quotedEnd(line: string, j: number, inDoubleQuotes = false): number | string | undefined {
  const c = line[j]!;
  if (c === '\\') return j + 2;
  if (c === "'" && !inDoubleQuotes) {
    const q = line.indexOf("'", j + 1);
    return q < 0 ? "'" : q + 1;
  }
  if (c === '"') return doubleQuoteEnd(line, j);
  if (c === '`') return backquoteEnd(line, j);
  if (c === '$' && line[j + 1] === '(') return dollarParenEnd(line, j);
  if (c === '$' && line[j + 1] === '{') return dollarBraceEnd(line, j, inDoubleQuotes);
  return undefined;
}

/**
 * Where an arithmetic expression that starts at `start` (after `$((` or `((`) ends: the index
 * after its `))`; 'not-arith' when a `)` closes the outer parenthesis alone (`$( (a) )`-like
 * subshells); `)` when the line ends first.
 */
export function arithEnd(line: string, start: number): number | 'not-arith' | ')' {
  let depth = 0;
  let j = start;
  while (j < line.length) {
    const c = line[j]!;
    const end = quotedEnd(line, j);
    if (typeof end === 'string') return ')';
    if (end !== undefined) {
      j = end;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth > 0) depth--;
      else return line[j + 1] === ')' ? j + 2 : 'not-arith';
    }
    j++;
  }
  return ')';
}
