import type { OutputChunk } from './output.ts';

/**
 * An expansion that failed (`bad substitution`, an arithmetic error, `${X:?}`), with bash's
 * message. bash abandons the whole command it was reading; `fatal` ones (`${X:?}`) end a script.
 */
export class ExpansionError extends Error {
  /** What the command had written before it failed (a loop's earlier rounds), shown all the same. */
  before: readonly OutputChunk[] = [];

  constructor(message: string, readonly fatal = false) {
    super(message);
  }
}
