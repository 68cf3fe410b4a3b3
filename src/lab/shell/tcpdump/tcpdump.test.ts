import { describe, expect, it } from 'vitest';
import { parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { IpProtocol, type Ipv4Repr } from '../../../wire/ipv4.ts';
import type { Frame, Ipv4Body, Ipv4Packet } from '../../../wire/packet.ts';
import { TcpFlag, type TcpRepr } from '../../../wire/tcp.ts';
import { compileFilter } from './filter.ts';
import { tcpdumpTime, TcpdumpPrinter } from './print.ts';

const A = (s: string) => parseIpv4Address(s)!;
const MAC_C = '00:0c:29:aa:aa:aa';
const MAC_S = '00:0c:29:bb:bb:bb';

function ip(src: string, dst: string, body: Ipv4Body): Ipv4Packet {
  const protocol = body.kind === 'tcp' ? IpProtocol.Tcp : body.kind === 'udp' ? IpProtocol.Udp : body.kind === 'icmp' ? IpProtocol.Icmp : IpProtocol.Ipip;
  const header: Ipv4Repr = { src: A(src), dst: A(dst), protocol, ttl: 64, dscp: 0, ecn: 0, ident: 1, dontFragment: true, moreFragments: false, fragmentOffset: 0 };
  return { ip: header, body };
}

const frame = (src: string, dst: string, packet: Ipv4Packet): Frame => ({ eth: { src, dst, ethertype: 0x0800 }, body: { kind: 'ipv4', packet } });

function tcp(sport: number, dport: number, flags: number, seq: number, ack: number, payload = '', options: TcpRepr['options'] = []): Ipv4Body {
  return { kind: 'tcp', tcp: { srcPort: sport, dstPort: dport, seq, ack, flags, window: 29200, urgentPointer: 0, options, payload: new TextEncoder().encode(payload) } };
}

const arpRequest: Frame = {
  eth: { src: MAC_C, dst: 'ff:ff:ff:ff:ff:ff', ethertype: 0x0806 },
  body: { kind: 'arp', arp: { operation: 'request', senderMac: MAC_C, senderIp: A('192.168.122.1'), targetMac: '00:00:00:00:00:00', targetIp: A('192.168.122.188') } },
};
const arpReply: Frame = {
  eth: { src: MAC_S, dst: MAC_C, ethertype: 0x0806 },
  body: { kind: 'arp', arp: { operation: 'reply', senderMac: MAC_S, senderIp: A('192.168.122.188'), targetMac: MAC_C, targetIp: A('192.168.122.1') } },
};

describe('tcpdump lines', () => {
  const e = new TcpdumpPrinter({ numericPorts: false, linkHeader: true, absoluteSeq: false });

  it('prints virtual time as the time of day from midnight', () => {
    expect(tcpdumpTime(0)).toBe('00:00:00.000000');
    expect(tcpdumpTime(3_723_000_042)).toBe('01:02:03.000042');
  });

  it('prints ARP with -e: sent frames unpadded, received ones padded to 60 bytes', () => {
    expect(e.decode(arpRequest, true)).toBe(`${MAC_C} > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.168.122.188 tell 192.168.122.1, length 28`);
    expect(e.decode(arpReply, false)).toBe(`${MAC_S} > ${MAC_C}, ethertype ARP (0x0806), length 60: Reply 192.168.122.188 is-at ${MAC_S}, length 46`);
    expect(new TcpdumpPrinter({ numericPorts: false, linkHeader: false, absoluteSeq: false }).decode(arpRequest, true)).toBe('ARP, Request who-has 192.168.122.188 tell 192.168.122.1, length 28');
  });

  it('prints a TCP exchange with relative sequence numbers after the handshake', () => {
    const p = new TcpdumpPrinter({ numericPorts: false, linkHeader: false, absoluteSeq: false });
    const c = '12.0.0.12';
    const s = '192.168.122.188';
    const opts: TcpRepr['options'] = [{ kind: 'mss', value: 1460 }, { kind: 'sack-permitted' }, { kind: 'nop' }, { kind: 'window-scale', shift: 7 }];
    expect(p.decode(frame(MAC_C, MAC_S, ip(c, s, tcp(40000, 80, TcpFlag.Syn, 1000, 0, '', opts))), true)).toBe('IP 12.0.0.12.40000 > 192.168.122.188.http: Flags [S], seq 1000, win 29200, options [mss 1460,sackOK,nop,wscale 7], length 0');
    expect(p.decode(frame(MAC_S, MAC_C, ip(s, c, tcp(80, 40000, TcpFlag.Syn | TcpFlag.Ack, 5000, 1001))), false)).toBe('IP 192.168.122.188.http > 12.0.0.12.40000: Flags [S.], seq 5000, ack 1001, win 29200, length 0');
    expect(p.decode(frame(MAC_C, MAC_S, ip(c, s, tcp(40000, 80, TcpFlag.Ack, 1001, 5001))), true)).toBe('IP 12.0.0.12.40000 > 192.168.122.188.http: Flags [.], ack 1, win 29200, length 0');
    expect(p.decode(frame(MAC_C, MAC_S, ip(c, s, tcp(40000, 80, TcpFlag.Psh | TcpFlag.Ack, 1001, 5001, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'))), true)).toBe('IP 12.0.0.12.40000 > 192.168.122.188.http: Flags [P.], seq 1:28, ack 1, win 29200, length 27: HTTP: GET / HTTP/1.1');
    expect(p.decode(frame(MAC_S, MAC_C, ip(s, c, tcp(80, 40000, TcpFlag.Psh | TcpFlag.Ack, 5001, 1028, 'HTTP/1.1 200 OK\r\n\r\n'))), false)).toBe('IP 192.168.122.188.http > 12.0.0.12.40000: Flags [P.], seq 1:20, ack 28, win 29200, length 19: HTTP: HTTP/1.1 200 OK');
    expect(p.decode(frame(MAC_C, MAC_S, ip(c, s, tcp(40000, 80, TcpFlag.Fin | TcpFlag.Ack, 1028, 5020))), true)).toBe('IP 12.0.0.12.40000 > 192.168.122.188.http: Flags [F.], seq 28, ack 20, win 29200, length 0');
    const nn = new TcpdumpPrinter({ numericPorts: true, linkHeader: false, absoluteSeq: true });
    expect(nn.decode(frame(MAC_C, MAC_S, ip(c, s, tcp(40000, 80, TcpFlag.Ack, 1001, 5001))), true)).toBe('IP 12.0.0.12.40000 > 192.168.122.188.80: Flags [.], ack 5001, win 29200, length 0');
  });

  it('prints ICMP echo, port unreachable and IPIP', () => {
    const p = new TcpdumpPrinter({ numericPorts: true, linkHeader: false, absoluteSeq: false });
    const echo = ip('10.0.0.1', '10.0.0.2', { kind: 'icmp', icmp: { type: 'echo-request', ident: 77, seq: 1, data: new Uint8Array(56) } });
    expect(p.decode(frame(MAC_C, MAC_S, echo), true)).toBe('IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 77, seq 1, length 64');
    const quoted = new Uint8Array(28);
    quoted[0] = 0x45;
    quoted[9] = IpProtocol.Tcp;
    quoted.set([192, 168, 122, 188], 16);
    quoted[22] = 0;
    quoted[23] = 80;
    const unreach = ip('192.168.122.188', '12.0.0.12', { kind: 'icmp', icmp: { type: 'dest-unreachable', code: 3, nextHopMtu: 0, original: quoted } });
    expect(p.decode(frame(MAC_S, MAC_C, unreach), false)).toBe('IP 192.168.122.188 > 12.0.0.12: ICMP 192.168.122.188 tcp port 80 unreachable, length 36');
    const inner = ip('12.0.0.12', '10.0.1.188', tcp(40000, 80, TcpFlag.Syn, 1, 0));
    const outer = ip('10.0.1.10', '10.0.2.100', { kind: 'ipip', inner });
    expect(p.decode(frame(MAC_C, MAC_S, outer), true)).toBe('IP 10.0.1.10 > 10.0.2.100: IP 12.0.0.12.40000 > 10.0.1.188.80: Flags [S], seq 1, win 29200, length 0 (ipip-proto-4)');
    const pe = new TcpdumpPrinter({ numericPorts: true, linkHeader: true, absoluteSeq: false });
    expect(pe.decode(frame(MAC_C, MAC_S, outer), true)).toBe(`${MAC_C} > ${MAC_S}, ethertype IPv4 (0x0800), length 74: 10.0.1.10 > 10.0.2.100: 12.0.0.12.40000 > 10.0.1.188.80: Flags [S], seq 1, win 29200, length 0 (ipip-proto-4)`);
  });
});

describe('tcpdump filters', () => {
  const syn = frame(MAC_C, MAC_S, ip('12.0.0.12', '192.168.122.188', tcp(40000, 80, TcpFlag.Syn, 1, 0)));
  const match = (expr: string, f: Frame): boolean => {
    const fn = compileFilter(expr);
    if (typeof fn !== 'function') throw new Error(fn.error);
    return fn(f);
  };

  it('tests protocols, hosts, ports and their combinations', () => {
    expect(match('arp', arpRequest)).toBe(true);
    expect(match('arp', syn)).toBe(false);
    expect(match('tcp', syn)).toBe(true);
    expect(match('icmp or udp', syn)).toBe(false);
    expect(match('host 192.168.122.188', syn)).toBe(true);
    expect(match('host 192.168.122.188', arpRequest)).toBe(true);
    expect(match('src host 192.168.122.188', syn)).toBe(false);
    expect(match('dst 192.168.122.188 and port 80', syn)).toBe(true);
    expect(match('tcp port 80 and not arp', syn)).toBe(true);
    expect(match('udp port 80', syn)).toBe(false);
    expect(match('src port 80', syn)).toBe(false);
    expect(match('host 1.2.3.4 or 12.0.0.12', syn)).toBe(true);
    expect(match('!(port 22 || port 443)', syn)).toBe(true);
    expect(match('net 12.0.0.0/8', syn)).toBe(true);
    expect(match(`ether src ${MAC_C}`, syn)).toBe(true);
    expect(match('proto 6', syn)).toBe(true);
  });

  it('answers as libpcap does for bad expressions', () => {
    expect(compileFilter('port')).toEqual({ error: 'tcpdump: syntax error' });
    expect(compileFilter('arp and and')).toEqual({ error: 'tcpdump: syntax error' });
    expect(compileFilter('host nowhere')).toEqual({ error: "tcpdump: unknown host 'nowhere'" });
    expect(compileFilter('(arp')).toEqual({ error: 'tcpdump: syntax error' });
  });
});
