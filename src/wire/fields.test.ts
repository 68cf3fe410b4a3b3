import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedFieldPaths, frameFields, packetFields, type WireField } from './fields.ts';
import { IcmpUnreachableCode } from './icmp.ts';
import { IpProtocol } from './ipv4.ts';
import { emitFrame, parseFrame, parseIpv4Packet, type Frame, type Ipv4Packet } from './packet.ts';
import { arbFrame } from './testing/arbitraries.ts';
import { ARP_REQUEST_FRAME, ICMP_ECHO_REQUEST_PACKET, ICMP_PORT_UNREACHABLE_FRAME, TCP_HTTP_GET_FRAME, TCP_SYN_FRAME } from './testing/fixtures.ts';
import { valueOf } from './testing/parsed.ts';

const IP_PATHS = ['version', 'ihl', 'dscp', 'ecn', 'len', 'id', 'flags', 'frag', 'ttl', 'proto', 'checksum', 'src', 'dst'];

function byPath(fields: readonly WireField[]): Map<string, WireField> {
  return new Map(fields.map((f) => [f.path, f]));
}

function ipv4Of(frame: Frame): Ipv4Packet {
  if (frame.body.kind !== 'ipv4') throw new Error('not IPv4');
  return frame.body.packet;
}

describe('fields', () => {
  it('lists the fields of a TCP SYN frame in wire order, with offsets into the frame', () => {
    const fields = frameFields(valueOf(parseFrame(TCP_SYN_FRAME)));
    expect(fields.map((f) => f.path)).toEqual([
      'eth.dst',
      'eth.src',
      'eth.type',
      ...IP_PATHS.map((p) => `ip.${p}`),
      'tcp.sport',
      'tcp.dport',
      'tcp.seq',
      'tcp.ack',
      'tcp.off',
      'tcp.flags',
      'tcp.window',
      'tcp.checksum',
      'tcp.urg',
      'tcp.options',
    ]);
    const f = byPath(fields);
    expect(f.get('eth.type')).toMatchObject({ layer: 'eth', value: 'IPv4 (0x0800)', offset: 12, length: 2 });
    expect(f.get('ip.flags')).toMatchObject({ layer: 'ip', name: 'flags', value: 'DF', offset: 20, length: 1 });
    expect(f.get('ip.id')?.value).toBe('0x2d5c (11612)');
    expect(f.get('ip.proto')?.value).toBe('TCP (6)');
    expect(f.get('ip.checksum')).toMatchObject({ value: '0x3990', offset: 24, length: 2 });
    expect(f.get('ip.src')).toMatchObject({ value: '192.168.65.3', offset: 26, length: 4 });
    expect(f.get('ip.dst')).toMatchObject({ value: '188.184.21.108', offset: 30, length: 4 });
    expect(f.get('tcp.flags')).toMatchObject({ layer: 'tcp', value: 'SYN', offset: 47, length: 1 });
    expect(f.get('tcp.seq')?.value).toBe('3356944636');
    expect(f.get('tcp.off')?.value).toBe('10 (40 bytes)');
    expect(f.get('tcp.checksum')).toMatchObject({ value: '0x9cfc', offset: 50 });
    expect(f.get('tcp.options')).toMatchObject({ value: 'mss 1460,sackOK,TS val 3099954794 ecr 0,nop,wscale 7', offset: 54, length: 20 });
  });

  it('shows an L4 payload as its length and a printable preview', () => {
    const payload = byPath(frameFields(valueOf(parseFrame(TCP_HTTP_GET_FRAME)))).get('payload');
    expect(payload).toMatchObject({ layer: 'payload', name: 'payload', value: '75 bytes: GET / HTTP/1.1..Host: in…', offset: 54, length: 75 });
  });

  it('lists ARP fields', () => {
    const f = byPath(frameFields(valueOf(parseFrame(ARP_REQUEST_FRAME))));
    expect([...f.keys()]).toEqual(['eth.dst', 'eth.src', 'eth.type', 'arp.htype', 'arp.ptype', 'arp.hlen', 'arp.plen', 'arp.op', 'arp.sha', 'arp.spa', 'arp.tha', 'arp.tpa']);
    expect(f.get('arp.op')).toMatchObject({ value: 'request (1)', offset: 20, length: 2 });
    expect(f.get('arp.spa')?.value).toBe('192.168.2.2');
    expect(f.get('arp.tpa')).toMatchObject({ value: '157.55.235.145', offset: 38, length: 4 });
  });

  it('summarises what an ICMP error quotes', () => {
    const f = byPath(frameFields(valueOf(parseFrame(ICMP_PORT_UNREACHABLE_FRAME))));
    expect(f.get('icmp.type')?.value).toBe('dest-unreachable (3)');
    expect(f.get('icmp.code')?.value).toBe('port unreachable (3)');
    expect(f.get('icmp.checksum')?.value).toBe('0x3665');
    expect(f.get('icmp.original')).toMatchObject({ value: '28 bytes: UDP 114.114.114.114:53 > 192.168.102.35:50694', offset: 42, length: 28 });
    expect(f.has('icmp.mtu')).toBe(false);
  });

  it('shows the next-hop MTU of fragmentation needed, the gateway of a redirect and echo id/seq', () => {
    const ip = { ...valueOf(parseIpv4Packet(ICMP_ECHO_REQUEST_PACKET)).ip };
    const quote = ICMP_ECHO_REQUEST_PACKET.slice(0, 28);
    const fragNeeded = byPath(packetFields({ ip, body: { kind: 'icmp', icmp: { type: 'dest-unreachable', code: IcmpUnreachableCode.FragNeeded, nextHopMtu: 1480, original: quote } } }));
    expect(fragNeeded.get('icmp.mtu')).toMatchObject({ value: '1480', offset: 26, length: 2 });
    expect(fragNeeded.get('icmp.original')?.value).toBe('28 bytes: ICMP 172.16.1.1 > 172.16.2.1');
    const redirect = byPath(packetFields({ ip, body: { kind: 'icmp', icmp: { type: 'redirect', code: 1, gateway: 0x0a000001, original: quote } } }));
    expect(redirect.get('icmp.gateway')).toMatchObject({ value: '10.0.0.1', offset: 24, length: 4 });
    expect(redirect.get('icmp.code')?.value).toBe('redirect for host (1)');
    const timeExceeded = byPath(packetFields({ ip, body: { kind: 'icmp', icmp: { type: 'time-exceeded', code: 0, original: quote } } }));
    expect(timeExceeded.get('icmp.code')?.value).toBe('ttl exceeded in transit (0)');
    const echo = byPath(packetFields(valueOf(parseIpv4Packet(ICMP_ECHO_REQUEST_PACKET))));
    expect(echo.get('icmp.id')?.value).toBe('4724');
    expect(echo.get('icmp.seq')?.value).toBe('1');
    expect(echo.get('payload')?.length).toBe(56);
  });

  it('diffs a TTL decrement as ip.ttl and ip.checksum', () => {
    const packet = ipv4Of(valueOf(parseFrame(TCP_SYN_FRAME)));
    const forwarded: Ipv4Packet = { ...packet, ip: { ...packet.ip, ttl: packet.ip.ttl - 1 } };
    expect(changedFieldPaths(packetFields(packet), packetFields(forwarded))).toEqual(['ip.ttl', 'ip.checksum']);
  });

  it('diffs a NAT destination rewrite as the address and both checksums', () => {
    const packet = ipv4Of(valueOf(parseFrame(TCP_SYN_FRAME)));
    const nat: Ipv4Packet = { ...packet, ip: { ...packet.ip, dst: 0x0a000002 } };
    expect(changedFieldPaths(packetFields(packet), packetFields(nat))).toEqual(['ip.checksum', 'ip.dst', 'tcp.checksum']);
  });

  it('diffs IPIP encapsulation as outer.* added plus the inner TTL and checksum', () => {
    const packet = ipv4Of(valueOf(parseFrame(TCP_SYN_FRAME)));
    const inner: Ipv4Packet = { ...packet, ip: { ...packet.ip, ttl: packet.ip.ttl - 1 } };
    const outerIp = { ...packet.ip, src: 0xc0a80001, dst: 0xc0a80065, protocol: IpProtocol.Ipip, ident: 7 };
    const tunnelled: Ipv4Packet = { ip: outerIp, body: { kind: 'ipip', inner } };
    const after = packetFields(tunnelled);
    expect(after.filter((f) => f.layer === 'outer').map((f) => f.path)).toEqual(IP_PATHS.map((p) => `outer.${p}`));
    expect(byPath(after).get('ip.src')?.offset).toBe(32);
    expect(changedFieldPaths(packetFields(packet), after)).toEqual([...IP_PATHS.map((p) => `outer.${p}`), 'ip.ttl', 'ip.checksum']);
    // Decapsulation lists the removed outer fields last, in their old order.
    expect(changedFieldPaths(after, packetFields(inner))).toEqual(IP_PATHS.map((p) => `outer.${p}`));
  });

  it('names deeper tunnels outer2, outer3… so the innermost header stays ip', () => {
    const packet = valueOf(parseIpv4Packet(ICMP_ECHO_REQUEST_PACKET));
    const once: Ipv4Packet = { ip: { ...packet.ip, protocol: IpProtocol.Ipip }, body: { kind: 'ipip', inner: packet } };
    const twice: Ipv4Packet = { ip: { ...packet.ip, protocol: IpProtocol.Ipip }, body: { kind: 'ipip', inner: once } };
    const prefixes = [...new Set(packetFields(twice).map((f) => f.path.split('.')[0]))];
    expect(prefixes).toEqual(['outer2', 'outer', 'ip', 'icmp', 'payload']);
  });

  it('gives unique paths and byte ranges inside the emitted frame, for any frame', () => {
    fc.assert(
      fc.property(arbFrame, (frame) => {
        const fields = frameFields(frame);
        const length = emitFrame(frame).length;
        expect(new Set(fields.map((f) => f.path)).size).toBe(fields.length);
        for (const f of fields) {
          expect(f.offset).toBeGreaterThanOrEqual(0);
          expect(f.offset + f.length).toBeLessThanOrEqual(length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
