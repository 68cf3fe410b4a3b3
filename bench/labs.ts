import { address, defaultRoute, ether, labLink, newNode } from '../src/lab/build.ts';
import type { LabDocument, LabNode } from '../src/lab/document.ts';
import { LAB_VERSION } from '../src/lab/document.ts';
import { drRealServer } from '../src/lab/builtin/dr.ts';
import { ipvsWith, tcpService } from '../src/lab/builtin/common.ts';

const host = (id: string, ip: string, extra: Partial<LabNode> = {}): LabNode => {
  const n = newNode(id, 'host', { x: 0, y: 0 });
  return { ...n, interfaces: [...n.interfaces, ether(id, 'eth0')], addresses: [address('eth0', ip)], ...extra };
};

/** `clients` clients and `servers` web servers on one switch (10.0.0.0/16). */
export function lanLab(clients: number, servers: number): LabDocument {
  const nodes: LabNode[] = [newNode('sw', 'switch', { x: 0, y: 0 })];
  const links = [];
  for (let i = 0; i < clients; i++) {
    nodes.push(host(`c${i}`, `10.0.1.${i + 1}/16`));
    links.push(labLink(`c${i}:eth0`, 'sw', 5));
  }
  for (let i = 0; i < servers; i++) {
    nodes.push(host(`s${i}`, `10.0.2.${i + 1}/16`, { services: { httpd: { running: true, port: 80 } }, files: { '/var/www/html/index.html': `server ${i}\n` } }));
    links.push(labLink(`s${i}:eth0`, 'sw', 5));
  }
  return { version: LAB_VERSION, title: { en: 'bench', zh: 'bench' }, description: { en: '', zh: '' }, seed: 1, nodes, links, scenario: [] };
}

/** A DR cluster: `clients` clients behind a gateway, a director and `servers` real servers on one LAN. */
export function drClusterLab(clients: number, servers: number): LabDocument {
  const nodes: LabNode[] = [newNode('sw', 'switch', { x: 0, y: 0 }), newNode('csw', 'switch', { x: 0, y: 0 })];
  const links = [];
  const gw = newNode('gw', 'router', { x: 0, y: 0 });
  nodes.push({ ...gw, interfaces: [...gw.interfaces, ether('gw', 'eth0'), ether('gw', 'eth1')], addresses: [address('eth0', '192.168.0.1/16'), address('eth1', '12.0.0.1/16')] });
  links.push(labLink('gw:eth0', 'sw', 5), labLink('gw:eth1', 'csw', 5));
  for (let i = 0; i < clients; i++) {
    nodes.push(host(`c${i}`, `12.0.${1 + (i >> 8)}.${(i & 255) + 1}/16`, { routes: [defaultRoute('12.0.0.1')] }));
    links.push(labLink(`c${i}:eth0`, 'csw', 5));
  }
  const rips = Array.from({ length: servers }, (_, i) => `192.168.${1 + (i >> 8)}.${(i & 255) + 1}`);
  const d = newNode('director', 'director', { x: 0, y: 0 });
  nodes.push({
    ...d, interfaces: [...d.interfaces, ether('director', 'eth0')],
    addresses: [address('eth0', '192.168.0.10/16'), address('eth0', '192.168.122.188/32', 'eth0:0')],
    routes: [defaultRoute('192.168.0.1')],
    ipvs: ipvsWith(tcpService('192.168.122.188', 'wlc', rips, 'droute')),
  });
  links.push(labLink('director:eth0', 'sw', 5));
  rips.forEach((rip, i) => {
    const rs = drRealServer(`rs${i}`, rip, `rs ${i}\n`, { 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2 }, 0, 0);
    nodes.push({ ...rs, addresses: rs.addresses.map((a) => (a.dev === 'ens33' ? { ...a, prefixLength: 16 } : a)), routes: [defaultRoute('192.168.0.1'), ...rs.routes.slice(1)] });
    links.push(labLink(`rs${i}:ens33`, 'sw', 5));
  });
  return { version: LAB_VERSION, title: { en: 'bench', zh: 'bench' }, description: { en: '', zh: '' }, seed: 1, nodes, links, scenario: [] };
}
