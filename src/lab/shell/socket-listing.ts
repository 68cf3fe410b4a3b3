import type { TcpSocketView } from '../../sim/model/sockets.ts';

/**
 * What netstat and ss share: reading their single-letter and long options, and how the kernel
 * lists a socket's address.
 */

/** The options read, or the first one that stops the command and why. */
export type ListingFlags =
  | { readonly flags: ReadonlySet<string> }
  | { readonly stop: 'long' | 'other' | 'invalid' | 'operand'; readonly option: string };

/**
 * Reads `args`: long options through `long` (to their letter), letters in `known`; a letter in
 * `other` is the tool's but not simulated, any other letter invalid, a word that is no option an
 * operand (netstat's usage, ss's filter).
 */
export function readListingFlags(args: readonly string[], long: Readonly<Record<string, string>>, known: string, other: string): ListingFlags {
  const flags = new Set<string>();
  for (const a of args) {
    if (a.startsWith('--')) {
      const f = long[a];
      if (f === undefined) return { stop: 'long', option: a };
      flags.add(f);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (known.includes(f)) flags.add(f);
        else return { stop: other.includes(f) ? 'other' : 'invalid', option: f };
      }
    } else {
      return { stop: 'operand', option: a };
    }
  }
  return { flags };
}

/** A socket's address as /proc/net/tcp6 lists an IPv4 one (::ffff:a.b.c.d, :: for any); IPv4 as it is. */
export function listedAddress(addr: string, family: TcpSocketView['family']): string {
  if (family === 'inet') return addr;
  return addr === '0.0.0.0' ? '::' : `::ffff:${addr}`;
}
