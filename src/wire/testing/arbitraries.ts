// Test-only: fast-check generators of consistent reprs (checkFrame/checkIpv4Packet return null for
// every value), for round-trip properties here and in the simulation's tests.
import fc from 'fast-check';
import type { ArpRepr } from '../arp.ts';
import { EtherType } from '../ethernet.ts';
import type { IcmpRepr } from '../icmp.ts';
import { IpProtocol, type Ipv4Repr } from '../ipv4.ts';
import { macFromBytes } from '../mac-address.ts';
import type { Frame, Ipv4Body, Ipv4Packet } from '../packet.ts';
import { tcpOptionsLength, type TcpOption } from '../tcp-options.ts';
import type { TcpRepr } from '../tcp.ts';
import type { UdpRepr } from '../udp.ts';

const PARSED_PROTOCOLS: readonly number[] = Object.values(IpProtocol);
const PARSED_ICMP_TYPES: readonly number[] = [0, 3, 5, 8, 11];
const KNOWN_TCP_OPTION_KINDS: readonly number[] = [0, 1, 2, 3, 4, 8];

/** Any IPv4 address. */
export const arbIpv4Address = fc.nat(0xffffffff);
/** Any MAC address in canonical form. */
export const arbMacAddress = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((bytes) => macFromBytes(bytes, 0));
const arbPort = fc.nat(0xffff);
const arbPayload = fc.uint8Array({ maxLength: 80 });

/** A TCP option that survives a round trip (never 'eol', which is padding). */
export const arbTcpOption: fc.Arbitrary<TcpOption> = fc.oneof(
  fc.constant<TcpOption>({ kind: 'nop' }),
  fc.nat(0xffff).map<TcpOption>((value) => ({ kind: 'mss', value })),
  fc.nat(14).map<TcpOption>((shift) => ({ kind: 'window-scale', shift })),
  fc.constant<TcpOption>({ kind: 'sack-permitted' }),
  fc.record({ tsval: fc.nat(0xffffffff), tsecr: fc.nat(0xffffffff) }).map<TcpOption>((t) => ({ kind: 'timestamps', ...t })),
  fc
    .record({ type: fc.integer({ min: 5, max: 255 }).filter((t) => !KNOWN_TCP_OPTION_KINDS.includes(t)), data: fc.uint8Array({ maxLength: 8 }) })
    .map<TcpOption>((u) => ({ kind: 'unknown', ...u })),
);

/** A TCP segment whose options fit in 40 bytes. */
export const arbTcpRepr: fc.Arbitrary<TcpRepr> = fc.record({
  srcPort: arbPort,
  dstPort: arbPort,
  seq: fc.nat(0xffffffff),
  ack: fc.nat(0xffffffff),
  flags: fc.nat(0xff),
  window: fc.nat(0xffff),
  urgentPointer: fc.nat(0xffff),
  options: fc.array(arbTcpOption, { maxLength: 8 }).filter((options) => tcpOptionsLength(options) <= 40),
  payload: arbPayload,
});

/** A UDP datagram. */
export const arbUdpRepr: fc.Arbitrary<UdpRepr> = fc.record({ srcPort: arbPort, dstPort: arbPort, payload: arbPayload });

/** An ICMP message of any of the represented kinds. */
export const arbIcmpRepr: fc.Arbitrary<IcmpRepr> = fc.oneof(
  fc
    .record({ type: fc.constantFrom('echo-request' as const, 'echo-reply' as const), ident: arbPort, seq: arbPort, data: arbPayload })
    .map<IcmpRepr>((r) => r),
  fc.record({ code: fc.nat(255), nextHopMtu: fc.nat(0xffff), original: arbPayload }).map<IcmpRepr>((r) => ({ type: 'dest-unreachable', ...r })),
  fc.record({ code: fc.nat(255), original: arbPayload }).map<IcmpRepr>((r) => ({ type: 'time-exceeded', ...r })),
  fc.record({ code: fc.nat(255), gateway: arbIpv4Address, original: arbPayload }).map<IcmpRepr>((r) => ({ type: 'redirect', ...r })),
  fc
    .record({
      icmpType: fc.nat(255).filter((t) => !PARSED_ICMP_TYPES.includes(t)),
      code: fc.nat(255),
      rest: fc.uint8Array({ minLength: 4, maxLength: 40 }),
    })
    .map<IcmpRepr>((r) => ({ type: 'other', ...r })),
);

const arbIpFields = fc.record({
  src: arbIpv4Address,
  dst: arbIpv4Address,
  ttl: fc.nat(255),
  dscp: fc.nat(63),
  ecn: fc.nat(3),
  ident: fc.nat(0xffff),
  dontFragment: fc.boolean(),
});
type IpFields = Omit<Ipv4Repr, 'protocol' | 'moreFragments' | 'fragmentOffset'>;

function unfragmented(fields: IpFields, protocol: number): Ipv4Repr {
  return { ...fields, protocol, moreFragments: false, fragmentOffset: 0 };
}

/** An IPv4 packet, with IPIP nesting up to `depth` levels. */
export function arbIpv4Packet(depth = 2): fc.Arbitrary<Ipv4Packet> {
  const typed = (protocol: number, body: fc.Arbitrary<Ipv4Body>) =>
    fc.record({ fields: arbIpFields, body }).map(({ fields, body: b }) => ({ ip: unfragmented(fields, protocol), body: b }));
  const choices: fc.Arbitrary<Ipv4Packet>[] = [
    typed(IpProtocol.Tcp, arbTcpRepr.map((tcp) => ({ kind: 'tcp', tcp }))),
    typed(IpProtocol.Udp, arbUdpRepr.map((udp) => ({ kind: 'udp', udp }))),
    typed(IpProtocol.Icmp, arbIcmpRepr.map((icmp) => ({ kind: 'icmp', icmp }))),
    // Another protocol: the body stays raw.
    fc
      .record({ fields: arbIpFields, protocol: fc.nat(255).filter((p) => !PARSED_PROTOCOLS.includes(p)), bytes: arbPayload })
      .map(({ fields, protocol, bytes }) => ({ ip: unfragmented(fields, protocol), body: { kind: 'raw', bytes } })),
    // A fragment of any protocol: the body is raw too.
    fc
      .record({ fields: arbIpFields, protocol: fc.nat(255), moreFragments: fc.boolean(), fragmentOffset: fc.nat(0x1fff), bytes: arbPayload })
      .filter(({ moreFragments, fragmentOffset }) => moreFragments || fragmentOffset !== 0)
      .map(({ fields, protocol, moreFragments, fragmentOffset, bytes }) => ({
        ip: { ...fields, protocol, moreFragments, fragmentOffset },
        body: { kind: 'raw', bytes },
      })),
  ];
  if (depth > 0) choices.push(typed(IpProtocol.Ipip, arbIpv4Packet(depth - 1).map((inner) => ({ kind: 'ipip', inner }))));
  return fc.oneof(...choices);
}

/** An Ethernet/IPv4 ARP request or reply. */
export const arbArpRepr: fc.Arbitrary<ArpRepr> = fc.record({
  operation: fc.constantFrom('request' as const, 'reply' as const),
  senderMac: arbMacAddress,
  senderIp: arbIpv4Address,
  targetMac: arbMacAddress,
  targetIp: arbIpv4Address,
});

/** An Ethernet frame carrying ARP, IPv4, or raw bytes of another EtherType (at least 46, so no padding is added). */
export const arbFrame: fc.Arbitrary<Frame> = fc.oneof(
  fc.record({ src: arbMacAddress, dst: arbMacAddress, arp: arbArpRepr }).map<Frame>(({ src, dst, arp }) => ({
    eth: { src, dst, ethertype: EtherType.Arp },
    body: { kind: 'arp', arp },
  })),
  fc.record({ src: arbMacAddress, dst: arbMacAddress, packet: arbIpv4Packet() }).map<Frame>(({ src, dst, packet }) => ({
    eth: { src, dst, ethertype: EtherType.Ipv4 },
    body: { kind: 'ipv4', packet },
  })),
  fc
    .record({
      src: arbMacAddress,
      dst: arbMacAddress,
      ethertype: fc.integer({ min: 0x0600, max: 0xffff }).filter((t) => t !== EtherType.Ipv4 && t !== EtherType.Arp),
      bytes: fc.uint8Array({ minLength: 46, maxLength: 100 }),
    })
    .map<Frame>(({ src, dst, ethertype, bytes }) => ({ eth: { src, dst, ethertype }, body: { kind: 'raw', bytes } })),
);
