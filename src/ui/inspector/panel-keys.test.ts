import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../i18n/catalogs.ts';
import { NODE_ROLES } from '../../lab/document.ts';
import { CONF_COMBINE } from '../../sim/model/sysctl-keys.ts';
import { frameFields, packetFields } from '../../wire/fields.ts';
import { EVENT_PROTOCOLS } from '../events/event-kinds.ts';
import { PATH_STAGES } from '../node-panel/path-stages.ts';
import { runLab } from './testing/run-lab.ts';

// Keys the panels build from data (`insp.step.${step}`…), which the literal-key scan cannot see.
const STEPS = ['egress', 'ingress', 'hook', 'route', 'ipvs', 'nat', 'filter', 'arp', 'neigh', 'tunnel', 'icmp', 'deliver', 'app', 'drop'];
const FIELDS: Record<string, readonly string[]> = {
  eth: ['dst', 'src', 'type'],
  arp: ['htype', 'ptype', 'hlen', 'plen', 'op', 'sha', 'spa', 'tha', 'tpa'],
  ip: ['version', 'ihl', 'dscp', 'ecn', 'len', 'id', 'flags', 'frag', 'ttl', 'proto', 'checksum', 'src', 'dst'],
  tcp: ['sport', 'dport', 'seq', 'ack', 'off', 'flags', 'window', 'checksum', 'urg', 'options'],
  udp: ['sport', 'dport', 'len', 'checksum'],
  icmp: ['type', 'code', 'checksum', 'id', 'seq', 'mtu', 'original', 'gateway', 'rest'],
  payload: ['payload'],
};

function dynamicKeys(): string[] {
  return [
    ...STEPS.map((s) => `insp.step.${s}`),
    ...Object.entries(FIELDS).flatMap(([layer, names]) => names.map((n) => `insp.field.${layer}.${n}`)),
    ...EVENT_PROTOCOLS.map((p) => `events.proto.${p}`),
    ...PATH_STAGES.filter((s) => s !== 'ingress' && s !== 'egress').map((s) => `node.stage.${s}`),
    ...NODE_ROLES.map((r) => `node.role.${r}`),
    ...[...new Set(Object.values(CONF_COMBINE))].map((c) => `node.sysctl.combine.${c}`),
    ...['ether', 'loopback', 'ipip'].map((k) => `node.iface.kind.${k}`),
    ...['droute', 'masq', 'tunnel'].map((m) => `form.rs.method.${m}`),
    ...[['arp_ignore', [0, 1, 2, 3, 8]], ['arp_announce', [0, 1, 2]], ['rp_filter', [0, 1, 2]], ['arp_filter', [0, 1]], ['accept_local', [0, 1]],
      ['send_redirects', [0, 1]], ['forwarding', [0, 1]], ['ip_forward', [0, 1]]]
      .flatMap(([k, vs]) => (vs as number[]).map((v) => `node.sysctl.val.${k as string}.${v}`)),
  ];
}

describe('keys the panels build from data', () => {
  it('are in both catalogs', () => {
    for (const lang of ['en', 'zh'] as const) {
      expect([lang, dynamicKeys().filter((k) => CATALOGS[lang][k] === undefined)]).toEqual([lang, []]);
    }
  });

  it('cover every header field the built-in labs put on the wire', async () => {
    for (const lab of ['nat', 'dr', 'tun']) {
      const { delta } = await runLab(lab);
      for (const r of delta.records) {
        const fields = r.frame ? frameFields(r.frame) : r.packet ? packetFields(r.packet) : [];
        for (const f of fields) expect(FIELDS[f.layer === 'outer' ? 'ip' : f.layer]).toContain(f.name);
      }
    }
  });
});
