// Classic libpcap files (pcap-savefile(5)): a 24-byte global header, then per frame a 16-byte
// record header and the captured bytes. Written little-endian with microsecond timestamps.
import { fail, parsed, type Parsed } from './result.ts';

const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;
const VERSION_MAJOR = 2;
const VERSION_MINOR = 4;
/** LINKTYPE_ETHERNET (tcpdump.org link-layer header types). */
export const LINKTYPE_ETHERNET = 1;
const GLOBAL_HEADER_LEN = 24;
const RECORD_HEADER_LEN = 16;
const MICROS_PER_SECOND = 1_000_000;

/** Collects frames with their virtual times and produces a pcap file; virtual time 0 is 1970-01-01 00:00:00 UTC. */
export class PcapWriter {
  private readonly records: Uint8Array[] = [];
  private length = GLOBAL_HEADER_LEN;

  constructor(private readonly snaplen = 65535) {}

  /** Appends a frame (copied; cut to the snap length) seen at `timeUs` microseconds of virtual time. */
  add(timeUs: number, frameBytes: Uint8Array): void {
    const micros = Math.max(0, Math.floor(timeUs));
    const seconds = Math.floor(micros / MICROS_PER_SECOND);
    const captured = Math.min(frameBytes.length, this.snaplen);
    const record = new Uint8Array(RECORD_HEADER_LEN + captured);
    const view = new DataView(record.buffer);
    view.setUint32(0, seconds, true);
    view.setUint32(4, micros - seconds * MICROS_PER_SECOND, true);
    view.setUint32(8, captured, true);
    view.setUint32(12, frameBytes.length, true);
    record.set(frameBytes.subarray(0, captured), RECORD_HEADER_LEN);
    this.records.push(record);
    this.length += record.length;
  }

  /** The whole file: global header and every record added so far. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC_MICROSECONDS, true);
    view.setUint16(4, VERSION_MAJOR, true);
    view.setUint16(6, VERSION_MINOR, true);
    view.setInt32(8, 0, true); // thiszone: timestamps are UTC
    view.setUint32(12, 0, true); // sigfigs
    view.setUint32(16, this.snaplen, true);
    view.setUint32(20, LINKTYPE_ETHERNET, true);
    let offset = GLOBAL_HEADER_LEN;
    for (const record of this.records) {
      out.set(record, offset);
      offset += record.length;
    }
    return out;
  }
}

/** Reads a classic pcap file of Ethernet frames (either byte order, micro- or nanosecond stamps). */
export function parsePcap(bytes: Uint8Array): Parsed<{ timeUs: number; bytes: Uint8Array }[]> {
  if (bytes.length < GLOBAL_HEADER_LEN) {
    return fail('pcap', 0, `${bytes.length} bytes is shorter than the ${GLOBAL_HEADER_LEN}-byte global header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicLE = view.getUint32(0, true);
  const magicBE = view.getUint32(0, false);
  const littleEndian = magicLE === MAGIC_MICROSECONDS || magicLE === MAGIC_NANOSECONDS;
  const magic = littleEndian ? magicLE : magicBE;
  if (magic !== MAGIC_MICROSECONDS && magic !== MAGIC_NANOSECONDS) {
    return fail('pcap', 0, `magic number 0x${magicBE.toString(16).padStart(8, '0')} is not a classic pcap file`);
  }
  const fractionPerSecond = magic === MAGIC_NANOSECONDS ? 1_000_000_000 : MICROS_PER_SECOND;
  const major = view.getUint16(4, littleEndian);
  if (major !== VERSION_MAJOR) return fail('pcap', 4, `version ${major}.${view.getUint16(6, littleEndian)} is not 2.x`);
  const linkType = view.getUint32(20, littleEndian);
  if (linkType !== LINKTYPE_ETHERNET) return fail('pcap', 20, `link type ${linkType} is not Ethernet (1)`);
  const frames: { timeUs: number; bytes: Uint8Array }[] = [];
  let offset = GLOBAL_HEADER_LEN;
  while (offset < bytes.length) {
    if (offset + RECORD_HEADER_LEN > bytes.length) {
      return fail('pcap', offset, `record header needs ${RECORD_HEADER_LEN} bytes but only ${bytes.length - offset} remain`);
    }
    const seconds = view.getUint32(offset, littleEndian);
    const fraction = view.getUint32(offset + 4, littleEndian);
    const captured = view.getUint32(offset + 8, littleEndian);
    if (offset + RECORD_HEADER_LEN + captured > bytes.length) {
      return fail('pcap', offset + 8, `captured length ${captured} runs past the end of the file`);
    }
    const timeUs = seconds * MICROS_PER_SECOND + Math.floor((fraction * MICROS_PER_SECOND) / fractionPerSecond);
    const start = offset + RECORD_HEADER_LEN;
    frames.push({ timeUs, bytes: bytes.slice(start, start + captured) });
    offset = start + captured;
  }
  return parsed(frames);
}
