import type { LabDocument } from './document.ts';

/** The textbook name of an address or MAC: `CIP`, `VIP`, `DIP`, `RIP1`, `GW`… */
export interface RoleNames {
  /** IPv4 address → role name. */
  readonly ip: ReadonlyMap<string, string>;
  /** MAC → role name of the interface's main address (`DIP`, `RIP1`…); shown as `DIPmac`. */
  readonly mac: ReadonlyMap<string, string>;
  /** MAC → `node iface` for the inspector ("MAC of director ens33"). */
  readonly macOwner: ReadonlyMap<string, string>;
}

const number = (names: string[], base: string): string[] => (names.length === 1 ? [base] : names.map((_, i) => `${base}${i + 1}`));

/**
 * Names the addresses of a lab as LVS texts do: VIP (virtual service addresses), DIP (the
 * director's own addresses), RIP1… (real servers, in service order), CIP (clients), GW (routers).
 * Several of one kind are numbered; a single one is not.
 */
export function roleNames(doc: LabDocument): RoleNames {
  const ip = new Map<string, string>();
  const vips: string[] = [];
  const rips: string[] = [];
  for (const n of doc.nodes) {
    for (const svc of n.ipvs.services) {
      if (svc.address !== undefined && !vips.includes(svc.address)) vips.push(svc.address);
      for (const rs of svc.realServers) if (!rips.includes(rs.address)) rips.push(rs.address);
    }
  }
  number(vips, 'VIP').forEach((name, i) => ip.set(vips[i]!, name));
  number(rips, 'RIP').forEach((name, i) => { if (!ip.has(rips[i]!)) ip.set(rips[i]!, name); });
  const byRole = (role: string) => doc.nodes.filter((n) => n.role === role)
    .flatMap((n) => n.addresses.filter((a) => a.dev !== 'lo' && !ip.has(a.address) && a.dev !== 'tunl0').map((a) => a.address));
  const add = (addrs: string[], base: string) => {
    const fresh = addrs.filter((a, i) => addrs.indexOf(a) === i && !ip.has(a));
    number(fresh, base).forEach((name, i) => ip.set(fresh[i]!, name));
  };
  add(byRole('director'), 'DIP');
  add(byRole('client'), 'CIP');
  add(byRole('router'), 'GW');
  const mac = new Map<string, string>();
  const macOwner = new Map<string, string>();
  for (const n of doc.nodes) {
    for (const i of n.interfaces) {
      if (!i.mac) continue;
      macOwner.set(i.mac, `${n.id} ${i.name}`);
      const main = n.addresses.find((a) => a.dev === i.name && ip.has(a.address) && !vips.includes(a.address))
        ?? n.addresses.find((a) => a.dev === i.name && ip.has(a.address));
      if (main) mac.set(i.mac, ip.get(main.address)!);
    }
  }
  return { ip, mac, macOwner };
}
