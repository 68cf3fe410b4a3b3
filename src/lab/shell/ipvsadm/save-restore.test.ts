import { describe, expect, it } from 'vitest';
import type { LabDocument } from '../../document.ts';
import { natLab } from '../../builtin/nat.ts';
import { ipvsadmSaveText, ipvsadmScript, runIpvsadm, runIpvsadmRestore, runIpvsadmSave } from './index.ts';
import { configStreamLines } from './restore.ts';
import { contextOf } from './testing.ts';

const director = (doc: LabDocument) => doc.nodes.find((n) => n.id === 'director')!;
const run = (doc: LabDocument, args: string, stdin = '') => runIpvsadm(args.split(' ').filter((w) => w !== ''), contextOf(doc, 'director'), () => stdin);
const lines = (...ls: string[]): string => ls.map((l) => `${l}\n`).join('');

function apply(doc: LabDocument, ...commands: string[]): LabDocument {
  for (const c of commands) {
    const r = run(doc, c);
    expect(r.stderr, c).toBe('');
    doc = r.doc;
  }
  return doc;
}

/** A configuration with everything -S writes: persistence, a mask, ops, scheduler flags, a fwmark service, tunnels. */
const RICH = apply(natLab,
  '-a -t 12.0.0.10:80 -r 192.168.2.102:8080 -m -w 3 -x 100 -y 20',
  '-A -u 12.0.0.10:53 -s rr -p 120 -o', '-a -u 12.0.0.10:53 -r 192.168.2.100 -g -w 2',
  '-A -f 5 -s sh -b sh-port,sh-fallback -p 60 -M 255.255.0.0', '-a -f 5 -r 192.168.2.101:8080 -i -w 0',
  '-A -t 12.0.0.10:443 -s wlc', '-a -t 12.0.0.10:443 -r 10.1.1.1 -i');

describe('ipvsadm -S', () => {
  it('prints rules sorted like -L, names unless -n, without thresholds', () => {
    expect(run(RICH, '-S -n').stdout).toBe(lines(
      '-A -t 12.0.0.10:80 -s rr',
      '-a -t 12.0.0.10:80 -r 192.168.2.100:80 -m -w 1',
      '-a -t 12.0.0.10:80 -r 192.168.2.101:80 -m -w 1',
      '-a -t 12.0.0.10:80 -r 192.168.2.102:8080 -m -w 3',
      '-A -t 12.0.0.10:443 -s wlc',
      '-a -t 12.0.0.10:443 -r 10.1.1.1:443 -i -w 1 --tun-type ipip',
      '-A -u 12.0.0.10:53 -s rr -p 120 -o',
      '-a -u 12.0.0.10:53 -r 192.168.2.100:53 -g -w 2',
      '-A -f 5 -s sh -p 60 -M 255.255.0.0 -b sh-fallback,sh-port',
      '-a -f 5 -r 192.168.2.101:8080 -i -w 0 --tun-type ipip',
    ));
    expect(runIpvsadmSave([], contextOf(RICH, 'director')).stdout.split('\n').slice(0, 2)).toEqual(['-A -t 12.0.0.10:http -s rr', '-a -t 12.0.0.10:http -r 192.168.2.100:http -m -w 1']);
    expect(ipvsadmSaveText(RICH, director(RICH))).toBe(run(RICH, '-S -n').stdout);
  });

  it('ipvsadm-save refuses options other than -n', () => {
    expect(runIpvsadmSave(['-x'], contextOf(RICH, 'director'))).toEqual({
      stdout: '', stderr: 'ipvsadm-save: Script to save the IPVS table to stdout.\n   With the -n option, prints out the table in numeric format.\n', exitCode: 1, doc: RICH,
    });
  });
});

describe('restoring saved rules', () => {
  const withoutThresholds = (doc: LabDocument) => ({ ...director(doc).ipvs, services: director(doc).ipvs.services.map((s) => ({ ...s, realServers: s.realServers.map((r) => ({ ...r, upperThreshold: 0, lowerThreshold: 0 })) })) });

  it('-R of `-S -n` output rebuilds the configuration, in -S order, thresholds lost', () => {
    const saved = run(RICH, '-S -n').stdout;
    const restored = run(apply(RICH, '-C'), '-R', saved);
    expect(restored.exitCode).toBe(0);
    expect(run(restored.doc, '-S -n').stdout).toBe(saved);
    const byKey = <T extends { protocol: string; address?: string; port?: number; fwmark?: number }>(list: readonly T[]) => [...list].sort((a, b) => `${a.protocol}${a.address}${a.port}${a.fwmark}`.localeCompare(`${b.protocol}${b.address}${b.port}${b.fwmark}`));
    expect(byKey(director(restored.doc).ipvs.services)).toEqual(byKey(withoutThresholds(RICH).services));
    // Restoring its own save again is a fixed point.
    const again = run(apply(restored.doc, '-C'), '-R', run(restored.doc, '-S -n').stdout);
    expect(director(again.doc).ipvs).toEqual(director(restored.doc).ipvs);
  });

  it('ipvsadm-save | ipvsadm-restore works with port names', () => {
    const saved = runIpvsadmSave([], contextOf(RICH, 'director')).stdout;
    expect(saved).toContain('-a -t 12.0.0.10:http -r 192.168.2.102:webcache -m -w 3\n');
    const restored = runIpvsadmRestore([], contextOf(RICH, 'director'), saved);
    expect(restored.exitCode).toBe(0);
    expect(run(restored.doc, '-S -n').stdout).toBe(run(RICH, '-S -n').stdout);
  });

  it('-R does not clear, a kernel error does not stop it (exit 255), a usage error does (exit 2)', () => {
    const r = run(natLab, '-R', lines('-A -t 12.0.0.10:80', '-A -t 1.1.1.1:80', '-A -t 2.2.2.2:80 -s foo', '-A -t 3.3.3.3:80 -q', '-A -t 4.4.4.4:80'));
    expect(r.stderr).toBe('Service already exists\nScheduler or persistence engine not found\n-q: unknown option\n');
    expect(r.exitCode).toBe(0);
    expect(director(r.doc).ipvs.services.map((s) => s.address)).toEqual(['12.0.0.10', '1.1.1.1', '4.4.4.4']);
    const last = run(natLab, '-R', lines('-A -t 1.1.1.1:80', '-A -t 12.0.0.10:80'));
    expect(last.exitCode).toBe(255);
    const aborted = run(natLab, '-R', lines('-A -t 5.5.5.5:80', '-A -t 6.6.6.6', '-A -t 7.7.7.7:80'));
    expect([aborted.stderr, aborted.exitCode]).toEqual(['Zero port specified for non-persistent service\n', 2]);
    expect(director(aborted.doc).ipvs.services.map((s) => s.address)).toEqual(['12.0.0.10', '5.5.5.5']);
  });

  it('-R drops the word ipvsadm but has no comments: a # line gets the "Try" line and ends it', () => {
    const r = run(natLab, '-R', lines('ipvsadm -A -t 1.1.1.1:80', '# saved rules', '-A -t 2.2.2.2:80'));
    expect([r.stderr, r.exitCode]).toEqual(["Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n", 255]);
    expect(director(r.doc).ipvs.services.map((s) => s.address)).toEqual(['12.0.0.10', '1.1.1.1']);
    // The ipvsadm-restore script removes those lines first, and clears the table.
    const script = runIpvsadmRestore([], contextOf(natLab, 'director'), lines('# saved rules', '-A -t 2.2.2.2:80 -s rr'));
    expect(script.exitCode).toBe(0);
    expect(director(script.doc).ipvs.services.map((s) => `${s.address} ${s.scheduler}`)).toEqual(['2.2.2.2 rr']);
  });

  it('-R inside -R ends the restore with the "Try" line', () => {
    const r = run(natLab, '-R', lines('-A -t 1.1.1.1:80', '-R', '-A -t 2.2.2.2:80'));
    expect([r.stderr, r.exitCode]).toEqual(["Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n", 255]);
  });

  it('config_stream_read: separators, dropped words, a last line ending in blanks is lost', () => {
    expect(configStreamLines('-A\t-t 1.1.1.1:80\r\n\n  ipvsadm -C\n-L')).toEqual([['-A', '-t', '1.1.1.1:80'], [], ['-C'], ['-L']]);
    expect(configStreamLines('-C\n-A -t 1.1.1.1:80  ')).toEqual([['-C']]);
  });
});

describe('ipvsadmScript', () => {
  it('replays to the same configuration: order, thresholds and timeouts kept', () => {
    const doc = apply(RICH, '--set 600 0 60');
    const script = ipvsadmScript(director(doc));
    expect(script.slice(0, 4)).toEqual([
      'ipvsadm --set 600 120 60',
      'ipvsadm -A -t 12.0.0.10:80 -s rr',
      'ipvsadm -a -t 12.0.0.10:80 -r 192.168.2.100:80 -m -w 1',
      'ipvsadm -a -t 12.0.0.10:80 -r 192.168.2.101:80 -m -w 1',
    ]);
    const cleared = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'director' ? { ...n, ipvs: { loaded: false, services: [], timeouts: { tcp: 900, tcpfin: 120, udp: 300 } } } : n)) };
    const replayed = apply(cleared, ...script.map((l) => l.replace(/^ipvsadm /, '')));
    expect(director(replayed).ipvs).toEqual(director(doc).ipvs);
  });
});
