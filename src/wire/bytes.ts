// Big-endian (network order) accessors shared by the header views. Reads past the end yield 0 so
// that a bug shows up as a wrong value in a test, never as NaN leaking into a checksum; the views'
// `newChecked` constructors make such reads impossible in the first place.

/** Reads one byte. */
export function getU8(bytes: Uint8Array, offset: number): number {
  return bytes[offset] ?? 0;
}

/** Reads a big-endian 16-bit unsigned integer. */
export function getU16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

/** Reads a big-endian 32-bit unsigned integer. */
export function getU32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) |
      ((bytes[offset + 1] ?? 0) << 16) |
      ((bytes[offset + 2] ?? 0) << 8) |
      (bytes[offset + 3] ?? 0)) >>>
    0
  );
}

/** Writes one byte (the low 8 bits of `value`). */
export function setU8(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value & 0xff;
}

/** Writes a big-endian 16-bit integer (the low 16 bits of `value`). */
export function setU16(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 8) & 0xff;
  bytes[offset + 1] = value & 0xff;
}

/** Writes a big-endian 32-bit integer. */
export function setU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}
