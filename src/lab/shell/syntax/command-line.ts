import { STATUS_MARK, tokenize, type Operator, type Token } from './tokens.ts';

/** A redirection of a simple command, in bash's terms. */
export type Redirection =
  | { readonly kind: 'in'; readonly path: string }
  | { readonly kind: 'out'; readonly path: string; readonly append: boolean; readonly fd: 1 | 2 | 'both' }
  | { readonly kind: 'stderr-to-stdout' };

/** One simple command: its words and redirections. */
export interface SimpleCommand {
  readonly argv: readonly string[];
  readonly redirections: readonly Redirection[];
}

/** Commands joined by `|`. */
export interface Pipeline {
  readonly commands: readonly SimpleCommand[];
  /** Run with `&`. */
  readonly background: boolean;
  /** The pipeline's text as typed (for `jobs` and job notices). */
  readonly text: string;
}

/** A pipeline and how it is joined to the one before it (`;`/`&` run it anyway). */
export interface ListItem {
  readonly when: 'always' | 'and' | 'or';
  readonly pipeline: Pipeline;
}

/** A parsed command line: a list of pipelines (empty for a blank line or a comment). */
export type CommandLine = readonly ListItem[];

/** bash's message for a line it cannot parse (without the `bash: ` prefix). */
export interface SyntaxError {
  readonly kind: 'error';
  readonly message: string;
}

const REDIRECTS: readonly Operator[] = ['<', '>', '>>', '2>', '2>>', '&>', '2>&1'];
const COMPOUND = new Set(['for', 'while', 'until', 'if', 'case', 'select', 'function', '{', '(', '((', '[[']);

const unexpected = (what: string): SyntaxError => ({ kind: 'error', message: `syntax error near unexpected token \`${what}'` });

/** Whether a parse failed. */
export function isSyntaxError(r: CommandLine | SyntaxError): r is SyntaxError {
  return !Array.isArray(r);
}

/** Parses a line into a list of pipelines, or returns bash's syntax error. Never throws. */
export function parseCommandLine(line: string): CommandLine | SyntaxError {
  const tokens = tokenize(line);
  if (!Array.isArray(tokens)) return tokens;
  const items: ListItem[] = [];
  let when: ListItem['when'] = 'always';
  let i = 0;
  while (i < tokens.length) {
    const start = i;
    const commands: SimpleCommand[] = [];
    for (;;) {
      const parsed = parseSimple(tokens, i);
      if ('message' in parsed) return parsed;
      commands.push(parsed.command);
      i = parsed.next;
      const t = tokens[i];
      if (t?.kind === 'op' && t.op === '|') {
        i++;
        if (i >= tokens.length) return { kind: 'error', message: 'syntax error: unexpected end of file' };
        continue;
      }
      break;
    }
    const sep = tokens[i];
    const background = sep?.kind === 'op' && sep.op === '&';
    items.push({ when, pipeline: { commands, background, text: tokensText(tokens.slice(start, i)) } });
    if (sep === undefined) break;
    if (sep.kind !== 'op') return unexpected(sep.text);
    i++;
    if (sep.op === ';' || sep.op === '&') when = 'always';
    else if (sep.op === '&&') when = 'and';
    else if (sep.op === '||') when = 'or';
    else return unexpected(sep.op);
    if (i >= tokens.length && (sep.op === '&&' || sep.op === '||')) return { kind: 'error', message: 'syntax error: unexpected end of file' };
  }
  return items;
}

function parseSimple(tokens: readonly Token[], start: number): { command: SimpleCommand; next: number } | SyntaxError {
  const argv: string[] = [];
  const redirections: Redirection[] = [];
  let i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      if (argv.length === 0 && !t.quoted && COMPOUND.has(t.text)) {
        return { kind: 'error', message: `lab: this shell runs simple commands, pipelines and lists; "${t.text}" is not supported` };
      }
      argv.push(t.text);
      continue;
    }
    if (!REDIRECTS.includes(t.op)) break;
    if (t.op === '2>&1') {
      redirections.push({ kind: 'stderr-to-stdout' });
      continue;
    }
    const target = tokens[i + 1];
    if (target === undefined) return unexpected('newline');
    if (target.kind !== 'word') return unexpected(target.op);
    i++;
    if (t.op === '<') redirections.push({ kind: 'in', path: target.text });
    else redirections.push({
      kind: 'out', path: target.text, append: t.op === '>>' || t.op === '2>>',
      fd: t.op === '2>' || t.op === '2>>' ? 2 : t.op === '&>' ? 'both' : 1,
    });
  }
  if (argv.length === 0 && redirections.length === 0) {
    const t = tokens[i];
    return unexpected(t === undefined ? 'newline' : t.kind === 'op' ? t.op : t.text);
  }
  return { command: { argv, redirections }, next: i };
}

function tokensText(tokens: readonly Token[]): string {
  return tokens.map((t) => {
    if (t.kind === 'op') return t.op;
    const text = t.text.split(STATUS_MARK).join('$?');
    return /[\s'"\\;&|<>]/.test(text) || text === '' ? `'${text.replace(/'/g, "'\\''")}'` : text;
  }).join(' ');
}
