// Ethernet II framing (IEEE 802.3 clause 3, with the DIX EtherType in place of a length).
import { getU16, setU16 } from './bytes.ts';
import { macFromBytes, writeMac, type MacAddress } from './mac-address.ts';
import { fail, parsed, type Parsed } from './result.ts';

/** Byte ranges [start, end) of the header fields. */
const FIELD = {
  DST: [0, 6],
  SRC: [6, 12],
  ETHERTYPE: [12, 14],
} as const;

/** Destination, source and EtherType: 14 bytes. */
export const ETHERNET_HEADER_LEN = FIELD.ETHERTYPE[1];
/** The shortest frame on the wire without the FCS: 64 bytes minus 4 (802.3 clause 4.4.2); shorter frames are zero-padded. */
export const ETHERNET_MIN_FRAME_LEN = 60;

/** The EtherTypes the lab understands. */
export const EtherType = { Ipv4: 0x0800, Arp: 0x0806 } as const;

/** The Ethernet II header as plain data. */
export interface EthernetRepr {
  readonly src: MacAddress;
  readonly dst: MacAddress;
  readonly ethertype: number;
}

/** A view over the bytes of an Ethernet II frame (without FCS). */
export class EthernetFrame {
  private constructor(readonly bytes: Uint8Array) {}

  /** Wraps bytes known to hold at least a whole header (e.g. a buffer about to be emitted into). */
  static newUnchecked(bytes: Uint8Array): EthernetFrame {
    return new EthernetFrame(bytes);
  }

  /** Wraps bytes after checking they hold a whole header, so no accessor reads out of range. */
  static newChecked(bytes: Uint8Array): Parsed<EthernetFrame> {
    if (bytes.length < ETHERNET_HEADER_LEN) {
      return fail('ethernet', 0, `${bytes.length} bytes is shorter than the ${ETHERNET_HEADER_LEN}-byte header`);
    }
    return parsed(new EthernetFrame(bytes));
  }

  get dst(): MacAddress {
    return macFromBytes(this.bytes, FIELD.DST[0]);
  }
  set dst(m: MacAddress) {
    writeMac(m, this.bytes, FIELD.DST[0]);
  }
  get src(): MacAddress {
    return macFromBytes(this.bytes, FIELD.SRC[0]);
  }
  set src(m: MacAddress) {
    writeMac(m, this.bytes, FIELD.SRC[0]);
  }
  get ethertype(): number {
    return getU16(this.bytes, FIELD.ETHERTYPE[0]);
  }
  set ethertype(t: number) {
    setU16(this.bytes, FIELD.ETHERTYPE[0], t);
  }
  /** Everything after the header, including any trailing padding. */
  get payload(): Uint8Array {
    return this.bytes.subarray(ETHERNET_HEADER_LEN);
  }
}

/** Reads the header of a frame; the payload still carries any padding to the 60-byte minimum. */
export function parseEthernet(bytes: Uint8Array): Parsed<{ repr: EthernetRepr; payload: Uint8Array }> {
  const checked = EthernetFrame.newChecked(bytes);
  if (!checked.ok) return checked;
  const frame = checked.value;
  return parsed({ repr: { dst: frame.dst, src: frame.src, ethertype: frame.ethertype }, payload: frame.payload });
}

/** Writes the 14-byte header at `offset`. */
export function emitEthernet(repr: EthernetRepr, buf: Uint8Array, offset = 0): void {
  const frame = EthernetFrame.newUnchecked(buf.subarray(offset, offset + ETHERNET_HEADER_LEN));
  frame.dst = repr.dst;
  frame.src = repr.src;
  frame.ethertype = repr.ethertype;
}

/** The name of an EtherType for people: "IPv4", "ARP", or its hex value. */
export function etherTypeName(ethertype: number): string {
  if (ethertype === EtherType.Ipv4) return 'IPv4';
  if (ethertype === EtherType.Arp) return 'ARP';
  return `0x${ethertype.toString(16).padStart(4, '0')}`;
}
