/**
 * ipvsadm's address arguments: parse_service (ipvsadm.c:1232) for `-t/-u/--sctp-service
 * host[:port]` and `-r server[:port]`, and parse_netmask (1210) for `-M`.
 */
import { hostToAddress, serviceToPort } from './names.ts';
import { inetAton, isIpv6Text, stringToNumber } from './numbers.ts';
import type { AddressFamily } from './types.ts';

/** parse_service found nothing usable. */
export const SERVICE_NONE = 0;
/** parse_service set the address. */
export const SERVICE_ADDR = 1;
/** parse_service set the port. */
export const SERVICE_PORT = 2;

/** The fields parse_service writes into the ipvs_service_t it is given. */
export interface ParsedEndpoint {
  af: AddressFamily;
  address: number;
  address6?: string;
  port: number;
  netmask: number;
}

/** str_is_digit: true for a string of digits only (and, as in C, for the empty string). */
function strIsDigit(s: string): boolean {
  return /^[0-9]*$/.test(s);
}

/**
 * parse_service(buf, svc): fills `into` (a copy of the service being built) and returns
 * SERVICE_ADDR | SERVICE_PORT, or SERVICE_NONE. `protocol` picks the /etc/services column for
 * port names; `hosts` is the /etc/hosts text for host names.
 */
export function parseService(buf: string | null, into: ParsedEndpoint, protocol: number, hosts: string): number {
  if (buf === null || strIsDigit(buf)) return SERVICE_NONE;
  let host = buf;
  // The text after the port separator (C's portp + 1), or null when there is none.
  let portText: string | null = null;
  if (host.startsWith('[')) {
    host = host.slice(1);
    const close = host.indexOf(']');
    if (close < 0) return SERVICE_NONE;
    const after = host.slice(close + 1);
    host = host.slice(0, close);
    if (!after.startsWith(':')) return SERVICE_NONE;
    portText = after.slice(1);
  }
  if (isIpv6Text(host)) {
    into.af = 'inet6';
    into.address6 = host;
    into.netmask = 128;
  } else {
    // strrchr(buf, ':') on the part before a closing bracket: "[1.2.3.4]:80" loses its port.
    const colon = host.lastIndexOf(':');
    portText = colon >= 0 ? host.slice(colon + 1) : null;
    if (colon >= 0) host = host.slice(0, colon);
    const address = inetAton(host) ?? hostToAddress(host, hosts);
    if (address === null) return SERVICE_NONE;
    into.address = address;
    into.af = 'inet';
  }
  let result = SERVICE_ADDR;
  if (portText !== null) {
    result |= SERVICE_PORT;
    let port = stringToNumber(portText, 0, 65535);
    if (port === -1) port = serviceToPort(portText, protocol);
    if (port === -1) return SERVICE_NONE;
    into.port = port;
  }
  return result;
}

/** parse_netmask: inet_aton, else gethostbyname; null when neither understands it. */
export function parseNetmask(buf: string, hosts: string): number | null {
  return inetAton(buf) ?? hostToAddress(buf, hosts);
}
