import type { LabDocument } from '../../lab/document.ts';
import { parseIpv4Address } from '../../wire/ipv4-address.ts';

/** The hosts and routers traffic can start from (switches run no programs). */
export function senders(doc: LabDocument): string[] {
  return doc.nodes.filter((n) => n.kind !== 'switch').map((n) => n.id);
}

/** The node the send controls start with: the first client, else the first host. */
export function defaultSender(doc: LabDocument): string {
  return doc.nodes.find((n) => n.role === 'client')?.id ?? senders(doc)[0] ?? '';
}

/** The lab's first virtual service address, where a request usually goes. */
export function firstVip(doc: LabDocument): string | undefined {
  for (const n of doc.nodes) for (const s of n.ipvs.services) if (s.address !== undefined) return s.address;
  return undefined;
}

/** The target the send controls start with: `http://<first VIP>/`, or empty when the lab has no service. */
export function defaultTarget(doc: LabDocument): string {
  const vip = firstVip(doc);
  return vip ? `http://${vip}/` : '';
}

/** The URL curl fetches for a target: the target itself, or `http://<ip>/` for a bare address. */
export function curlUrl(target: string): string {
  const t = target.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `http://${t}/`;
}

/** The IPv4 address in a target (a bare address or a URL's host), for ping and arping. */
export function targetIp(target: string): string | undefined {
  const t = target.trim();
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(t)?.[1] ?? t;
  return parseIpv4Address(host) !== null ? host : undefined;
}

/** The Ethernet devices of a node (what arping can send on). */
export function etherDevices(doc: LabDocument, node: string): string[] {
  return doc.nodes.find((n) => n.id === node)?.interfaces.filter((i) => i.kind === 'ether').map((i) => i.name) ?? [];
}
