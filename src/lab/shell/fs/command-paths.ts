import { NOT_SIMULATED } from '../not-simulated.ts';

/**
 * Where CentOS 7's packages install the lab's commands. /bin, /sbin and /lib are symbolic links
 * to /usr/bin, /usr/sbin and /usr/lib there (the /usr merge), so every program lives under /usr.
 */

/** root's PATH on CentOS 7 (/etc/profile's pathmunge puts the sbin directories first for uid 0). */
export const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin';

const BIN = '/usr/bin';
const SBIN = '/usr/sbin';

/**
 * Each command's program file, by the package that installs it. bash's builtins have a file too
 * when a package ships one: coreutils' echo, test, [, true, false, pwd and printf, util-linux's
 * kill, and the POSIX wrapper scripts bash's el7 package puts in /usr/bin (cd, jobs, …).
 * `:` has none.
 */
const COMMAND_DIRS: Readonly<Record<string, string>> = {
  // coreutils
  cat: BIN, chmod: BIN, cp: BIN, cut: BIN, date: BIN, echo: BIN, env: BIN, printenv: BIN, expr: BIN, false: BIN, head: BIN, ls: BIN, mkdir: BIN, printf: BIN, pwd: BIN,
  seq: BIN, sleep: BIN, sort: BIN, tail: BIN, test: BIN, '[': BIN, touch: BIN, tr: BIN, true: BIN, uname: BIN, uniq: BIN, wc: BIN, whoami: BIN,
  // bash itself, and its POSIX wrappers for builtins (/usr/bin/cd is `builtin cd "$@"`)
  bash: BIN, sh: BIN, cd: BIN, jobs: BIN,
  // util-linux, hostname, grep, sed, gawk, ncurses, which, vim, yum, curl
  kill: BIN, dmesg: BIN, hostname: BIN, grep: BIN, sed: BIN, awk: BIN, gawk: BIN, clear: BIN, which: BIN, vim: BIN, vi: BIN, yum: BIN, curl: BIN,
  // libselinux-utils
  getenforce: SBIN, setenforce: SBIN,
  // iproute, net-tools (netstat alone went to /usr/bin), procps-ng, iptables, kmod
  ip: SBIN, ss: SBIN, ifconfig: SBIN, route: SBIN, arp: SBIN, netstat: BIN, sysctl: SBIN, iptables: SBIN, modprobe: SBIN, modinfo: SBIN,
  // systemd, initscripts
  systemctl: BIN, service: SBIN, ifup: SBIN, ifdown: SBIN,
  // ipvsadm, tcpdump, iputils (ping in bindir with file capabilities, arping in sbindir)
  ipvsadm: SBIN, 'ipvsadm-save': SBIN, 'ipvsadm-restore': SBIN, tcpdump: SBIN, ping: BIN, arping: SBIN,
};

/** The absolute path of a command's program, or undefined when no package installs one. */
export function commandPath(name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(COMMAND_DIRS, name)) return `${COMMAND_DIRS[name]}/${name}`;
  // Programs the machine has but the lab does not model are where their packages put them too.
  return Object.prototype.hasOwnProperty.call(NOT_SIMULATED, name) ? `${NOT_SIMULATED[name]!.dir}/${name}` : undefined;
}

/** Whether a program file is at `path` (absolute, normalised), seen through the /bin and /sbin links. */
export function isProgramPath(path: string): boolean {
  const merged = path.replace(/^\/(s?bin)\//, '/usr/$1/');
  const slash = merged.lastIndexOf('/');
  return commandPath(merged.slice(slash + 1)) === merged;
}

/** The names that have a program file (for tests and completion). */
export const PROGRAM_NAMES: readonly string[] = [...Object.keys(COMMAND_DIRS), ...Object.keys(NOT_SIMULATED)].sort();
