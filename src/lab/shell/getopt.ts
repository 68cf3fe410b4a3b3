/** One step of POSIX getopt over a command's arguments. */
export type GetoptItem =
  | { readonly kind: 'option'; readonly flag: string; readonly value: string | undefined }
  | { readonly kind: 'operand'; readonly text: string }
  /** A flag that takes a value came last, with nothing after it. */
  | { readonly kind: 'missing'; readonly flag: string };

/**
 * The options and operands of `args` as getopt(3) reads them for the iputils and tcpdump tools:
 * letters combine (`-qc3`), a letter of `withValue` takes the rest of its word or else the next
 * word, and operands may stand between options. `-` alone is an operand.
 */
export function* getopt(args: readonly string[], withValue: string): Generator<GetoptItem> {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      yield { kind: 'operand', text: a };
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const flag = a[k]!;
      if (!withValue.includes(flag)) {
        yield { kind: 'option', flag, value: undefined };
        continue;
      }
      const value = a.slice(k + 1) || args[++i];
      yield value === undefined ? { kind: 'missing', flag } : { kind: 'option', flag, value };
      break;
    }
  }
}
