import type { SourceLine } from './ast.ts';

/**
 * A fatal error while awk runs: gawk's message, printed `awk: SOURCE:LINE: fatal: MESSAGE` when
 * the statement is known, or a lab stop (`lab: awk: …`) printed as it is. Thrown inside the
 * interpreter and caught by it; it never leaves the awk command.
 */
export class AwkFatal extends Error {
  constructor(message: string, readonly at?: SourceLine, readonly lab = false) {
    super(message);
  }
}
