import { inSubnet, parseCidr, parseIpv4Address } from '../../../wire/ipv4-address.ts';
import { parseMacAddress } from '../../../wire/mac-address.ts';
import type { Frame } from '../../../wire/packet.ts';
import { IpProtocol } from '../../../wire/ipv4.ts';

/**
 * A subset of pcap-filter(7), compiled to a predicate over frames: `arp`, `ip`, `icmp`, `tcp`,
 * `udp`, `[src|dst] [host] ADDR`, `[src|dst] net CIDR`, `[tcp|udp] [src|dst] port N`,
 * `ether [src|dst|host] MAC`, `[ip] proto N`, joined with `and`/`&&`, `or`/`||`, `not`/`!` and
 * parentheses. As BPF does, protocol and address tests look at the outer headers only.
 */

export type FramePredicate = (f: Frame) => boolean;

type Dir = 'src' | 'dst' | 'either';

/** The last qualifiers, which a bare value inherits (`host 1.2.3.4 or 1.2.3.5`). */
interface Qualifiers {
  kind: 'host' | 'net' | 'port';
  dir: Dir;
  proto: 'tcp' | 'udp' | undefined;
}

const SERVICE_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ssh: 22, domain: 53, ftp: 21, telnet: 23, smtp: 25, ntp: 123 };

function tokenize(text: string): string[] {
  return text.match(/&&|\|\||[()!]|[^\s()!]+/g) ?? [];
}

const ipOf = (f: Frame) => (f.body.kind === 'ipv4' ? f.body.packet : undefined);

function addrTest(dir: Dir, test: (a: number) => boolean): FramePredicate {
  return (f) => {
    const ip = ipOf(f);
    if (ip) return (dir !== 'dst' && test(ip.ip.src)) || (dir !== 'src' && test(ip.ip.dst));
    if (f.body.kind === 'arp') return (dir !== 'dst' && test(f.body.arp.senderIp)) || (dir !== 'src' && test(f.body.arp.targetIp));
    return false;
  };
}

function portTest(dir: Dir, port: number, proto: 'tcp' | 'udp' | undefined): FramePredicate {
  return (f) => {
    const ip = ipOf(f);
    if (!ip) return false;
    const b = ip.body;
    const ports = b.kind === 'tcp' && proto !== 'udp' ? [b.tcp.srcPort, b.tcp.dstPort] : b.kind === 'udp' && proto !== 'tcp' ? [b.udp.srcPort, b.udp.dstPort] : undefined;
    if (!ports) return false;
    return (dir !== 'dst' && ports[0] === port) || (dir !== 'src' && ports[1] === port);
  };
}

const protoTest = (p: number): FramePredicate => (f) => ipOf(f)?.ip.protocol === p;

/** Compiles a filter expression; the error text is tcpdump's (`tcpdump: syntax error`). */
export function compileFilter(text: string): FramePredicate | { error: string } {
  const toks = tokenize(text);
  if (toks.length === 0) return () => true;
  let i = 0;
  const q: Qualifiers = { kind: 'host', dir: 'either', proto: undefined };
  const syntax = { error: 'tcpdump: syntax error' };
  type R = FramePredicate | { error: string };
  const isErr = (r: R): r is { error: string } => typeof r !== 'function';

  const value = (word: string): R => {
    if (q.kind === 'port') {
      const port = /^\d+$/.test(word) ? Number(word) : SERVICE_PORTS[word];
      if (port === undefined || port > 65535) return { error: `tcpdump: unknown port '${word}'` };
      return portTest(q.dir, port, q.proto);
    }
    if (q.kind === 'net') {
      const c = parseCidr(word);
      if (!c) return { error: `tcpdump: unknown network '${word}'` };
      if ((c.address & ~(c.prefixLength === 0 ? 0 : (0xffffffff << (32 - c.prefixLength)) >>> 0)) >>> 0 !== 0) return { error: 'tcpdump: non-network bits set in "' + word + '"' };
      return addrTest(q.dir, (a) => inSubnet(a, c.address, c.prefixLength));
    }
    const a = parseIpv4Address(word);
    if (a === null) return { error: `tcpdump: unknown host '${word}'` };
    return addrTest(q.dir, (x) => x === a);
  };

  const primitive = (): R => {
    const t = toks[i];
    if (t === undefined) return syntax;
    i++;
    switch (t) {
      case 'arp': return (f) => f.body.kind === 'arp';
      case 'ip': {
        if (toks[i] === 'proto') return primitive();
        if (toks[i] === 'host' || toks[i] === 'src' || toks[i] === 'dst' || toks[i] === 'net') return primitive();
        return (f) => f.body.kind === 'ipv4';
      }
      case 'icmp': return protoTest(IpProtocol.Icmp);
      case 'tcp':
      case 'udp':
        if (toks[i] === 'port' || toks[i] === 'src' || toks[i] === 'dst') {
          q.proto = t;
          const r = primitive();
          q.proto = undefined;
          if (isErr(r)) return r;
          const pt = protoTest(t === 'tcp' ? IpProtocol.Tcp : IpProtocol.Udp);
          return (f) => pt(f) && r(f);
        }
        return protoTest(t === 'tcp' ? IpProtocol.Tcp : IpProtocol.Udp);
      case 'proto': {
        const v = toks[i++];
        const n = v === 'tcp' ? 6 : v === 'udp' ? 17 : v === 'icmp' ? 1 : v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
        return n === undefined || n > 255 ? syntax : protoTest(n);
      }
      case 'ether': {
        const d = toks[i];
        const dir: Dir = d === 'src' ? 'src' : d === 'dst' ? 'dst' : 'either';
        if (d === 'src' || d === 'dst' || d === 'host') i++;
        const mac = parseMacAddress((toks[i++] ?? '').toLowerCase());
        if (mac === null) return syntax;
        return (f) => (dir !== 'dst' && f.eth.src === mac) || (dir !== 'src' && f.eth.dst === mac);
      }
      case 'src':
      case 'dst': {
        q.dir = t;
        const next = toks[i];
        if (next === 'host' || next === 'net' || next === 'port') {
          i++;
          q.kind = next;
        } else q.kind = 'host';
        const v = toks[i++];
        return v === undefined ? syntax : value(v);
      }
      case 'host':
      case 'net':
      case 'port': {
        q.dir = 'either';
        q.kind = t;
        const v = toks[i++];
        return v === undefined ? syntax : value(v);
      }
      case '(': {
        const r = expr();
        if (isErr(r)) return r;
        if (toks[i++] !== ')') return syntax;
        return r;
      }
      default:
        // A bare value keeps the previous qualifiers (libpcap's "host 1.2.3.4 or 1.2.3.5").
        if (/^[\w.:/-]+$/.test(t) && !['and', 'or', 'not', ')'].includes(t)) return value(t);
        return syntax;
    }
  };

  const factor = (): R => {
    if (toks[i] === 'not' || toks[i] === '!') {
      i++;
      const r = factor();
      return isErr(r) ? r : (f) => !r(f);
    }
    return primitive();
  };

  const term = (): R => {
    let left = factor();
    while (!isErr(left) && (toks[i] === 'and' || toks[i] === '&&')) {
      i++;
      const right = factor();
      if (isErr(right)) return right;
      const l = left;
      left = (f) => l(f) && right(f);
    }
    return left;
  };

  function expr(): R {
    let left = term();
    while (!isErr(left) && (toks[i] === 'or' || toks[i] === '||')) {
      i++;
      const right = term();
      if (isErr(right)) return right;
      const l = left;
      left = (f) => l(f) || right(f);
    }
    return left;
  }

  const r = expr();
  if (!isErr(r) && i < toks.length) return syntax;
  return r;
}
