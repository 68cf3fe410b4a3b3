import { formatIpv4Address, netmaskToPrefix, parseIpv4Address } from '../../../wire/ipv4-address.ts';
import type { LabNode } from '../../document.ts';
import { done, type Command, type CommandIo } from '../command.ts';
import { NETWORK_SCRIPTS } from '../fs/base-files.ts';
import { readFile } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { kernelAddresses, subnetBroadcast } from '../kernel/addresses.ts';
import { addAddress, addRoute, deleteAddress, findInterface, setLinkUp, withNode } from '../kernel/edit.ts';
import { Output } from '../output.ts';

/**
 * ifup/ifdown of CentOS 7's initscripts (9.49) without NetworkManager: they read
 * /etc/sysconfig/network-scripts/ifcfg-<config> and run the `ip` commands of ifup-eth:
 * `ip link set dev DEV up`, `ip addr add IPADDR/PREFIX brd BROADCAST dev DEV label DEVICE`
 * (an alias like lo:0 becomes a labelled address) and the GATEWAY route. The duplicate-address
 * check (`arping -D`) ifup-eth runs before adding an address is not simulated.
 */

/** The variables of an ifcfg file (shell assignments, quotes removed, comments ignored). */
export function parseIfcfg(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (!m) continue;
    let v = m[2]!.trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    vars[m[1]!] = v;
  }
  return vars;
}

/** The ifcfg file a configuration name refers to (`lo:0`, `ifcfg-lo:0` or a path). */
function configPath(io: CommandIo, config: string): string {
  if (config.includes('/')) return resolvePath(io.state.cwd, config);
  return `${NETWORK_SCRIPTS}/${config.startsWith('ifcfg-') ? config : `ifcfg-${config}`}`;
}

function loadConfig(io: CommandIo, config: string): Record<string, string> | undefined {
  const text = readFile(io, configPath(io, config));
  return typeof text === 'string' ? parseIfcfg(text) : undefined;
}

/** ipcalc's defaults: PREFIX from NETMASK (or the address class), BROADCAST from both. */
function addressOf(vars: Record<string, string>): { address: number; prefix: number; broadcast: number } | undefined {
  const address = parseIpv4Address(vars.IPADDR ?? vars.IPADDR0 ?? '');
  if (address === null) return undefined;
  const mask = vars.NETMASK !== undefined ? parseIpv4Address(vars.NETMASK) : null;
  const prefix = vars.PREFIX !== undefined && /^\d+$/.test(vars.PREFIX) ? Number(vars.PREFIX)
    : mask !== null ? netmaskToPrefix(mask) ?? 24 : address >>> 24 < 128 ? 8 : address >>> 24 < 192 ? 16 : 24;
  const brd = vars.BROADCAST !== undefined ? parseIpv4Address(vars.BROADCAST) : null;
  return { address, prefix, broadcast: brd ?? subnetBroadcast(address, prefix) };
}

/** ifup CONFIG. */
export const ifup: Command = (io) => {
  const out = new Output();
  const config = io.argv[1];
  if (config === undefined) return done(out.err('Usage: ifup <configuration>\n'), 1);
  const vars = loadConfig(io, config);
  if (!vars) return done(out.err(`/usr/sbin/ifup: configuration for ${config} not found.\nUsage: ifup <configuration>\n`), 1);
  const device = vars.DEVICE ?? config.replace(/^ifcfg-/, '');
  const real = device.split(':')[0]!;
  if (!findInterface(io.node, real)) return done(out.err(`Device ${device} does not seem to be present, delaying initialization.\n`), 1);
  if ((vars.BOOTPROTO ?? 'none').toLowerCase() === 'dhcp' || vars.BOOTPROTO === 'bootp') {
    return done(out.err('lab: DHCP is not simulated; give the interface a static address (BOOTPROTO=none, IPADDR, NETMASK)\n'), 1);
  }
  let node: LabNode = device === real ? setLinkUp(io.node, real, true) : io.node;
  const a = addressOf(vars);
  if (a) {
    const already = (kernelAddresses(node).get(real) ?? []).some((x) => x.address === a.address && x.prefixLength === a.prefix);
    if (!already) {
      const r = addAddress(node, {
        dev: real, address: formatIpv4Address(a.address), prefixLength: a.prefix,
        ...(device !== real ? { label: device } : {}),
        ...(a.address >>> 24 === 127 ? { scope: 'host' as const } : {}),
        broadcast: formatIpv4Address(a.broadcast),
      });
      if (typeof r === 'string') out.err(`RTNETLINK answers: ${r === 'EEXIST' ? 'File exists' : 'Invalid argument'}\nError adding address ${formatIpv4Address(a.address)} for ${device}.\n`);
      else node = r;
    }
  }
  const gw = vars.GATEWAY !== undefined ? parseIpv4Address(vars.GATEWAY) : null;
  if (gw !== null && device === real) {
    const r = addRoute(node, { dst: 'default', via: formatIpv4Address(gw), dev: real }, 'replace');
    if (typeof r !== 'string') node = r;
  }
  return done(out, 0, node === io.node ? undefined : withNode(io.doc, node));
};

/** ifdown CONFIG: an alias loses its address; a device is flushed and brought down. */
export const ifdown: Command = (io) => {
  const out = new Output();
  const config = io.argv[1];
  const vars = config !== undefined ? loadConfig(io, config) : undefined;
  if (!vars || config === undefined) return done(out.err('usage: ifdown <configuration>\n'), 1);
  const device = vars.DEVICE ?? config.replace(/^ifcfg-/, '');
  const real = device.split(':')[0]!;
  if (!findInterface(io.node, real)) return done(out, 0);
  let node = io.node;
  for (const x of kernelAddresses(node).get(real) ?? []) {
    if (x.config === undefined || (device !== real && x.label !== device)) continue;
    const still = (kernelAddresses(node).get(real) ?? []).find((y) => y.config === x.config);
    if (still) node = deleteAddress(node, still);
  }
  if (device === real) node = setLinkUp(node, real, false);
  return done(out, 0, node === io.node ? undefined : withNode(io.doc, node));
};
