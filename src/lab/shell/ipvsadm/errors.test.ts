import { describe, expect, it } from 'vitest';
import { natLab } from '../../builtin/nat.ts';
import { runIpvsadm } from './index.ts';
import { contextOf } from './testing.ts';

const TRY = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n";

/** ipvsadm refusing a command line itself: fail() exits 2, the "Try" line and popt errors exit 255. */
const USAGE_ERRORS: readonly [string, string, number][] = [
  ['-n -L', TRY, 255],
  ['-t 12.0.0.10:80 -A', TRY, 255],
  ['--add', TRY, 255],
  ['-L -q', '-q: unknown option\n', 255],
  ['-L --numeric=x', '--numeric=x: option does not take an argument\n', 255],
  ['-A -t', '-t: missing argument\n', 255],
  ['-LA', "invalid option `-LA'\n", 2],
  ['-L -h', "invalid option `-h'\n", 2],
  ['-L -n -n', "multiple 'numeric' options specified\n", 2],
  ['-A -t 1.2.3.4:80 -s rr -s wrr', "multiple 'scheduler' options specified\n", 2],
  ['-A -t 1.2.3.4', 'Zero port specified for non-persistent service\n', 2],
  ['-A -t 1.2.3.4:80 -o', 'One-Packet Scheduling is only for UDP virtual services\n', 2],
  ['-A -t 1.2.3.4:80 -x 5', "Illegal 'u-threshold' option with the 'add-service' command\n", 2],
  ['-a -t 12.0.0.10:80', "You need to supply the 'real-server' option for the 'add-server' command\n", 2],
  ['-A -t 1.2.3.4:80 -p foo', "invalid timeout value `foo' specified\n", 2],
  ['-A -f 0', "invalid fwmark value `0' specified\n", 2],
  ['-A -t web1:80', 'illegal virtual server address[:port] specified\n', 2],
  ['-a -t 12.0.0.10:80 -r 192.168.2.102 -w 65536', 'illegal weight specified\n', 2],
  ['-a -t 12.0.0.10:80 -r 192.168.2.102 -x 2147483648', 'illegal u_threshold specified\n', 2],
  ['-a -t 12.0.0.10:80 -r 192.168.2.102:99999', 'illegal real server address[:port] specified\n', 2],
  ['-A -t 1.2.3.4:80 -b sh-port', "incompatible scheduler flag `sh-port'\n", 2],
  ['-A -t 1.2.3.4:80 -b foo', "invalid scheduler flag `foo'\n", 2],
  ['-A -6 -f 1', '-6 used before -f\n\n', 2],
  ['-a -t 12.0.0.10:80 -r [::1]:80', 'Different address family is allowed only for tunneling servers\n', 2],
  ['-a -t 12.0.0.10:80 -r 5.5.5.5 --tun-type ipip', 'Tunnel options conflict with forward method\n', 2],
  ['-a -t 12.0.0.10:80 -r 5.5.5.5 -i --tun-type gue', "You need to supply the 'tun-port' option for the 'gue' tunnel type\n", 2],
  ['--set 1 2', '--set option requires 3 timeout values\n', 2],
  ['--set 1 2 3 4', 'unexpected argument 4\n', 2],
  ['-L -c -t 12.0.0.10:80', "The option 'service-address' conflicts with the 'connection' option in the 'list' command\n", 2],
  ['-L --timeout --stats', 'options conflicts in the list command\n', 2],
  ['-S -c', "Illegal 'connection' option with the 'save' command\n", 2],
  // popt reads -list as -l -i -s t; generic_opt_check names the first illegal option by index.
  ['-list', "Illegal 'scheduler' option with the 'list' command\n", 2],
  ['--start-daemon foo', 'illegal start-daemon parameter specified\n', 2],
];

/** The kernel refusing a well-formed command: ipvs_strerror, exit 255 (1 for a listing). */
const KERNEL_ERRORS: readonly [string, string, number][] = [
  ['-A -t 12.0.0.10:80', 'Service already exists\n', 255],
  ['-A -t 1.2.3.4:80 -s foo', 'Scheduler or persistence engine not found\n', 255],
  ['-A -t 1.2.3.4:80 --pe sip', 'Scheduler or persistence engine not found\n', 255],
  ['-E -t 9.9.9.9:80', 'No such service\n', 255],
  ['-D -t 9.9.9.9:80', 'No such service\n', 255],
  ['-Z -t 9.9.9.9:80', 'No such service\n', 255],
  ['-L -t 9.9.9.9:80', 'No such service\n', 1],
  ['-a -t 9.9.9.9:80 -r 5.5.5.5', 'Service not defined\n', 255],
  ['-a -t 12.0.0.10:80 -r 192.168.2.100:80 -m', 'Destination already exists\n', 255],
  ['-e -t 12.0.0.10:80 -r 192.168.2.109 -m', 'No such destination\n', 255],
  ['-d -t 12.0.0.10:80 -r 192.168.2.109', 'No such destination\n', 255],
  ['-a -t 12.0.0.10:80 -r 192.168.2.103 -x 10 -y 20', 'Numerical result out of range\n', 255],
  ['-a -t 12.0.0.10:80 -r 192.168.2.103 -y 20', 'Numerical result out of range\n', 255],
  ['-a -t 12.0.0.10:80 -r 192.168.2.255 -m', 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n', 255],
  ['-a -t 12.0.0.10:80 -r 224.0.0.1', 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n', 255],
  ['-A -t [::1]:80', 'Operation not supported with specified address family\n', 255],
  ['-A -f 1 -6', 'Operation not supported with specified address family\n', 255],
  ['--set 2147484 0 0', 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n', 255],
  ['-A --sctp-service 1.2.3.4:80', 'Protocol not available\n', 255],
  ['-a -t 12.0.0.10:80 -r 5.5.5.5 -i --tun-type gue --tun-port 6080', 'Protocol not available\n', 255],
  ['--start-daemon master', 'No such device\n', 255],
  ['--stop-daemon master', 'No daemon is running\n', 255],
];

describe('malformed ipvsadm command lines', () => {
  it.each(USAGE_ERRORS)('ipvsadm %s', (args, stderr, exitCode) => {
    const r = runIpvsadm(args.split(' '), contextOf(natLab, 'director'));
    expect(r).toEqual({ stdout: '', stderr, exitCode, doc: natLab });
    expect(r.doc).toBe(natLab);
  });
});

describe('commands the kernel refuses', () => {
  it.each(KERNEL_ERRORS)('ipvsadm %s', (args, stderr, exitCode) => {
    const r = runIpvsadm(args.split(' '), contextOf(natLab, 'director'));
    expect(r).toEqual({ stdout: '', stderr, exitCode, doc: natLab });
    expect(r.doc).toBe(natLab);
  });
});

describe('exits that are not errors', () => {
  it('prints the version', () => {
    const r = runIpvsadm(['-v'], contextOf(natLab, 'director'));
    expect(r.stdout).toBe('ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n');
    expect(r.exitCode).toBe(0);
  });

  it('prints the help with the program name as typed, ignoring what follows -h', () => {
    const r = runIpvsadm(['-h', '-q'], contextOf(natLab, 'director'), () => '', '/sbin/ipvsadm');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)',
      'Usage:',
      '  /sbin/ipvsadm -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]',
      '  /sbin/ipvsadm -D virtual-service',
    ]);
    expect(r.stdout).toContain('  --scheduler    -s scheduler         one of rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh,\n');
    expect(r.stdout.endsWith('  --mcast-ttl ttl                     Multicast TTL (default=1)\n')).toBe(true);
  });

  it('crashes like ipvsadm 1.31 on `-b ,` (strtok finds no flag)', () => {
    const r = runIpvsadm(['-A', '-t', '1.2.3.4:80', '-b', ','], contextOf(natLab, 'director'));
    expect(r).toEqual({ stdout: '', stderr: '', exitCode: 139, doc: natLab });
  });

  it('loads ip_vs even when the command line is wrong (ipvs_init runs first)', () => {
    const doc = { ...natLab, nodes: natLab.nodes.map((n) => (n.id === 'director' ? { ...n, ipvs: { ...n.ipvs, loaded: false } } : n)) };
    const r = runIpvsadm(['-n', '-L'], contextOf(doc, 'director'));
    expect(r.exitCode).toBe(255);
    expect(r.doc.nodes.find((n) => n.id === 'director')!.ipvs.loaded).toBe(true);
  });
});
