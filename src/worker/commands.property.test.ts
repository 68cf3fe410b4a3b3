import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LABS } from '../lab/builtin/index.ts';
import type { LabDocument } from '../lab/document.ts';
import { validateLab } from '../lab/validate.ts';
import { SCHEDULERS } from '../sim/ipvs/schedulers/registry.ts';
import { checkFrame } from '../wire/packet.ts';
import { Live } from './testing.ts';

/**
 * The tutorials' configuration and test commands, with addresses, devices, schedulers and values
 * drawn from the lab, typed in random order on random machines of a running built-in lab. Every
 * command must come back with an exit status and never throw; the lab it leaves must still pass
 * validation (a command may fail, never corrupt the lab); traffic must keep sending well-formed
 * frames.
 */

interface Vocabulary {
  readonly nodes: readonly string[];
  readonly addresses: readonly string[];
  /** Each node's interfaces. */
  readonly devices: ReadonlyMap<string, readonly string[]>;
  /** The lab's virtual addresses (what `-t` names), or every address in a lab without IPVS. */
  readonly vips: readonly string[];
}

const SCHEDULER_NAMES = [...SCHEDULERS.keys()];

/** Picks a name: an address, a virtual address, or an interface of the machine the command runs on. */
type Pick = (kind: 'address' | 'vip' | 'device') => string;

/** Command templates; each takes a picker over the lab's names and a number. */
const TEMPLATES: readonly ((p: Pick, n: number) => string)[] = [
  (p, n) => `ipvsadm -A -t ${p('vip')}:80 -s ${SCHEDULER_NAMES[n % SCHEDULER_NAMES.length]}`,
  (p, n) => `ipvsadm -a -t ${p('vip')}:80 -r ${p('address')}${n % 2 ? ':80' : ''} ${['-g', '-m', '-i'][n % 3]} -w ${n % 5}`,
  (p, n) => `ipvsadm -e -t ${p('vip')}:80 -r ${p('address')} -w ${n % 4}`,
  (p) => `ipvsadm -d -t ${p('vip')}:80 -r ${p('address')}`,
  (p) => `ipvsadm -D -t ${p('vip')}:80`,
  (p, n) => `ipvsadm -E -t ${p('vip')}:80 -s ${SCHEDULER_NAMES[n % SCHEDULER_NAMES.length]} -p ${1 + n * 7}`,
  () => 'ipvsadm -C',
  (_p, n) => `ipvsadm --set ${n + 1} ${n + 2} ${n + 3}`,
  () => 'ipvsadm -Ln --stats',
  () => 'ipvsadm -Lnc',
  () => 'ipvsadm-save -n',
  (_p, n) => `ipvsadm -A -f ${1 + (n % 3)} -s rr`,
  (p, n) => `ipvsadm -a -f ${1 + (n % 3)} -r ${p('address')} -g`,
  (p, n) => `ip addr add ${p('address')}/${[24, 32, 16][n % 3]} dev ${p('device')}`,
  (p, n) => `ip addr del ${p('address')}/${[24, 32][n % 2]} dev ${p('device')}`,
  (p, n) => `ip link set ${p('device')} ${n % 2 ? 'up' : 'down'}`,
  (p) => `ip route add default via ${p('address')}`,
  () => 'ip route del default',
  (p) => `ip route add ${p('address')}/32 dev ${p('device')}`,
  (p) => `ip route get ${p('address')}`,
  () => 'ip neigh flush all',
  (p) => `ifconfig ${p('device')}:0 ${p('address')} netmask 255.255.255.255 broadcast ${p('address')} up`,
  (p) => `ifconfig ${p('device')} down`,
  (p) => `route add -host ${p('address')} dev ${p('device')}`,
  () => 'route del default',
  (_p, n) => `sysctl -w net.ipv4.conf.all.arp_ignore=${[0, 1, 2, 8][n % 4]}`,
  (p, n) => `echo ${n % 3} > /proc/sys/net/ipv4/conf/${p('device')}/arp_announce`,
  (_p, n) => `sysctl -w net.ipv4.ip_forward=${n % 2}`,
  (p, n) => `echo ${n % 3} > /proc/sys/net/ipv4/conf/${p('device')}/rp_filter`,
  (p) => `iptables -t nat -A POSTROUTING -s ${p('address')}/24 -o ${p('device')} -j SNAT --to-source ${p('address')}`,
  (p) => `iptables -t nat -A PREROUTING -d ${p('address')} -p tcp --dport 80 -j DNAT --to-destination ${p('address')}`,
  () => 'iptables -t nat -F',
  (p, n) => `iptables -t mangle -A PREROUTING -d ${p('address')} -p tcp --dport 80 -j MARK --set-mark ${1 + (n % 3)}`,
  (p, n) => `iptables -A ${['INPUT', 'FORWARD', 'OUTPUT'][n % 3]} -d ${p('address')} -p tcp --dport 80 -j ${['DROP', 'REJECT', 'REJECT --reject-with tcp-reset', 'ACCEPT', 'LOG --log-prefix "fw: "'][n % 5]}`,
  (_p, n) => `iptables -P ${['INPUT', 'FORWARD', 'OUTPUT'][n % 3]} ${n % 2 === 0 ? 'DROP' : 'ACCEPT'}`,
  (_p, n) => `iptables -I ${['INPUT', 'FORWARD', 'OUTPUT'][n % 3]} -m ${n % 2 === 0 ? 'state --state' : 'conntrack --ctstate'} ${['ESTABLISHED,RELATED', 'NEW', 'INVALID', 'UNTRACKED'][n % 4]} -j ACCEPT`,
  (_p, n) => `iptables -A ${['INPUT', 'OUTPUT'][n % 2]} -p icmp --icmp-type ${['echo-request', 'any', '3/4'][n % 3]} -j ${['DROP', 'REJECT --reject-with icmp-host-prohibited', 'LOG'][n % 3]}`,
  (_p, n) => `iptables -A INPUT -p tcp ${n % 2 === 0 ? '--syn' : '-m multiport --dports 22,80'} -j REJECT`,
  () => 'iptables -F',
  () => 'iptables -nvL',
  () => 'dmesg',
  (p) => `curl -s -m 2 http://${p('address')}/`,
  (p) => `ping -c 1 -W 1 ${p('address')}`,
  (p) => `arping -c 1 -I ${p('device')} ${p('address')}`,
  (_p, n) => `sleep ${n % 3}`,
  () => 'netstat -ant',
  () => 'systemctl stop httpd',
  () => 'systemctl start httpd',
  (_p, n) => `echo page${n} > /var/www/html/index.html`,
];

function vocabularyOf(doc: LabDocument): Vocabulary {
  const addresses = [...new Set(doc.nodes.flatMap((n) => n.addresses.map((a) => a.address)))];
  const vips = [...new Set(doc.nodes.flatMap((n) => n.ipvs.services.flatMap((s) => (s.address !== undefined ? [s.address] : []))))];
  return {
    nodes: doc.nodes.filter((n) => n.kind !== 'switch').map((n) => n.id),
    addresses,
    devices: new Map(doc.nodes.map((n) => [n.id, n.interfaces.map((i) => i.name)])),
    vips: vips.length > 0 ? vips : addresses,
  };
}

const arbStep = fc.record({ template: fc.nat(TEMPLATES.length - 1), node: fc.nat(30), n: fc.nat(30), picks: fc.array(fc.nat(40), { minLength: 4, maxLength: 4 }) });

/** Runs and seed: 200 in CI; set FUZZ_RUNS and FUZZ_SEED to search longer. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

describe("the tutorials' commands in random order", () => {
  it('always answer, never corrupt the lab, and leave traffic well-formed', () => {
    fc.assert(
      fc.property(fc.nat(BUILTIN_LABS.length - 1), fc.array(arbStep, { minLength: 1, maxLength: 10 }), (labIndex, steps) => {
        const lab = new Live(BUILTIN_LABS[labIndex]!.doc);
        const words = vocabularyOf(lab.doc);
        for (const step of steps) {
          const node = words.nodes[step.node % words.nodes.length]!;
          let k = 0;
          const pick: Pick = (kind) => {
            const items = kind === 'device' ? words.devices.get(node)! : kind === 'vip' ? words.vips : words.addresses;
            return items[step.picks[k++ % step.picks.length]! % items.length]!;
          };
          const line = TEMPLATES[step.template]!(pick, step.n);
          const r = lab.run(node, line);
          expect(typeof r.exitCode, `${node}$ ${line}`).toBe('number');
          const valid = validateLab(lab.doc);
          expect(valid.ok ? [] : valid.errors, `${node}$ ${line}`).toEqual([]);
        }
        for (const rec of lab.sim.records) if (rec.frame) expect(checkFrame(rec.frame)).toBeNull();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 20_000 + RUNS * 100);
});
