import { expandValue, type Expander } from './expand.ts';
import { ExpansionError } from './expansion-error.ts';
import type { OutputChunk } from './output.ts';
import { variableOf, type Where } from './session-frame.ts';
import { arithWord } from './syntax/tokens.ts';

/**
 * set -x: the command as it runs, after PS4 expanded (`+ ` by default), its first character
 * once more for each command substitution around it (indirection_level_string).
 */
export function xtraceLine(at: Where, words: readonly string[], x: Expander): OutputChunk {
  return { stream: 'stderr', text: `${tracePrompt(at, x)}${words.join(' ')}\n` };
}

/** PS4 as set -x shows it now (an assignment is traced with the prompt from before it). */
export function tracePrompt(at: Where, x: Expander): string {
  const ps4 = variableOf(at, 'PS4') ?? '';
  let prompt = ps4;
  // indirection_level_string turns -x off while PS4 expands (a $(…) in it is not traced).
  const options = at.state.options;
  options.delete('xtrace');
  try {
    prompt = expandValue(arithWord(ps4).parts, x);
  } catch (e) {
    if (!(e instanceof ExpansionError)) throw e;
  } finally {
    options.add('xtrace');
  }
  return prompt === '' ? '' : prompt[0]!.repeat(1 + (at.nesting ?? 0)) + prompt.slice(1);
}
