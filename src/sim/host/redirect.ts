import { readQuotedIpv4, type IcmpRepr } from '../../wire/icmp.ts';
import { formatIpv4Address, isLimitedBroadcast, isMulticastIpv4, isZeronet, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { LinuxHost } from './host.ts';
import type { NetDev } from './netdev.ts';
import type { NexthopException, RouteDecision } from './route.ts';
import type { SkBuff } from './skb.ts';

/** The addresses of the packet an ICMP message quotes. */
export interface QuotedAddresses {
  readonly src: Ipv4Address;
  readonly dst: Ipv4Address;
}

/**
 * The addresses of the IPv4 header an ICMP message quotes, when the header and the 8 bytes after
 * it are there (icmp_socket_deliver's pskb_may_pull), else null.
 */
export function quotedAddresses(q: Uint8Array): QuotedAddresses | null {
  const h = readQuotedIpv4(q);
  return h !== null && h.payloadLength >= 8 ? { src: h.src, dst: h.dst } : null;
}

/** What became of an ICMP redirect. */
export type RedirectOutcome =
  | { readonly kind: 'accepted'; readonly exception: NexthopException }
  /** The new gateway's link-layer address is not known yet: ARP is asked, nothing changes. */
  | { readonly kind: 'resolving' }
  | { readonly kind: 'ignored'; readonly why: string };

type Redirect = Extract<IcmpRepr, { type: 'redirect' }>;

/**
 * IN_DEV_RX_REDIRECTS: a forwarding device takes redirects only when `all` and the device both
 * accept them (and turning ip_forward on set all to 0); a host's device when either does.
 */
function rxRedirects(host: LinuxHost, dev: NetDev): boolean {
  const all = host.sysctl.rawConf('all', 'accept_redirects') !== 0;
  const own = dev.cnf.accept_redirects !== 0;
  return dev.cnf.forwarding !== 0 ? all && own : all || own;
}

/** ip_fib_check_default: whether some route leaves `dev` through gateway `gw`. */
function isGatewayOf(host: LinuxHost, gw: Ipv4Address, dev: string): boolean {
  return host.fib.routes('main').some((r) => r.gateway === gw && r.dev === dev);
}

/** Why __ip_do_redirect rejects `newGw` from `oldGw` on `dev`, or undefined when it may be taken. */
function rejection(host: LinuxHost, dev: NetDev, newGw: Ipv4Address, oldGw: Ipv4Address): string | undefined {
  if (newGw === oldGw) return 'the advised gateway is the one that sent the redirect';
  if (!rxRedirects(host, dev)) {
    return dev.cnf.forwarding !== 0
      ? `${dev.name} forwards: accept_redirects must be 1 on both all and ${dev.name}`
      : `accept_redirects is 0 on both all and ${dev.name}`;
  }
  if (isMulticastIpv4(newGw) || isLimitedBroadcast(newGw) || isZeronet(newGw)) return 'the advised gateway is not a unicast address';
  if (dev.cnf.shared_media === 0) {
    if (!host.addrs.onlink(dev.name, newGw, oldGw)) return `shared_media=0 and the advised gateway is not on a subnet of ${dev.name}`;
    if (dev.cnf.secure_redirects !== 0 && !isGatewayOf(host, newGw, dev.name)) {
      return 'secure_redirects=1 and the advised gateway is not a gateway in the routing table';
    }
  } else if (host.addrType(newGw) !== 'unicast') {
    return 'the advised gateway is a local or broadcast address';
  }
  return undefined;
}

/**
 * __ip_do_redirect (net/ipv4/route.c): an ICMP redirect from `oldGw` (the redirect's source)
 * advising `icmp.gateway` for the quoted packet's destination. `rt` is the route that packet
 * took; only a redirect from that route's own gateway counts. A taken redirect becomes an
 * exception on the route's next hop for that destination (300 s) once the new gateway's
 * link-layer address is known; until then ARP is asked and nothing changes.
 */
export function doRedirect(host: LinuxHost, rt: RouteDecision, redirectSkb: SkBuff, icmp: Redirect, quoted: QuotedAddresses): RedirectOutcome {
  const oldGw = redirectSkb.packet.ip.src;
  const newGw = icmp.gateway;
  const dev = redirectSkb.inDev;
  if ((icmp.code & 7) > 3) return { kind: 'ignored', why: `unknown redirect code ${icmp.code}` };
  if (rt.gateway !== oldGw) return { kind: 'ignored', why: `the route to ${formatIpv4Address(quoted.dst)} does not go through ${formatIpv4Address(oldGw)}` };
  if (dev === undefined) return { kind: 'ignored', why: 'no input device' };
  const why = rejection(host, dev, newGw, oldGw);
  if (why !== undefined) {
    if (dev.cnf.log_martians !== 0) {
      host.log(`Redirect from ${formatIpv4Address(oldGw)} on ${dev.name} about ${formatIpv4Address(newGw)} ignored`);
      host.log(`  Advised path = ${formatIpv4Address(quoted.src)} -> ${formatIpv4Address(quoted.dst)}`);
    }
    return { kind: 'ignored', why };
  }
  if (!host.neigh.validOrResolve(rt.dev, newGw)) return { kind: 'resolving' };
  const exception = host.router.learnRedirect(quoted.dst, newGw);
  return exception ? { kind: 'accepted', exception } : { kind: 'ignored', why: `no route via a gateway to ${formatIpv4Address(quoted.dst)}` };
}
