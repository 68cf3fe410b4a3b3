/** An IPv4 address as a host-order unsigned 32-bit integer (always normalised with `>>> 0`). */
export type Ipv4Address = number;

// One octet in strict dotted-quad form: "0" or 1-3 digits without a leading zero (inet_pton's
// rule: "01" is rejected, unlike inet_aton which would read it as octal).
const OCTET = '(0|[1-9][0-9]{0,2})';
const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const PREFIX = /^(0|[1-9][0-9]?)$/;

/** Parses a strict dotted quad ("192.168.0.1"); null for anything else (spaces, "01", "256"). */
export function parseIpv4Address(s: string): Ipv4Address | null {
  const m = DOTTED_QUAD.exec(s);
  if (m === null) return null;
  let address = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    address = address * 256 + octet;
  }
  return address >>> 0;
}

/** Formats an address as a dotted quad. */
export function formatIpv4Address(a: Ipv4Address): string {
  return `${(a >>> 24) & 0xff}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}`;
}

/** The netmask of a prefix length as an unsigned integer (0 → 0, 24 → 0xffffff00); lengths outside 0..32 are clamped. */
export function prefixMask(len: number): number {
  if (!(len > 0)) return 0; // also catches NaN
  if (len >= 32) return 0xffffffff;
  // `<< 32` would be a no-op in JavaScript, hence the len 0 case above.
  return (0xffffffff << (32 - Math.floor(len))) >>> 0;
}

/** Whether `addr` lies in `network`/`prefixLength` (host bits of `network` are ignored). */
export function inSubnet(addr: Ipv4Address, network: Ipv4Address, prefixLength: number): boolean {
  return ((addr ^ network) & prefixMask(prefixLength)) === 0;
}

/** Parses "a.b.c.d/n" (n in 0..32) or a plain "a.b.c.d" (taken as /32); host bits are kept, as `ip addr add` keeps them. */
export function parseCidr(s: string): { address: Ipv4Address; prefixLength: number } | null {
  const slash = s.indexOf('/');
  if (slash < 0) {
    const address = parseIpv4Address(s);
    return address === null ? null : { address, prefixLength: 32 };
  }
  const address = parseIpv4Address(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (address === null || !PREFIX.test(prefixText)) return null;
  const prefixLength = Number(prefixText);
  return prefixLength > 32 ? null : { address, prefixLength };
}

/** The prefix length of a contiguous netmask (255.255.255.0 → 24); null for a non-contiguous one. */
export function netmaskToPrefix(mask: Ipv4Address): number | null {
  if (!Number.isInteger(mask) || mask < 0 || mask > 0xffffffff) return null;
  const hostBits = ~mask >>> 0;
  // Contiguous means the host part is 2^k - 1, i.e. hostBits + 1 is a power of two.
  if ((hostBits & (hostBits + 1)) !== 0) return null;
  let prefix = 32;
  for (let h = hostBits; h !== 0; h >>>= 1) prefix--;
  return prefix;
}

/** Whether the address is multicast (224.0.0.0/4, RFC 5771). */
export function isMulticastIpv4(a: Ipv4Address): boolean {
  return a >>> 28 === 0xe;
}

/** Whether the address is the limited broadcast 255.255.255.255 (RFC 919). */
export function isLimitedBroadcast(a: Ipv4Address): boolean {
  return a >>> 0 === 0xffffffff;
}

/** Whether the address is in 0.0.0.0/8 ("this network", never a valid destination: the kernel's ipv4_is_zeronet). */
export function isZeronet(a: Ipv4Address): boolean {
  return a >>> 24 === 0;
}

/** Whether the address is loopback (127.0.0.0/8, the kernel's ipv4_is_loopback). */
export function isLoopbackIpv4(a: Ipv4Address): boolean {
  return a >>> 24 === 127;
}
