/** What went wrong while reading bytes: which layer, where, and why. */
export interface WireError {
  /** The header being read: 'ethernet', 'arp', 'ipv4', 'icmp', 'tcp', 'udp', 'pcap'. */
  readonly layer: string;
  /**
   * Byte offset of the problem in the bytes handed to the outermost parser (a composite parser
   * such as `parseFrame` shifts the offsets of the headers it nests). It points at the offending
   * field, or for a checksum mismatch at the first byte of the header the checksum covers.
   */
  readonly offset: number;
  readonly reason: string;
}

/** A parse result: parsers never throw on bad input, they return one of these. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: WireError };

/** The failing half of `Parsed`, assignable to every `Parsed<T>`. */
export type ParseFailure = { readonly ok: false; readonly error: WireError };

/** Formats an error as one sentence: "ipv4 at byte 14: header checksum 0x1234 is wrong (expected 0xb1e6)". */
export function formatWireError(e: WireError): string {
  return `${e.layer} at byte ${e.offset}: ${e.reason}`;
}

/** Wraps a successfully parsed value. */
export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** Builds a failure for `layer` at `offset`. */
export function fail(layer: string, offset: number, reason: string): ParseFailure {
  return { ok: false, error: { layer, offset, reason } };
}

/** Shifts a nested header's failure by the position of that header in the enclosing bytes. */
export function shifted(failure: ParseFailure, by: number): ParseFailure {
  const { layer, offset, reason } = failure.error;
  return fail(layer, offset + by, reason);
}

/** Formats a 16-bit value the way tcpdump and Wireshark print checksums: "0x1c46". */
export function hex16(value: number): string {
  return `0x${(value & 0xffff).toString(16).padStart(4, '0')}`;
}
