import { describe, expect, it } from 'vitest';
import { validateLab } from '../validate.ts';
import { macFor } from '../mac.ts';
import { formatScriptError, parseLabScript } from './parse.ts';
import { scriptTopology } from './topology.ts';

const EXAMPLE = `# comments start with #
node client host          # kinds: host, router, switch
node r1 router
node sw switch
link client:eth1 r1:eth1  # host:iface to host:iface, or to a switch by name
link r1:eth0 sw
@client                   # following lines run on client, in file order
ip addr add 12.0.0.12/24 dev eth1
ip link set eth1 up
@r1
ip addr add 12.0.0.1/24 dev eth1
@client
curl http://192.168.122.188/
`;

describe('parseLabScript', () => {
  it('reads the issue\'s example', () => {
    const p = parseLabScript(EXAMPLE);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.script.nodes.map((n) => `${n.name}:${n.kind}`)).toEqual(['client:host', 'r1:router', 'sw:switch']);
    expect(p.script.links.map((l) => `${l.a.text}-${l.b.text}`)).toEqual(['client:eth1-r1:eth1', 'r1:eth0-sw']);
    expect(p.script.steps.map((s) => [s.node, s.command, s.line])).toEqual([
      ['client', 'ip addr add 12.0.0.12/24 dev eth1', 8],
      ['client', 'ip link set eth1 up', 9],
      ['r1', 'ip addr add 12.0.0.1/24 dev eth1', 11],
      ['client', 'curl http://192.168.122.188/', 13],
    ]);
  });

  it('reports every problem with its line and never throws', () => {
    const p = parseLabScript([
      'node 1bad host',
      'node a computer',
      'node h host',
      'node h router',
      'node sw switch',
      'link h sw',
      'link h:eth0 sw:port1',
      'link h:eth0 nowhere:eth0',
      'link h:eth1:0 sw',
      'link h:eth2 sw',
      'link h:eth2 sw',
      'frobnicate',
      '@sw',
      '@ghost',
      'node late host',
    ].join('\n'));
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map(formatScriptError)).toEqual([
      'line 1: "1bad" is not a valid node name (a letter, then letters, digits, "-", "_" or "."; at most 63)',
      'line 2: "computer" is not a node kind (host, router or switch)',
      'line 4: node "h" is already declared on line 3',
      'line 6: link: h is a host; name its interface, as h:eth0',
      'line 7: link: sw is a switch; link to it by name, without an interface',
      'line 8: link: no node "nowhere" was declared',
      'line 9: link: "eth1:0" is not an interface name (aliases like eth0:0 are addresses, not devices)',
      'line 11: link: h:eth2 is already linked on line 10',
      'line 12: expected "node …", "link …", "@NODE" or a comment, not "frobnicate"',
      'line 13: @sw: sw is a switch; it has no shell',
      'line 14: @ghost: no node "ghost" was declared',
      'line 15: "node" declarations belong before the first @node section',
    ]);
  });

  it('reads metadata comments and reports bad ones', () => {
    const p = parseLabScript('# @title A lab\n# @seed 7\n# @role h director\n# @position h 10 20\n# @bogus x\nnode h host\n');
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map(formatScriptError)).toEqual(['line 5: unknown metadata "@bogus" (known: title, title.zh, description, description.zh, seed, role, position, link, scenario, httpd-port)']);
  });
});

describe('scriptTopology', () => {
  it('creates the linked interfaces down and unaddressed, with generated MACs, and a valid lab', () => {
    const p = parseLabScript(EXAMPLE);
    if (!p.ok) throw new Error('bad example');
    const doc = scriptTopology(p.script);
    expect(validateLab(doc).ok).toBe(true);
    const client = doc.nodes[0]!;
    expect(client.interfaces).toEqual([
      { name: 'lo', kind: 'loopback', mtu: 65536, up: true },
      { name: 'eth1', kind: 'ether', mac: macFor('client', 'eth1'), mtu: 1500, up: false },
    ]);
    expect(client.addresses).toEqual([]);
    expect(doc.nodes[1]!.sysctls).toEqual({ 'net.ipv4.ip_forward': 1 });
    expect(doc.links).toEqual([
      { a: { node: 'client', iface: 'eth1' }, b: { node: 'r1', iface: 'eth1' }, latencyUs: 100, bandwidthBps: 1_000_000_000 },
      { a: { node: 'r1', iface: 'eth0' }, b: { node: 'sw' }, latencyUs: 100, bandwidthBps: 1_000_000_000 },
    ]);
  });
});
