import { FILTER_CHAINS, type AddressConfig, type RouteConfig } from '../../sim/model/config.ts';
import type { LabDocument, LabNode, NodeRole } from '../document.ts';
import { macFor } from '../mac.ts';
import { BASE_DIRECTORIES } from '../shell/fs/base-files.ts';
import { dirname } from '../shell/fs/paths.ts';
import { saveRule } from '../shell/iptables/list.ts';
import { ipvsadmScript } from '../shell/ipvsadm/index.ts';
import { sameDestination } from '../shell/kernel/edit.ts';
import { routeDevice } from '../shell/kernel/routes.ts';
import { UNITS, wantsPath } from '../shell/systemd/units.ts';
import { headerLines } from './metadata.ts';

/**
 * A lab document as a lab script: the topology as `node`/`link` lines, each node's
 * configuration as the commands that rebuild it (ip, sysctl, iptables, ipvsadm, systemctl,
 * echo), and what commands cannot say as `# @key` metadata. Replaying the script rebuilds the
 * document up to what scripts cannot express: the order of a node's interfaces (links create
 * them) and alias labels in route devices (`dev lo:0` routes through lo).
 */

const defaultRole = (kind: LabNode['kind']): NodeRole => (kind === 'switch' ? 'switch' : kind === 'router' ? 'router' : 'host');

/** A word for bash: bare when safe, else single-quoted. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

function addressCommand(a: AddressConfig): string {
  const parts = [`ip addr add ${a.address}/${a.prefixLength}`];
  if (a.broadcast !== undefined) parts.push(`brd ${a.broadcast}`);
  const defaultScope = a.address.startsWith('127.') ? 'host' : 'global';
  if ((a.scope ?? 'global') !== defaultScope) parts.push(`scope ${a.scope ?? 'global'}`);
  parts.push(`dev ${a.dev}`);
  if (a.label !== undefined && a.label !== a.dev) parts.push(`label ${a.label}`);
  return parts.join(' ');
}

function routeCommand(r: RouteConfig, how: 'add' | 'append'): string {
  const parts = [`ip route ${how}`];
  if (r.type !== undefined && r.type !== 'unicast') parts.push(r.type);
  parts.push(r.dst);
  if (r.via !== undefined) parts.push(`via ${r.via}`);
  if (r.dev !== undefined) parts.push(`dev ${routeDevice(r.dev)}`);
  if (r.src !== undefined) parts.push(`src ${r.src}`);
  if (r.metric) parts.push(`metric ${r.metric}`);
  if (r.scope !== undefined) parts.push(`scope ${r.scope}`);
  if (r.mtu !== undefined) parts.push(`mtu ${r.mtuLock ? 'lock ' : ''}${r.mtu}`);
  if (r.advmss !== undefined) parts.push(`advmss ${r.advmss}`);
  return parts.join(' ');
}

/** The echo commands that write a file's exact content. */
function fileCommands(path: string, content: string): string[] {
  const target = shellQuote(path);
  const single = content.endsWith('\n') && !content.slice(0, -1).includes('\n');
  const line = content.slice(0, -1);
  if (single && !/^-[neE]+$/.test(line) && !line.includes('\\')) return [`echo ${shellQuote(line)} > ${target}`];
  // echo -ne with \\ and \n escapes writes any text exactly.
  const escaped = content.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return [`echo -ne ${shellQuote(escaped)} > ${target}`];
}

/** The default of a sysctl the topology already sets (routers forward). */
const presetSysctl = (n: LabNode, key: string): number | undefined => (n.kind === 'router' && key === 'net.ipv4.ip_forward' ? 1 : undefined);

/** The commands that configure one node, in an order the kernel accepts. */
export function nodeCommands(n: LabNode): string[] {
  const cmds: string[] = [];
  for (const itf of n.interfaces) {
    if (itf.kind === 'ipip') cmds.push('modprobe ipip');
    if (itf.kind === 'ether' && itf.mac !== undefined && itf.mac !== macFor(n.id, itf.name)) cmds.push(`ip link set dev ${itf.name} address ${itf.mac}`);
    const defaultMtu = itf.kind === 'ether' ? 1500 : itf.kind === 'ipip' ? 1480 : 65536;
    if (itf.mtu !== defaultMtu) cmds.push(`ip link set dev ${itf.name} mtu ${itf.mtu}`);
  }
  for (const a of n.addresses) cmds.push(addressCommand(a));
  for (const itf of n.interfaces) {
    const initiallyUp = itf.kind === 'loopback';
    if (itf.up !== initiallyUp) cmds.push(`ip link set ${itf.name} ${itf.up ? 'up' : 'down'}`);
  }
  // ipvsadm would load ip_vs itself, but without the table size it was loaded with.
  const bits = n.ipvs.connTabBits;
  if (n.ipvs.loaded && (n.ipvs.services.length === 0 || bits !== undefined)) cmds.push(bits !== undefined ? `modprobe ip_vs conn_tab_bits=${bits}` : 'modprobe ip_vs');
  const sysctls = Object.entries(n.sysctls).sort(([a], [b]) => (a === 'net.ipv4.ip_forward' ? -1 : b === 'net.ipv4.ip_forward' ? 1 : 0));
  for (const [k, v] of sysctls) {
    if (k.startsWith('net.ipv4.vs.')) continue;
    if (presetSysctl(n, k) !== v) cmds.push(`sysctl -w ${k}=${v}`);
  }
  // A later route of a destination and metric already routed goes after it: ip route append.
  n.routes.forEach((r, i) => cmds.push(routeCommand(r, n.routes.slice(0, i).some((x) => sameDestination(x, r)) ? 'append' : 'add')));
  const filter = n.iptables.filter;
  if (filter) {
    // A LOG prefix is quoted for the shell that replays the script (-S's own quoting is iptables-restore's).
    for (const chain of FILTER_CHAINS) for (const r of filter[chain]) cmds.push(`iptables ${saveRule(chain, r, (v) => ` ${shellQuote(v)}`)}`);
    for (const [chain, policy] of Object.entries(filter.policy ?? {})) cmds.push(`iptables -P ${chain} ${policy}`);
  }
  for (const [chain, rules] of Object.entries(n.iptables.nat)) for (const r of rules) cmds.push(`iptables -t nat ${saveRule(chain, r)}`);
  for (const [chain, rules] of Object.entries(n.iptables.mangle)) for (const r of rules) cmds.push(`iptables -t mangle ${saveRule(chain, r)}`);
  cmds.push(...ipvsadmScript(n));
  // net.ipv4.vs.* exist once ip_vs is loaded (by modprobe or the first ipvsadm).
  for (const [k, v] of sysctls) if (k.startsWith('net.ipv4.vs.')) cmds.push(`sysctl -w ${k}=${v}`);
  const made = new Set<string>();
  for (const [path, content] of Object.entries(n.files)) {
    const unit = Object.values(UNITS).find((u) => wantsPath(u) === path && u.text === content);
    if (unit) {
      cmds.push(`systemctl enable ${unit.name.replace(/\.service$/, '')}`);
      continue;
    }
    const dir = dirname(path);
    if (!BASE_DIRECTORIES.includes(dir) && !made.has(dir)) {
      cmds.push(`mkdir -p ${shellQuote(dir)}`);
      made.add(dir);
    }
    cmds.push(...fileCommands(path, content));
  }
  if (n.services.httpd.running) cmds.push('systemctl start httpd');
  return cmds;
}

/** A lab document as a lab script. */
export function exportLabScript(doc: LabDocument): string {
  const out: string[] = [];
  out.push(...headerLines(doc.title, doc.description, doc.seed));
  for (const n of doc.nodes) {
    if (n.role !== defaultRole(n.kind)) out.push(`# @role ${n.id} ${n.role}`);
    out.push(`# @position ${n.id} ${n.position.x} ${n.position.y}`);
    if (n.services.httpd.port !== 80) out.push(`# @httpd-port ${n.id} ${n.services.httpd.port}`);
  }
  const endText = (e: { node: string; iface?: string }): string => (e.iface !== undefined ? `${e.node}:${e.iface}` : e.node);
  for (const l of doc.links) {
    const props = [l.latencyUs !== 100 ? `latency=${l.latencyUs}` : '', l.bandwidthBps !== 1_000_000_000 ? `bandwidth=${l.bandwidthBps}` : ''].filter((p) => p !== '');
    if (props.length > 0) out.push(`# @link ${endText(l.a)} ${endText(l.b)} ${props.join(' ')}`);
  }
  for (const s of doc.scenario) {
    const a = s.action;
    const cmd = a.kind === 'curl'
      ? `curl${a.maxTimeSec !== undefined ? ` -m ${a.maxTimeSec}` : ''}${a.connectTimeoutSec !== undefined ? ` --connect-timeout ${a.connectTimeoutSec}` : ''}${a.head === true ? ' -I' : ''} ${a.url}`
      : a.kind === 'ping' ? `ping -c ${a.count}${a.source !== undefined ? ` -I ${a.source}` : ''}${a.intervalSec !== undefined ? ` -i ${a.intervalSec}` : ''}${a.payloadBytes !== undefined ? ` -s ${a.payloadBytes}` : ''}${a.pmtuDisc !== undefined ? ` -M ${a.pmtuDisc}` : ''} ${a.destination}`
        : `arping -c ${a.count} -I ${a.iface}${a.source !== undefined ? ` -s ${a.source}` : ''} ${a.target}`;
    out.push(`# @scenario ${s.atUs} ${a.node} ${cmd}`);
  }
  out.push('');
  for (const n of doc.nodes) out.push(`node ${n.id} ${n.kind}`);
  for (const l of doc.links) out.push(`link ${endText(l.a)} ${endText(l.b)}`);
  for (const n of doc.nodes) {
    if (n.kind === 'switch') continue;
    const cmds = nodeCommands(n);
    if (cmds.length === 0) continue;
    out.push('', `@${n.id}`, ...cmds);
  }
  return `${out.join('\n')}\n`;
}
