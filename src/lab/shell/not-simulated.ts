import { fail, type Command } from './command.ts';

/**
 * Programs a CentOS 7 minimal install has that the lab does not model. Running one says so and
 * why, and where to look instead: bash's "command not found" would tell a student the program is
 * missing from the machine, which it is not. `which` and `type` find them where their packages
 * install them.
 */
interface NotSimulated {
  readonly dir: '/usr/bin' | '/usr/sbin';
  readonly reason: string;
}

const PROCESSES = 'the lab models the network stack, not processes (systemctl status and netstat -p show the services)';
const MEMORY = 'the lab models the network stack, not memory, CPU or load';

export const NOT_SIMULATED: Readonly<Record<string, NotSimulated>> = {
  // procps-ng
  ps: { dir: '/usr/bin', reason: PROCESSES },
  pgrep: { dir: '/usr/bin', reason: PROCESSES },
  pkill: { dir: '/usr/bin', reason: PROCESSES },
  top: { dir: '/usr/bin', reason: PROCESSES },
  free: { dir: '/usr/bin', reason: MEMORY },
  uptime: { dir: '/usr/bin', reason: MEMORY },
  vmstat: { dir: '/usr/bin', reason: MEMORY },
  watch: { dir: '/usr/bin', reason: 'watch redraws the screen until Ctrl+C, which the console cannot; run the command again, or loop it: for i in 1 2 3; do ipvsadm -Ln; sleep 2; done' },
  // kmod
  lsmod: { dir: '/usr/sbin', reason: 'module sizes and users are not modelled; cat /proc/net/ip_vs answers whether ip_vs is loaded' },
  insmod: { dir: '/usr/sbin', reason: 'modprobe loads the IPVS modules and ipip' },
  rmmod: { dir: '/usr/sbin', reason: 'modules stay loaded; ipvsadm -C clears the IPVS table' },
  // rpm, systemd, firewalld, NetworkManager, chkconfig, ethtool
  rpm: { dir: '/usr/bin', reason: 'packages are not modelled; yum says which ones the hosts have' },
  journalctl: { dir: '/usr/bin', reason: 'the lab keeps no journal; dmesg shows the kernel\'s messages' },
  hostnamectl: { dir: '/usr/bin', reason: 'a host\'s name is its node\'s name in the lab' },
  'firewall-cmd': { dir: '/usr/bin', reason: 'firewalld is not simulated (the lab filters packets with iptables rules; firewalld is only a service to stop)' },
  nmcli: { dir: '/usr/bin', reason: 'NetworkManager is not modelled; ip, ifconfig and the ifcfg files with ifup configure the interfaces' },
  chkconfig: { dir: '/usr/sbin', reason: 'services start with systemctl start (and systemctl enable) on CentOS 7' },
  ethtool: { dir: '/usr/sbin', reason: 'NIC settings are not modelled; a link\'s bandwidth and latency are fields of the lab file (1 Gbit/s and 100 µs when drawn in the editor)' },
};

/** The command for a program the lab does not model. */
export function notSimulated(name: string, what: NotSimulated): Command {
  return () => fail(`lab: ${name} is not simulated: ${what.reason}\n`);
}
