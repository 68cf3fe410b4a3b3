/** What a command writes, in the order it writes it, each piece stamped with virtual time when known. */

/** A piece of a command's output. `timeUs` is set for output produced while traffic ran (ping's replies). */
export interface OutputChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
  readonly timeUs?: number;
}

/** Collects a command's stdout and stderr in order. */
export class Output {
  readonly chunks: OutputChunk[] = [];

  /** Writes to stdout. */
  out(text: string, timeUs?: number): this {
    if (text !== '') this.chunks.push({ stream: 'stdout', text, ...(timeUs !== undefined ? { timeUs } : {}) });
    return this;
  }

  /** Writes to stderr. */
  err(text: string, timeUs?: number): this {
    if (text !== '') this.chunks.push({ stream: 'stderr', text, ...(timeUs !== undefined ? { timeUs } : {}) });
    return this;
  }

  /** Appends another command's output. */
  append(chunks: readonly OutputChunk[]): this {
    this.chunks.push(...chunks);
    return this;
  }

  get stdout(): string {
    return joinStream(this.chunks, 'stdout');
  }

  get stderr(): string {
    return joinStream(this.chunks, 'stderr');
  }
}

/** The text of one stream. */
export function joinStream(chunks: readonly OutputChunk[], stream: 'stdout' | 'stderr'): string {
  return chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
}

/** Lines of text, each ending with a newline. */
export const lines = (...ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');
