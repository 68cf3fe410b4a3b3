import { describe, expect, it } from 'vitest';
import { saveCommand } from './coreutils/vim-save.ts';
import { ShellFixture } from './testing/fixture.ts';

/** The real-server script of the LVS-DR tutorials, which reports through the initscripts' functions. */
const REAL_SERVER = `#!/bin/bash
. /etc/rc.d/init.d/functions
SNS_VIP=192.168.122.188
case "$1" in
start)
       ifconfig lo:0 $SNS_VIP netmask 255.255.255.255 broadcast $SNS_VIP
       /sbin/route add -host $SNS_VIP dev lo:0
       echo "1" >/proc/sys/net/ipv4/conf/lo/arp_ignore
       echo "2" >/proc/sys/net/ipv4/conf/lo/arp_announce
       echo "1" >/proc/sys/net/ipv4/conf/all/arp_ignore
       echo "2" >/proc/sys/net/ipv4/conf/all/arp_announce
       action "RealServer Start OK" /bin/true
       ;;
*)
       echo "Usage: $0 {start|stop}"
       exit 1
esac
exit 0
`;

describe('/etc/rc.d/init.d/functions', () => {
  it('reports a step as CentOS 7 prints it: [  OK  ] in green at column 60, through /etc/sysconfig/init', () => {
    const f = new ShellFixture();
    f.run('web1', saveCommand('/root/realserver.sh', REAL_SERVER));
    expect(f.run('web1', 'bash /root/realserver.sh start')).toMatchObject({
      stdout: 'RealServer Start OK \x1b[60G[\x1b[0;32m  OK  \x1b[0;39m]\r\n', stderr: '', exitCode: 0,
    });
    expect(f.run('web1', 'ip addr show lo | grep 192.168.122.188').stdout).toContain('inet 192.168.122.188/32 brd 192.168.122.188 scope global lo:0');
    // A failing action shows FAILED in red and keeps the command's status.
    expect(f.run('web1', '. /etc/init.d/functions; action "Starting web" false; echo $?').stdout)
      .toBe('Starting web \x1b[60G[\x1b[0;31mFAILED\x1b[0;39m]\r\n1\n');
    // Without /etc/sysconfig/init's settings (BOOTUP set otherwise) nothing is coloured.
    expect(f.run('web1', 'BOOTUP=verbose; . /etc/init.d/functions; action "Plain" true').stdout).toBe('Plain \n');
  });

  it("reads $'…' (ANSI-C quoting) and $\"…\" (a translated string) as bash does", () => {
    const f = new ShellFixture();
    expect(f.run('web1', `echo $"  OK  " $'a\\tb\\x41\\101\\cA\\q\\e[0m' "x"`).stdout).toBe('  OK   a\tbAA\x01\\q\x1b[0m x\n');
    expect(f.run('web1', `echo "$'no'"`).stdout).toBe("$'no'\n");
  });
});

describe('echo -e and $\'…\' escapes (bash\'s ansicstr)', () => {
  it('decodes each as bash does: \\0NNN for echo, \\NNN in $\'…\', \\u, \\x, \\c', () => {
    const f = new ShellFixture();
    f.run('web1', saveCommand('/root/e.sh', `echo -e 'A\\101|\\0101|\\u263a|\\x41|\\'"'"'|\\"|\\?|\\q|\\e|\\0|\\08|'
echo $'\\101|\\0101|\\u263a|\\x41|\\cA|\\'|\\"|\\?|\\q|\\18'
echo -e 'a\\cb'; echo x
`));
    expect(f.run('web1', 'bash /root/e.sh').stdout).toBe('A\\101|A|\u263a|A|\\\'|\\"|\\?|\\q|\x1b|\0|\x008|\nA|\b1|\u263a|A|\x01|\'|"|?|\\q|\x018\nax\n');
  });
});
