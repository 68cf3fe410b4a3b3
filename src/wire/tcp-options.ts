// TCP options (RFC 9293 §3.1, RFC 7323 window scale and timestamps, RFC 2018 SACK-permitted).
import { getU16, getU32, getU8, setU16, setU32 } from './bytes.ts';
import { fail, parsed, type Parsed } from './result.ts';

/** One TCP option as plain data. */
export type TcpOption =
  | { readonly kind: 'eol' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'window-scale'; readonly shift: number }
  | { readonly kind: 'sack-permitted' }
  | { readonly kind: 'timestamps'; readonly tsval: number; readonly tsecr: number }
  | { readonly kind: 'unknown'; readonly type: number; readonly data: Uint8Array };

/** Option kind numbers (IANA "TCP Option Kind Numbers"). */
export const TcpOptionKind = { Eol: 0, Nop: 1, Mss: 2, WindowScale: 3, SackPermitted: 4, Timestamps: 8 } as const;

/** The fixed lengths of the known options that carry a length byte. */
const KNOWN_LENGTH: ReadonlyMap<number, number> = new Map([
  [TcpOptionKind.Mss, 4],
  [TcpOptionKind.WindowScale, 3],
  [TcpOptionKind.SackPermitted, 2],
  [TcpOptionKind.Timestamps, 10],
]);

/** Whether an option kind number has a typed representation (so an 'unknown' option must not use it). */
export function isKnownTcpOptionKind(kind: number): boolean {
  return kind === TcpOptionKind.Eol || kind === TcpOptionKind.Nop || KNOWN_LENGTH.has(kind);
}

/** The bytes one option takes on the wire. */
export function tcpOptionLength(option: TcpOption): number {
  switch (option.kind) {
    case 'eol':
    case 'nop':
      return 1;
    case 'mss':
      return 4;
    case 'window-scale':
      return 3;
    case 'sack-permitted':
      return 2;
    case 'timestamps':
      return 10;
    case 'unknown':
      return 2 + option.data.length;
  }
}

/** The bytes a list of options takes before padding. */
export function tcpOptionsLength(options: readonly TcpOption[]): number {
  let length = 0;
  for (let i = 0; i < options.length; i++) length += tcpOptionLength(options[i]!);
  return length;
}

/**
 * Reads the options area `bytes[start, end)`. Parsing stops at an end-of-list option: it and the
 * zeros after it are padding, so the result never contains 'eol' (Linux pads with EOL zeros too,
 * which keeps parse(emit(options)) equal to options). Offsets in errors are relative to `bytes`.
 */
export function parseTcpOptions(bytes: Uint8Array, start: number, end: number): Parsed<TcpOption[]> {
  const options: TcpOption[] = [];
  let i = start;
  while (i < end) {
    const kind = getU8(bytes, i);
    if (kind === TcpOptionKind.Eol) break;
    if (kind === TcpOptionKind.Nop) {
      options.push({ kind: 'nop' });
      i += 1;
      continue;
    }
    if (i + 1 >= end) return fail('tcp', i, `option kind ${kind} has no room for its length byte before the header ends at byte ${end}`);
    const length = getU8(bytes, i + 1);
    if (length < 2) return fail('tcp', i + 1, `option kind ${kind} has length ${length}, below the minimum 2`);
    if (i + length > end) {
      return fail('tcp', i + 1, `option kind ${kind} with length ${length} runs past the end of the header at byte ${end}`);
    }
    const expected = KNOWN_LENGTH.get(kind);
    if (expected !== undefined && length !== expected) {
      return fail('tcp', i + 1, `option kind ${kind} has length ${length}, expected ${expected}`);
    }
    switch (kind) {
      case TcpOptionKind.Mss:
        options.push({ kind: 'mss', value: getU16(bytes, i + 2) });
        break;
      case TcpOptionKind.WindowScale:
        options.push({ kind: 'window-scale', shift: getU8(bytes, i + 2) });
        break;
      case TcpOptionKind.SackPermitted:
        options.push({ kind: 'sack-permitted' });
        break;
      case TcpOptionKind.Timestamps:
        options.push({ kind: 'timestamps', tsval: getU32(bytes, i + 2), tsecr: getU32(bytes, i + 6) });
        break;
      default:
        options.push({ kind: 'unknown', type: kind, data: bytes.slice(i + 2, i + length) });
    }
    i += length;
  }
  return parsed(options);
}

/** Writes options in the given order at `offset` and returns the offset after the last one (padding is the caller's). */
export function emitTcpOptions(options: readonly TcpOption[], buf: Uint8Array, offset: number): number {
  let i = offset;
  for (const option of options) {
    switch (option.kind) {
      case 'eol':
        buf[i] = TcpOptionKind.Eol;
        break;
      case 'nop':
        buf[i] = TcpOptionKind.Nop;
        break;
      case 'mss':
        buf[i] = TcpOptionKind.Mss;
        buf[i + 1] = 4;
        setU16(buf, i + 2, option.value);
        break;
      case 'window-scale':
        buf[i] = TcpOptionKind.WindowScale;
        buf[i + 1] = 3;
        buf[i + 2] = option.shift & 0xff;
        break;
      case 'sack-permitted':
        buf[i] = TcpOptionKind.SackPermitted;
        buf[i + 1] = 2;
        break;
      case 'timestamps':
        buf[i] = TcpOptionKind.Timestamps;
        buf[i + 1] = 10;
        setU32(buf, i + 2, option.tsval);
        setU32(buf, i + 6, option.tsecr);
        break;
      case 'unknown':
        buf[i] = option.type & 0xff;
        buf[i + 1] = (2 + option.data.length) & 0xff;
        buf.set(option.data, i + 2);
        break;
    }
    i += tcpOptionLength(option);
  }
  return i;
}

/** Formats options the way tcpdump does inside "options [...]": "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7". */
export function formatTcpOptions(options: readonly TcpOption[]): string {
  return options
    .map((option) => {
      switch (option.kind) {
        case 'eol':
          return 'eol';
        case 'nop':
          return 'nop';
        case 'mss':
          return `mss ${option.value}`;
        case 'window-scale':
          return `wscale ${option.shift}`;
        case 'sack-permitted':
          return 'sackOK';
        case 'timestamps':
          return `TS val ${option.tsval} ecr ${option.tsecr}`;
        case 'unknown':
          return `opt-${option.type}:${Array.from(option.data, (b) => b.toString(16).padStart(2, '0')).join('')}`;
      }
    })
    .join(',');
}
