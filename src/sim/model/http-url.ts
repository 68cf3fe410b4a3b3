import { parseIpv4Address } from '../../wire/ipv4-address.ts';

/** `http://host[:port][/path]` with a numeric host, or an error kind. */
export function parseHttpUrl(url: string): { host: string; port: number; path: string } | 'url' | 'resolve' {
  const m = /^(?:http:\/\/)?([^/:?#\s]+)(?::(\d{1,5}))?(\/[^\s#]*)?$/i.exec(url.trim());
  if (!m) return 'url';
  const port = m[2] !== undefined ? Number(m[2]) : 80;
  if (port < 1 || port > 65535) return 'url';
  if (parseIpv4Address(m[1]!) === null) return 'resolve';
  return { host: m[1]!, port, path: m[3] ?? '/' };
}
