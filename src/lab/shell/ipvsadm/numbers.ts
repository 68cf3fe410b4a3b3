/**
 * The C library conversions ipvsadm relies on, with glibc's exact acceptance rules: strtol as
 * `string_to_number` and `parse_fwmark` use it (ipvsadm.c:1150, 1183) and inet_aton (glibc
 * inet_addr.c `inet_aton_end`), which ipvsadm uses for addresses and netmasks.
 */

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** strtol(s, &end, 10) when it consumes the whole string: the value, or null (no digits, junk after, ERANGE). */
function strtolWhole(s: string): bigint | null {
  // strtol skips isspace() characters, takes one sign, then decimal digits.
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (!m) return null;
  const v = BigInt(m[2]!) * (m[1] === '-' ? -1n : 1n);
  return v > LONG_MAX || v < LONG_MIN ? null : v;
}

/** ipvsadm's string_to_number(s, min, max): the number, or -1 when it is not a whole number in range. */
export function stringToNumber(s: string, min: number, max: number): number {
  const v = strtolWhole(s);
  if (v === null || v < BigInt(min) || v > BigInt(max)) return -1;
  return Number(v);
}

/** ipvsadm's parse_fwmark check: 1..UINT_MAX, or null (the caller then fails with "invalid fwmark value"). */
export function parseFwmark(s: string): number | null {
  const v = strtolWhole(s);
  // A negative long converted to unsigned long is above UINT_MAX.
  if (v === null || v <= 0n || v > 0xffffffffn) return null;
  return Number(v);
}

/** strtoul(s, &end, 0) from a leading digit: value (null on overflow past 32 bits) and characters consumed. */
function strtoulBase0(s: string): { value: number | null; length: number } {
  let base = 10;
  let i = 0;
  if (s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && /[0-9a-fA-F]/.test(s[2] ?? '')) {
    base = 16;
    i = 2;
  } else if (s[0] === '0') {
    base = 8;
  }
  let value = 0;
  let overflow = false;
  const digit = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  for (; i < s.length && digit.test(s[i]!); i++) {
    value = value * base + parseInt(s[i]!, base);
    if (value > 0xffffffff) overflow = true;
  }
  return { value: overflow ? null : value, length: i };
}

/**
 * inet_aton: "a.b.c.d", "a.b.c" (c is 16 bits), "a.b" (b is 24 bits) or "a", each part decimal,
 * octal (leading 0) or hex (0x); trailing whitespace and anything after it are ignored.
 * Returns the address as a host-order u32, or null.
 */
export function inetAton(s: string): number | null {
  const parts: number[] = [];
  let rest = s;
  for (;;) {
    if (!/^[0-9]/.test(rest)) return null;
    const { value, length } = strtoulBase0(rest);
    if (value === null) return null;
    rest = rest.slice(length);
    if (rest[0] !== '.') {
      if (rest.length > 0 && !/^[ \t\n\v\f\r]/.test(rest)) return null;
      const max = [0xffffffff, 0xffffff, 0xffff, 0xff][parts.length]!;
      if (value > max) return null;
      let address = value;
      parts.forEach((p, i) => {
        address += p * 2 ** (24 - 8 * i);
      });
      return address >>> 0;
    }
    if (parts.length > 2 || value > 0xff) return null;
    parts.push(value);
    rest = rest.slice(1);
  }
}

/** inet_ntoa / inet_ntop(AF_INET): dotted quad of a host-order u32. */
export function inetNtoa(a: number): string {
  return `${(a >>> 24) & 0xff}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}`;
}

/** printf's conversion of an unsigned int with %d (ipvsadm prints fwmarks that way): values ≥ 2³¹ come out negative. */
export function asCInt(u: number): number {
  return u | 0;
}

/** atoi: optional whitespace and sign, then as many decimal digits as there are; 0 when none. */
export function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)/.exec(s)!;
  const v = m[2] === '' ? 0 : Number(m[2]!.slice(0, 12));
  return (m[1] === '-' ? -v : v) | 0;
}

/** inet_pton(AF_INET6) acceptance (glibc inet_pton6): eight hex groups, one "::", an optional dotted quad at the end. */
export function isIpv6Text(s: string): boolean {
  const dq = /(?:^|:)((?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3})$/.exec(s);
  let head = s;
  let groupsForV4 = 0;
  if (dq) {
    if (dq[1]!.split('.').some((o) => Number(o) > 255)) return false;
    head = s.slice(0, s.length - dq[1]!.length);
    groupsForV4 = 2;
    // "::1.2.3.4" leaves "::"; "ffff:1.2.3.4" leaves "ffff:", whose trailing colon belongs to the quad.
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string): string[] | null => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g : null;
  };
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (left === null || right === null) return false;
  const n = left.length + right.length + groupsForV4;
  return halves.length === 2 ? n <= 7 : n === 8;
}
