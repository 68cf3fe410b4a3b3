import { describe, expect, it } from 'vitest';
import { drLab } from '../lab/builtin/dr.ts';
import { createShellExecutor } from './shell-executor.ts';
import { SimService } from './sim-service.ts';

describe('the shell through the worker contract', () => {
  it('edits the lab with configuration commands and reports captures on the capturing node', async () => {
    const service = new SimService(createShellExecutor());
    await service.run({ doc: drLab, seed: 1, scenario: false, timeline: [] });
    const set = await service.append([{ kind: 'shell', node: 'web1', line: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' }]);
    expect(set.shell[0]).toMatchObject({ node: 'web1', stdout: 'net.ipv4.conf.all.arp_ignore = 0\n', exitCode: 0 });
    expect(set.doc.nodes.find((n) => n.id === 'web1')!.sysctls['net.ipv4.conf.all.arp_ignore']).toBe(0);

    const capture = await service.append([{ kind: 'shell', node: 'gw', line: 'tcpdump -n -e -i eth0 arp &' }]);
    expect(capture.shell[0]).toMatchObject({ node: 'gw', exitCode: 0 });
    const traffic = await service.append([{ kind: 'traffic', action: { kind: 'curl', node: 'client', url: 'http://192.168.122.188/' } }]);
    const gwLines = traffic.shell.filter((o) => o.node === 'gw' && o.line === '').flatMap((o) => o.background.map((b) => b.text));
    // The gateway asks for the VIP; the director and web1 (arp_ignore=0 now) answer.
    expect(gwLines.filter((l) => l.includes('Request who-has 192.168.122.188'))).toHaveLength(1);
    expect(gwLines.filter((l) => l.includes('Reply 192.168.122.188 is-at'))).toHaveLength(2);
    expect(traffic.flows[0]!.result).toMatchObject({ kind: 'curl', ok: true });
  });

  it('keeps stdout and stderr in the order they were written', async () => {
    const service = new SimService(createShellExecutor());
    await service.run({ doc: drLab, seed: 1, scenario: false, timeline: [] });
    const out = await service.append([{ kind: 'shell', node: 'client', line: 'echo first; ls /nowhere; echo last' }]);
    expect(out.shell[0]!.chunks).toEqual([
      { stream: 'stdout', text: 'first\n' },
      { stream: 'stderr', text: "ls: cannot access /nowhere: No such file or directory\n" },
      { stream: 'stdout', text: 'last\n' },
    ]);
    // ping's local errors come between its first line and its statistics.
    const ping = await service.append([{ kind: 'shell', node: 'client', line: 'ping -c 1 -M do -s 2000 192.168.122.188' }]);
    expect(ping.shell[0]!.chunks.map((c) => c.stream)).toEqual(['stdout', 'stderr', 'stdout']);
  });

  it("counts which real server answered, as the tutorials do: a curl loop into sort | uniq -c", async () => {
    const service = new SimService(createShellExecutor());
    await service.run({ doc: drLab, seed: 1, scenario: false, timeline: [] });
    const out = await service.append([{ kind: 'shell', node: 'client', line: 'for ((i=0; i<6; i++)); do curl -s http://192.168.122.188/; done | sort | uniq -c' }]);
    // rr over the two real servers: three pages from each.
    expect(out.shell[0]).toMatchObject({ stdout: '      3 This is test1 web\n      3 This is test2 web\n', exitCode: 0 });
  });
});
