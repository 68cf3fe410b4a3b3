import { expandValue, expandWord, type Expander } from './expand.ts';
import type { Redirection } from './syntax/command-line.ts';

/** A redirection with its target expanded. */
export type ResolvedRedirection =
  | { readonly kind: 'in'; readonly path: string }
  /** A here-document's or here-string's text; `warning` is bash's when the input ended before its delimiter. */
  | { readonly kind: 'text'; readonly text: string; readonly warning?: string }
  | { readonly kind: 'out'; readonly path: string; readonly append: boolean; readonly fd: 1 | 2 | 'both' }
  | { readonly kind: 'stderr-to-stdout' }
  | { readonly kind: 'stdout-to-stderr' };

/**
 * Expands redirection targets when the command runs. Each must expand to exactly one word; bash
 * refuses anything else with `bash: $X: ambiguous redirect` (returned without the prefix).
 */
export function redirectionsOf(redirections: readonly Redirection[], x: Expander): ResolvedRedirection[] | string {
  const resolved: ResolvedRedirection[] = [];
  for (const r of redirections) {
    if (r.kind === 'stderr-to-stdout' || r.kind === 'stdout-to-stderr') {
      resolved.push(r);
      continue;
    }
    if (r.kind === 'heredoc') {
      const text = expandValue(r.body.parts, x);
      resolved.push(r.terminated ? { kind: 'text', text } : { kind: 'text', text, warning: `warning: here-document at line ${r.line} delimited by end-of-file (wanted \`${r.delimiter}')` });
      continue;
    }
    if (r.kind === 'herestring') {
      resolved.push({ kind: 'text', text: `${expandValue(r.target.parts, x)}\n` });
      continue;
    }
    const fields = expandWord(r.target, x);
    if (fields.length !== 1) return `${r.target.raw}: ambiguous redirect`;
    resolved.push(r.kind === 'in' ? { kind: 'in', path: fields[0]! } : { kind: 'out', path: fields[0]!, append: r.append, fd: r.fd });
  }
  return resolved;
}

/** Whether stdout goes to a file rather than where it was going (so it is not the terminal). */
export const redirectsStdout = (redirections: readonly ResolvedRedirection[]): boolean =>
  redirections.some((r) => r.kind === 'out' && r.fd !== 2);
