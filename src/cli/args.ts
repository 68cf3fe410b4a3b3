/** Parsed command-line options: positional arguments and `--name value` flags. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/** Splits argv; flags listed in `withValue` take the next argument as their value. */
export function parseArgs(argv: readonly string[], withValue: readonly string[], boolean: readonly string[]): ParsedArgs | string {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (withValue.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') return `option --${name} needs a value`;
      flags.set(name, v);
    } else if (boolean.includes(name) && eq < 0) {
      flags.set(name, true);
    } else {
      return `unknown option --${name}`;
    }
  }
  return { positional, flags };
}

/** A `--seed` value: a whole number from 0 to 2^32 − 1. */
export function parseSeed(v: string | true | undefined): number | undefined | string {
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v) || Number(v) > 0xffffffff) return `--seed needs a whole number from 0 to 4294967295, not "${String(v)}"`;
  return Number(v);
}
