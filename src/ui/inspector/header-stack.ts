import { emitArp, ARP_LEN } from '../../wire/arp.ts';
import { frameFields, packetFields, type WireField } from '../../wire/fields.ts';
import { emitFrame, emitIpv4Packet } from '../../wire/packet.ts';
import { BROADCAST_MAC, ZERO_MAC } from '../../wire/mac-address.ts';
import { ETHERNET_HEADER_LEN } from '../../wire/ethernet.ts';
import type { RoleNames } from '../../lab/roles.ts';
import type { TraceRecord } from '../../sim/model/trace.ts';

/** Which header a group of fields belongs to; decides its title. */
export type HeaderKind = 'eth' | 'arp' | 'outer' | 'ip' | 'tcp' | 'udp' | 'icmp' | 'payload';

/** One field as the inspector shows it: the wire field plus its role and whether this hop changed it. */
export interface ShownField extends WireField {
  /** Textbook role of an address or MAC (`VIP`, `DIPmac`), when the lab names it. */
  readonly role: string | undefined;
  /** `director ens33` for a MAC the lab knows. */
  readonly owner: string | undefined;
  /** The all-ones or all-zero MAC, which have a meaning of their own. */
  readonly special: 'broadcast' | 'unknown' | undefined;
  readonly changed: boolean;
}

/** One header of the stack. `prefix` is the path prefix of its fields (`eth`, `outer`, `outer2`, `ip`…). */
export interface HeaderGroup {
  readonly prefix: string;
  readonly kind: HeaderKind;
  /** There is an outer IPv4 header around this one (the IPv4 header is then the inner one). */
  readonly inner: boolean;
  readonly fields: readonly ShownField[];
}

/** The headers and bytes of one trace record. */
export interface HeaderStack {
  /** `frame` at egress/ingress, `packet` at layer-3 steps (no Ethernet), `arp` for an ARP message alone. */
  readonly kind: 'frame' | 'packet' | 'arp';
  readonly groups: readonly HeaderGroup[];
  readonly bytes: Uint8Array;
  /** Bytes after the last field (Ethernet padding up to 60 bytes). */
  readonly paddingFrom: number;
}

const MAC_FIELDS = new Set(['eth.dst', 'eth.src', 'arp.sha', 'arp.tha']);
const IP_NAMES = new Set(['src', 'dst', 'spa', 'tpa', 'gateway']);

function prefixOf(path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
}

function annotate(f: WireField, roles: RoleNames, changed: ReadonlySet<string>): ShownField {
  const isMac = MAC_FIELDS.has(f.path);
  const isIp = !isMac && IP_NAMES.has(f.name) && (f.layer === 'ip' || f.layer === 'outer' || f.layer === 'arp' || f.layer === 'icmp');
  let role: string | undefined;
  let owner: string | undefined;
  let special: ShownField['special'];
  if (isMac) {
    const r = roles.mac.get(f.value);
    role = r === undefined ? undefined : `${r}mac`;
    owner = roles.macOwner.get(f.value);
    if (f.value === BROADCAST_MAC) special = 'broadcast';
    else if (f.value === ZERO_MAC) special = 'unknown';
  } else if (isIp) {
    role = roles.ip.get(f.value);
  }
  return { ...f, role, owner, special, changed: changed.has(f.path) };
}

function group(fields: readonly ShownField[]): HeaderGroup[] {
  const groups: { prefix: string; kind: HeaderKind; fields: ShownField[] }[] = [];
  for (const f of fields) {
    const prefix = prefixOf(f.path);
    const last = groups[groups.length - 1];
    if (last && last.prefix === prefix) last.fields.push(f);
    else groups.push({ prefix, kind: f.layer, fields: [f] });
  }
  const hasOuter = groups.some((g) => g.kind === 'outer');
  return groups.map((g) => ({ ...g, inner: hasOuter && g.kind === 'ip' }));
}

function lastByte(fields: readonly WireField[]): number {
  return fields.reduce((end, f) => Math.max(end, f.offset + f.length), 0);
}

/**
 * The header stack of a record: a frame with Ethernet at egress and ingress, an IP packet
 * without Ethernet at layer-3 steps, the ARP message alone at ARP steps; undefined for records
 * that carry no headers (neighbour changes, application events).
 */
export function headerStack(record: TraceRecord, roles: RoleNames): HeaderStack | undefined {
  const changed = new Set(record.changed ?? []);
  if (record.frame) {
    const fields = frameFields(record.frame).map((f) => annotate(f, roles, changed));
    return { kind: 'frame', groups: group(fields), bytes: emitFrame(record.frame), paddingFrom: lastByte(fields) };
  }
  if (record.packet) {
    const fields = packetFields(record.packet).map((f) => annotate(f, roles, changed));
    return { kind: 'packet', groups: group(fields), bytes: emitIpv4Packet(record.packet), paddingFrom: lastByte(fields) };
  }
  if (record.arp) {
    // The ARP message alone: its fields are those of a frame carrying it, shifted past Ethernet.
    const bytes = new Uint8Array(ARP_LEN);
    emitArp(record.arp, bytes, 0);
    const carried = frameFields({ eth: { src: ZERO_MAC, dst: ZERO_MAC, ethertype: 0 }, body: { kind: 'arp', arp: record.arp } });
    const fields = carried.filter((f) => f.layer === 'arp')
      .map((f) => annotate({ ...f, offset: f.offset - ETHERNET_HEADER_LEN }, roles, changed));
    return { kind: 'arp', groups: group(fields), bytes, paddingFrom: ARP_LEN };
  }
  return undefined;
}

/** The field that covers byte `i`: the narrowest one, so a byte of a flag field names the flag. */
export function fieldAtByte(groups: readonly HeaderGroup[], i: number): ShownField | undefined {
  let best: ShownField | undefined;
  for (const g of groups) {
    for (const f of g.fields) {
      if (i >= f.offset && i < f.offset + f.length && (!best || f.length < best.length)) best = f;
    }
  }
  return best;
}
