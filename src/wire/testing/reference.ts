// Test-only: deliberately naive reference implementations, independent of the code under test,
// used to confirm fixtures and emitted bytes.

/** RFC 1071 checksum the slow, obvious way: add 16-bit words into a big number, fold, complement. */
export function referenceChecksum(...parts: readonly (Uint8Array | readonly number[])[]): number {
  const bytes = parts.flatMap((part) => Array.from(part));
  if (bytes.length % 2 === 1) bytes.push(0);
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum % 65536) + Math.floor(sum / 65536);
  return 0xffff - sum;
}

/** The 12-byte TCP/UDP pseudo-header as bytes. */
export function referencePseudoHeader(src: number, dst: number, protocol: number, length: number): number[] {
  const be32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  return [...be32(src), ...be32(dst), 0, protocol, (length >> 8) & 0xff, length & 0xff];
}

/** IEEE 802.3 CRC-32 (the Ethernet FCS), bit by bit. */
export function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Reads a big-endian 16-bit value, independently of bytes.ts. */
export function be16(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(offset);
}
