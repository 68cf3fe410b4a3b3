// Hex helpers for the inspector's byte view and for test fixtures.

const HEX_DIGITS = /^[0-9a-fA-F]*$/;
const DUMP_OFFSET = /^\s*0x[0-9a-fA-F]+:/gm;

/**
 * Formats bytes like `tcpdump -xx`: 16 bytes a line, in groups of two, each line
 * "\t0x0000:  4500 003c …" (print-ascii.c hex_print_with_offset), lines joined with "\n".
 */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    let line = `\t0x${offset.toString(16).padStart(4, '0')}: `;
    const end = Math.min(offset + 16, bytes.length);
    for (let i = offset; i < end; i += 2) {
      line += ` ${hexByte(bytes[i])}${i + 1 < end ? hexByte(bytes[i + 1]) : ''}`;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

function hexByte(b: number | undefined): string {
  return (b ?? 0).toString(16).padStart(2, '0');
}

/**
 * Reads hex digits into bytes, ignoring whitespace and `tcpdump -xx` line offsets ("0x0010:"),
 * so fixtures can be pasted from a capture: bytesFromHex("4500 003c") or a multi-line dump.
 * This is for fixtures written by people, so unlike the parsers it throws on malformed text.
 */
export function bytesFromHex(text: string): Uint8Array {
  const digits = text.replace(DUMP_OFFSET, '').replace(/\s+/g, '');
  if (!HEX_DIGITS.test(digits)) throw new SyntaxError(`bytesFromHex: not a hex digit in ${JSON.stringify(text.slice(0, 40))}`);
  if (digits.length % 2 !== 0) throw new SyntaxError(`bytesFromHex: odd number of hex digits (${digits.length})`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** A byte as two upper-case hex digits (`0C`), as printf's %02X writes it. */
export function hexByteUpper(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
