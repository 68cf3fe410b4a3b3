/** A MAC address in canonical form: six lowercase two-digit hex octets joined by ':' ("02:00:00:00:00:01"). */
export type MacAddress = string;

/** ff:ff:ff:ff:ff:ff, the Ethernet broadcast address. */
export const BROADCAST_MAC: MacAddress = 'ff:ff:ff:ff:ff:ff';
/** 00:00:00:00:00:00, used as the unknown target hardware address in an ARP request (RFC 826). */
export const ZERO_MAC: MacAddress = '00:00:00:00:00:00';

const MAC_PATTERN = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
const HEX_OCTET: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Parses "02:00:00:00:00:01" in upper or lower case into canonical form; null for anything else. */
export function parseMacAddress(s: string): MacAddress | null {
  return MAC_PATTERN.test(s) ? s.toLowerCase() : null;
}

/**
 * The same address as the JavaScript engine's one shared (internalized) copy of that string. The
 * simulation compares MAC addresses at every hop (netif_receive, the switch's table, neighbour
 * entries): two shared copies compare by identity, other copies character by character.
 * Property names are kept internalized, which is what this borrows.
 */
export function internMac(m: MacAddress): MacAddress {
  return Object.keys({ [m]: true })[0] ?? m;
}

/** Whether the address is ff:ff:ff:ff:ff:ff. */
export function isBroadcastMac(m: MacAddress): boolean {
  return m === BROADCAST_MAC || m.toLowerCase() === BROADCAST_MAC;
}

/** The value of a hex digit's character code, or −1. */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

/** Whether the I/G bit (least significant bit of the first octet) is set; the broadcast address is multicast too. */
export function isMulticastMac(m: MacAddress): boolean {
  // Switches ask for every frame: read the first octet's low digit without slicing the string.
  const low = hexDigit(m.charCodeAt(1));
  if (low >= 0 && hexDigit(m.charCodeAt(0)) >= 0) return (low & 1) === 1;
  return (Number.parseInt(m.slice(0, 2), 16) & 1) === 1;
}

/** Writes the six octets of a canonical MAC address at `offset`. */
export function writeMac(m: MacAddress, buf: Uint8Array, offset: number): void {
  for (let i = 0; i < 6; i++) {
    // A malformed string yields NaN, which a Uint8Array stores as 0.
    buf[offset + i] = Number.parseInt(m.slice(i * 3, i * 3 + 2), 16);
  }
}

/** The six octets of a canonical MAC address. */
export function macToBytes(m: MacAddress): Uint8Array {
  const bytes = new Uint8Array(6);
  writeMac(m, bytes, 0);
  return bytes;
}

/** Reads six octets at `offset` as a canonical MAC address. */
export function macFromBytes(bytes: Uint8Array, offset: number): MacAddress {
  let s = HEX_OCTET[bytes[offset] ?? 0] ?? '00';
  for (let i = 1; i < 6; i++) s += `:${HEX_OCTET[bytes[offset + i] ?? 0] ?? '00'}`;
  return s;
}
