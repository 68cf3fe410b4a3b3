import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import { routedLab } from '../lab/builtin/routed.ts';
import type { LabDocument } from '../lab/document.ts';
import { SimSession } from './session.ts';

/**
 * Pins every built-in lab's whole trace (scenario plus a ping and an arping) to a hash, so
 * refactoring the simulation cannot change what a lab shows without this test saying so. When a
 * change of behaviour is intended, update the hashes in the same commit and say why.
 */
function traceHash(doc: LabDocument): string {
  const s = new SimSession(doc);
  s.runScenario();
  const client = doc.nodes.find((n) => n.role === 'client');
  const target = doc.nodes.find((n) => n.role === 'director' || n.role === 'realserver')?.addresses.find((a) => a.dev !== 'lo')?.address;
  if (client && target) {
    s.run({ kind: 'ping', node: client.id, destination: target, count: 2 });
    const dev = client.interfaces.find((i) => i.kind === 'ether')?.name;
    if (dev) s.run({ kind: 'arping', node: client.id, iface: dev, target, count: 1 });
  }
  const json = JSON.stringify(s.records, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

describe('golden traces of the built-in labs', () => {
  it('are unchanged', () => {
    const hashes = Object.fromEntries([...BUILTIN_LABS, { id: 'routed', doc: routedLab }].map((l) => [l.id, traceHash(l.doc)]));
    expect(hashes).toMatchInlineSnapshot(`
      {
        "dr": "957dc49ef2c86282",
        "dr-arp-announce": "572808766f1646d1",
        "dr-arp-ignore": "ac251ea23da5f071",
        "dr-director-gateway": "a99e6354794b1250",
        "dr-no-vip": "b4f468b823b1c3c4",
        "nat": "017e800a15b33af3",
        "nat-firewall": "70a00100f1d2b964",
        "nat-gateway": "c578c48ae1ed1fd8",
        "nat-no-forward": "ae45369fc23b183a",
        "routed": "6f455fae276bf13a",
        "seed000-dr": "4c66d3fec6bc3a4e",
        "seed000-dr-verbatim": "74a7a95cf4b22471",
        "seed000-nat": "86b1bd687043d989",
        "seed000-nat-verbatim": "5bb9259dc0d64918",
        "seed003-dr": "9d20a890898c71ba",
        "seed003-dr-verbatim": "566300bc4b4c8dd0",
        "tun": "c3af7a58517feb6b",
        "tun-mtu": "d54799b9d8b9863c",
        "tun-rp-filter": "8cdef4374942116e",
        "tun-tunl0-down": "33f49bc32e9a39d1",
      }
    `);
  });
});
