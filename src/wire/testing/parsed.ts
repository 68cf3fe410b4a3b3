// Test-only: unwrap parse results with a readable failure.
import { formatWireError, type Parsed } from '../result.ts';

/** The parsed value; throws with the formatted wire error otherwise. */
export function valueOf<T>(result: Parsed<T>): T {
  if (!result.ok) throw new Error(`unexpected parse error: ${formatWireError(result.error)}`);
  return result.value;
}

/** The formatted wire error; throws if parsing succeeded. */
export function errorOf<T>(result: Parsed<T>): string {
  if (result.ok) throw new Error('expected a parse error, but parsing succeeded');
  return formatWireError(result.error);
}
