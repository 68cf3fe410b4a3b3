/**
 * Name lookups ipvsadm makes through the C library — getservbyname/getservbyport
 * (/etc/services) and gethostbyname/gethostbyaddr — answered as a lab node would answer them.
 *
 * The lab has no DNS server, so host names resolve only through /etc/hosts: the node's own
 * `/etc/hosts` file when the lab gives it one, otherwise the file a RHEL/CentOS install ships
 * (the seeds' distribution). Every other address prints as a number, which is what ipvsadm
 * does when gethostbyaddr fails (addr_to_anyname falls back to inet_ntop).
 *
 * Port names come from the RHEL `setup` package's /etc/services, whose first line for a port
 * wins, as getservbyport returns it: 80 is `http`, 443 `https`, 8080 `webcache` (RHEL's line is
 * `webcache 8080/tcp http-alt`; Debian's netbase would say `http-alt`). Only the well-known
 * ports a load-balancing lab meets are listed; any other port prints as a number, as it would
 * for a port that is not in the file.
 */
import { parseIpv4Address } from '../../../wire/ipv4-address.ts';

interface ServiceEntry {
  readonly name: string;
  readonly port: number;
  readonly protocols: readonly ('tcp' | 'udp')[];
  readonly aliases: readonly string[];
}

const both = ['tcp', 'udp'] as const;
const entry = (name: string, port: number, protocols: readonly ('tcp' | 'udp')[] = both, aliases: readonly string[] = []): ServiceEntry => ({ name, port, protocols, aliases });

/** The /etc/services lines used, in file order (RHEL setup package). */
const SERVICES: readonly ServiceEntry[] = [
  entry('tcpmux', 1), entry('echo', 7), entry('discard', 9, both, ['sink', 'null']), entry('systat', 11, both, ['users']),
  entry('daytime', 13), entry('qotd', 17, both, ['quote']), entry('chargen', 19, both, ['ttytst', 'source']),
  entry('ftp-data', 20), entry('ftp', 21), entry('ssh', 22), entry('telnet', 23), entry('smtp', 25, both, ['mail']),
  entry('time', 37, both, ['timserver']), entry('nameserver', 42, both, ['name']), entry('whois', 43, both, ['nicname']),
  entry('tacacs', 49), entry('domain', 53), entry('bootps', 67), entry('bootpc', 68), entry('tftp', 69),
  entry('gopher', 70), entry('finger', 79), entry('http', 80, both, ['www', 'www-http']),
  entry('kerberos', 88, both, ['kerberos5', 'krb5']), entry('pop3', 110, both, ['pop-3']),
  entry('sunrpc', 111, both, ['portmapper', 'rpcbind']), entry('auth', 113, both, ['authentication', 'tap', 'ident']),
  entry('nntp', 119, both, ['readnews', 'untp']), entry('ntp', 123), entry('netbios-ns', 137), entry('netbios-dgm', 138),
  entry('netbios-ssn', 139), entry('imap', 143, both, ['imap2']), entry('snmp', 161), entry('snmptrap', 162, both, ['snmp-trap']),
  entry('bgp', 179), entry('ldap', 389), entry('https', 443), entry('microsoft-ds', 445),
  entry('shell', 514, ['tcp'], ['cmd']), entry('syslog', 514, ['udp']), entry('printer', 515, both, ['spooler']),
  entry('submission', 587), entry('ldaps', 636), entry('rsync', 873), entry('imaps', 993), entry('pop3s', 995),
  entry('ms-sql-s', 1433), entry('mysql', 3306), entry('postgres', 5432, both, ['postgresql']), entry('irdmi', 8000),
  entry('webcache', 8080, both, ['http-alt']), entry('pcsync-https', 8443), entry('cslistener', 9000),
  entry('memcache', 11211),
];

/** What /etc/hosts says when the node has none of its own (RHEL/CentOS default). */
export const DEFAULT_HOSTS = '127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n';

const protocolName = (proto: number): 'tcp' | 'udp' | null => (proto === 6 ? 'tcp' : proto === 17 ? 'udp' : null);

/** getservbyname(name, proto) as ipvsadm's service_to_port uses it: the port, or -1. */
export function serviceToPort(name: string, proto: number): number {
  const p = protocolName(proto);
  if (p === null) return -1;
  const e = SERVICES.find((s) => s.protocols.includes(p) && (s.name === name || s.aliases.includes(name)));
  return e ? e.port : -1;
}

/** getservbyport(port, proto) as ipvsadm's port_to_service uses it: the name, or null. */
export function portToService(port: number, proto: number): string | null {
  const p = protocolName(proto);
  if (p === null) return null;
  return SERVICES.find((s) => s.port === port && s.protocols.includes(p))?.name ?? null;
}

/** The IPv4 lines of a hosts file: address and names. */
function hostsLines(hosts: string): { address: number; names: string[] }[] {
  const lines: { address: number; names: string[] }[] = [];
  for (const raw of hosts.split('\n')) {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter((w) => w !== '');
    if (words.length < 2) continue;
    // nss files backend: an IPv4 lookup reads only the lines whose address inet_pton(AF_INET) accepts.
    const address = parseIpv4Address(words[0]!);
    if (address !== null) lines.push({ address, names: words.slice(1) });
  }
  return lines;
}

/** gethostbyname(name) through /etc/hosts (first matching line, names compared without case): the address, or null. */
export function hostToAddress(name: string, hosts: string): number | null {
  const lower = name.toLowerCase();
  return hostsLines(hosts).find((l) => l.names.some((n) => n.toLowerCase() === lower))?.address ?? null;
}

/** gethostbyaddr(addr) through /etc/hosts: the line's canonical (first) name, or null. */
export function addressToHost(address: number, hosts: string): string | null {
  return hostsLines(hosts).find((l) => l.address === address)?.names[0] ?? null;
}
