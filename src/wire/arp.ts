// ARP for IPv4 over Ethernet (RFC 826). Other hardware or protocol types are rejected.
import { getU16, getU32, getU8, setU16, setU32, setU8 } from './bytes.ts';
import { EtherType } from './ethernet.ts';
import type { Ipv4Address } from './ipv4-address.ts';
import { macFromBytes, writeMac, type MacAddress } from './mac-address.ts';
import { fail, parsed, type Parsed } from './result.ts';

/** Byte ranges [start, end) of the fields, for hlen 6 and plen 4. */
const FIELD = {
  HTYPE: [0, 2],
  PTYPE: [2, 4],
  HLEN: [4, 5],
  PLEN: [5, 6],
  OPER: [6, 8],
  SHA: [8, 14],
  SPA: [14, 18],
  THA: [18, 24],
  TPA: [24, 28],
} as const;

/** The length of an Ethernet/IPv4 ARP packet: 28 bytes. */
export const ARP_LEN = FIELD.TPA[1];
/** ARP hardware type 1, Ethernet (RFC 826, IANA "Hardware Types"). */
export const ARP_HTYPE_ETHERNET = 1;
const OPERATION = { request: 1, reply: 2 } as const;

/** An Ethernet/IPv4 ARP packet as plain data. */
export interface ArpRepr {
  readonly operation: 'request' | 'reply';
  readonly senderMac: MacAddress;
  readonly senderIp: Ipv4Address;
  readonly targetMac: MacAddress;
  readonly targetIp: Ipv4Address;
}

/** A view over the bytes of an Ethernet/IPv4 ARP packet. */
export class ArpPacket {
  private constructor(readonly bytes: Uint8Array) {}

  /** Wraps bytes known to hold 28 bytes. */
  static newUnchecked(bytes: Uint8Array): ArpPacket {
    return new ArpPacket(bytes);
  }

  /** Wraps bytes after checking they hold the 28 bytes of an Ethernet/IPv4 ARP packet. */
  static newChecked(bytes: Uint8Array): Parsed<ArpPacket> {
    if (bytes.length < ARP_LEN) return fail('arp', 0, `${bytes.length} bytes is shorter than the ${ARP_LEN}-byte Ethernet/IPv4 ARP packet`);
    return parsed(new ArpPacket(bytes));
  }

  get hardwareType(): number {
    return getU16(this.bytes, FIELD.HTYPE[0]);
  }
  set hardwareType(v: number) {
    setU16(this.bytes, FIELD.HTYPE[0], v);
  }
  get protocolType(): number {
    return getU16(this.bytes, FIELD.PTYPE[0]);
  }
  set protocolType(v: number) {
    setU16(this.bytes, FIELD.PTYPE[0], v);
  }
  get hardwareLength(): number {
    return getU8(this.bytes, FIELD.HLEN[0]);
  }
  set hardwareLength(v: number) {
    setU8(this.bytes, FIELD.HLEN[0], v);
  }
  get protocolLength(): number {
    return getU8(this.bytes, FIELD.PLEN[0]);
  }
  set protocolLength(v: number) {
    setU8(this.bytes, FIELD.PLEN[0], v);
  }
  get operation(): number {
    return getU16(this.bytes, FIELD.OPER[0]);
  }
  set operation(v: number) {
    setU16(this.bytes, FIELD.OPER[0], v);
  }
  get senderMac(): MacAddress {
    return macFromBytes(this.bytes, FIELD.SHA[0]);
  }
  set senderMac(m: MacAddress) {
    writeMac(m, this.bytes, FIELD.SHA[0]);
  }
  get senderIp(): Ipv4Address {
    return getU32(this.bytes, FIELD.SPA[0]);
  }
  set senderIp(a: Ipv4Address) {
    setU32(this.bytes, FIELD.SPA[0], a);
  }
  get targetMac(): MacAddress {
    return macFromBytes(this.bytes, FIELD.THA[0]);
  }
  set targetMac(m: MacAddress) {
    writeMac(m, this.bytes, FIELD.THA[0]);
  }
  get targetIp(): Ipv4Address {
    return getU32(this.bytes, FIELD.TPA[0]);
  }
  set targetIp(a: Ipv4Address) {
    setU32(this.bytes, FIELD.TPA[0], a);
  }
}

/** Reads an Ethernet/IPv4 ARP request or reply; trailing bytes (Ethernet padding) are ignored. */
export function parseArp(bytes: Uint8Array): Parsed<ArpRepr> {
  if (bytes.length < FIELD.OPER[1]) {
    return fail('arp', 0, `${bytes.length} bytes is shorter than the ${FIELD.OPER[1]}-byte fixed part of an ARP header`);
  }
  const view = ArpPacket.newUnchecked(bytes);
  if (view.hardwareType !== ARP_HTYPE_ETHERNET) {
    return fail('arp', FIELD.HTYPE[0], `hardware type ${view.hardwareType} is not Ethernet (1)`);
  }
  if (view.protocolType !== EtherType.Ipv4) {
    return fail('arp', FIELD.PTYPE[0], `protocol type 0x${view.protocolType.toString(16).padStart(4, '0')} is not IPv4 (0x0800)`);
  }
  if (view.hardwareLength !== 6) {
    return fail('arp', FIELD.HLEN[0], `hardware address length ${view.hardwareLength} is not 6`);
  }
  if (view.protocolLength !== 4) {
    return fail('arp', FIELD.PLEN[0], `protocol address length ${view.protocolLength} is not 4`);
  }
  const checked = ArpPacket.newChecked(bytes);
  if (!checked.ok) return checked;
  const op = view.operation;
  if (op !== OPERATION.request && op !== OPERATION.reply) {
    return fail('arp', FIELD.OPER[0], `operation ${op} is neither request (1) nor reply (2)`);
  }
  return parsed({
    operation: op === OPERATION.request ? 'request' : 'reply',
    senderMac: view.senderMac,
    senderIp: view.senderIp,
    targetMac: view.targetMac,
    targetIp: view.targetIp,
  });
}

/** Writes the 28-byte packet at `offset`. */
export function emitArp(repr: ArpRepr, buf: Uint8Array, offset = 0): void {
  const view = ArpPacket.newUnchecked(buf.subarray(offset, offset + ARP_LEN));
  view.hardwareType = ARP_HTYPE_ETHERNET;
  view.protocolType = EtherType.Ipv4;
  view.hardwareLength = 6;
  view.protocolLength = 4;
  view.operation = OPERATION[repr.operation];
  view.senderMac = repr.senderMac;
  view.senderIp = repr.senderIp;
  view.targetMac = repr.targetMac;
  view.targetIp = repr.targetIp;
}
