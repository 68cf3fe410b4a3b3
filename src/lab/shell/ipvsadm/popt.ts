/**
 * The part of popt 1.19 (popt.c `poptGetNextOpt`, `poptGetArg`, `poptBadOption`, `poptStrerror`)
 * that ipvsadm's option table exercises: short options clustered behind one dash (`-Lnc`), an
 * argument glued to a short option (`-t1.2.3.4:80`, `-p=600`), long options with `=` or a
 * separate argument, the optional argument of `-p`, `--` and non-option words kept as leftovers
 * for `poptGetArg`. Aliases, exec items and callbacks are not used by ipvsadm and not modelled.
 */

/** How an option takes its argument (POPT_ARG_NONE, POPT_ARG_STRING, POPT_ARG_STRING|POPT_ARGFLAG_OPTIONAL). */
export type PoptArgKind = 'none' | 'string' | 'optional';

/** One row of a popt option table (struct poptOption). */
export interface PoptOption<V> {
  readonly longName?: string;
  readonly shortName?: string;
  readonly arg: PoptArgKind;
  /** What poptGetNextOpt returns for it (the option's `val`). */
  readonly val: V;
}

/** popt's error codes (popt.h) that this table can produce. */
export type PoptError = 'POPT_ERROR_NOARG' | 'POPT_ERROR_BADOPT' | 'POPT_ERROR_UNWANTEDARG';

/** What one poptGetNextOpt call returns: an option with its argument, the end (-1), or an error (< -1). */
export type PoptNext<V> =
  | { readonly kind: 'option'; readonly val: V; readonly arg: string | null }
  | { readonly kind: 'end' }
  | { readonly kind: 'error'; readonly error: PoptError };

/** poptStrerror for the errors above. */
export function poptStrerror(error: PoptError): string {
  switch (error) {
    case 'POPT_ERROR_NOARG': return 'missing argument';
    case 'POPT_ERROR_UNWANTEDARG': return 'option does not take an argument';
    case 'POPT_ERROR_BADOPT': return 'unknown option';
  }
}

/** A popt context over one argv (argv[0], the program name, is skipped as popt does). */
export class PoptContext<V> {
  private next = 1;
  /** The rest of a short-option cluster still to be read (popt's `nextCharArg`). */
  private nextCharArg: string | null = null;
  private restLeftover = false;
  private readonly leftovers: string[] = [];
  private nextLeftover = 0;

  constructor(private readonly argv: readonly string[], private readonly table: readonly PoptOption<V>[]) {}

  /** poptGetNextOpt. */
  getNextOpt(): PoptNext<V> {
    for (;;) {
      let opt: PoptOption<V> | undefined;
      let longArg: string | null = null;
      if (this.nextCharArg === null && this.next === this.argv.length) return { kind: 'end' };

      if (this.nextCharArg === null) {
        const orig = this.argv[this.next++]!;
        // A word that is not an option (or a lone "-") is kept for poptGetArg.
        if (this.restLeftover || !orig.startsWith('-') || orig === '-') {
          this.leftovers.push(orig);
          continue;
        }
        if (orig === '--') {
          this.restLeftover = true;
          continue;
        }
        let name = orig.slice(1);
        const oneDash = !name.startsWith('-');
        if (!oneDash) name = name.slice(1);
        const eq = name.indexOf('=');
        if (eq >= 0) {
          longArg = name.slice(eq + 1);
          name = name.slice(0, eq);
        }
        // findOption: after one dash only POPT_ARGFLAG_ONEDASH options match by long name; ipvsadm has none.
        if (!oneDash) {
          opt = this.table.find((o) => o.longName === name);
          if (!opt) return { kind: 'error', error: 'POPT_ERROR_BADOPT' };
        } else {
          this.nextCharArg = orig.slice(1);
          longArg = null;
        }
      }

      if (this.nextCharArg !== null) {
        const cluster = this.nextCharArg;
        this.nextCharArg = null;
        opt = this.table.find((o) => o.shortName === cluster[0]);
        if (!opt) return { kind: 'error', error: 'POPT_ERROR_BADOPT' };
        if (cluster.length > 1) this.nextCharArg = cluster.slice(1);
      }
      if (!opt) return { kind: 'error', error: 'POPT_ERROR_BADOPT' };

      if (opt.arg === 'none') {
        if (longArg !== null || this.nextCharArg?.startsWith('=')) return { kind: 'error', error: 'POPT_ERROR_UNWANTEDARG' };
        return { kind: 'option', val: opt.val, arg: null };
      }
      let value: string | null;
      if (longArg !== null) value = longArg;
      else if (this.nextCharArg !== null) {
        value = this.nextCharArg.startsWith('=') ? this.nextCharArg.slice(1) : this.nextCharArg;
        this.nextCharArg = null;
      } else if (this.next === this.argv.length) {
        if (opt.arg !== 'optional') return { kind: 'error', error: 'POPT_ERROR_NOARG' };
        value = null;
      } else if (opt.arg === 'optional' && this.argv[this.next]!.startsWith('-')) {
        // An optional argument is not taken from a following word that looks like an option.
        value = null;
      } else {
        value = this.argv[this.next++]!;
      }
      return { kind: 'option', val: opt.val, arg: value };
    }
  }

  /** poptGetArg: the next leftover word, or null. */
  getArg(): string | null {
    return this.nextLeftover < this.leftovers.length ? this.leftovers[this.nextLeftover++]! : null;
  }

  /** poptBadOption(con, POPT_BADOPTION_NOALIAS): the last argv word read. */
  badOption(): string {
    return this.argv[this.next - 1]!;
  }
}
