import { awk } from './awk/awk.ts';
import type { Command } from './command.ts';
import { cut } from './coreutils/cut.ts';
import { echo } from './coreutils/echo.ts';
import { env, printenv } from './coreutils/env.ts';
import { expr } from './coreutils/expr.ts';
import { cat, cd, chmod, cp, mkdir, pwd } from './coreutils/files.ts';
import { grep, wc } from './coreutils/grep.ts';
import { head, tail } from './coreutils/head-tail.ts';
import { jobs, kill } from './coreutils/jobs.ts';
import { ls } from './coreutils/ls.ts';
import { printf } from './coreutils/printf.ts';
import { seq } from './coreutils/seq.ts';
import { sleep } from './coreutils/sleep.ts';
import { sort } from './coreutils/sort.ts';
import { clear, dmesg, falseCommand, getenforce, hostname, setenforce, trueCommand, whoami } from './coreutils/system.ts';
import { date } from './coreutils/date.ts';
import { bracket, test } from './coreutils/test.ts';
import { touch } from './coreutils/touch.ts';
import { tr } from './coreutils/tr.ts';
import { uname } from './coreutils/uname.ts';
import { uniq } from './coreutils/uniq.ts';
import { vim } from './coreutils/vim.ts';
import { which } from './coreutils/which.ts';
import { ifdown, ifup } from './initscripts/ifup.ts';
import { ip } from './iproute2/ip.ts';
import { ss } from './iproute2/ss.ts';
import { iptables } from './iptables/iptables.ts';
import { ipvsadm, ipvsadmRestore, ipvsadmSave } from './ipvsadm-commands.ts';
import { modinfo } from './kmod/modinfo.ts';
import { modprobe } from './kmod/modprobe.ts';
import { arp } from './net-tools/arp.ts';
import { ifconfig } from './net-tools/ifconfig.ts';
import { netstat } from './net-tools/netstat.ts';
import { route } from './net-tools/route.ts';
import { sysctl } from './procps/sysctl.ts';
import { sed } from './sed/sed.ts';
import { service, systemctl } from './systemd/systemctl.ts';
import { tcpdump } from './tcpdump/tcpdump.ts';
import { arping } from './traffic/arping.ts';
import { yum } from './yum/yum.ts';
import { curl } from './traffic/curl.ts';
import { ping } from './traffic/ping.ts';
import { NOT_SIMULATED, notSimulated } from './not-simulated.ts';

/** The shell's commands by name; everything else answers `bash: NAME: command not found`. */
const COMMANDS: Readonly<Record<string, Command>> = {
  ...Object.fromEntries(Object.entries(NOT_SIMULATED).map(([name, what]) => [name, notSimulated(name, what)])),
  echo, cat, cp, cd, pwd, mkdir, chmod, ls, grep, sed, awk, gawk: awk, head, tail, wc, sort, uniq, cut, tr, seq, sleep, jobs, kill, hostname, uname, dmesg, setenforce, getenforce, clear, whoami, date,
  true: trueCommand, false: falseCommand, ':': trueCommand, test, '[': bracket, expr, printf, touch, which, env, printenv,
  ip, ss, ifconfig, route, arp, netstat, sysctl, iptables, modprobe, modinfo, systemctl, service, ifup, ifdown,
  ipvsadm, 'ipvsadm-save': ipvsadmSave, 'ipvsadm-restore': ipvsadmRestore,
  curl, ping, arping, tcpdump, vim, vi: vim, yum,
};

/** bash builtins: their errors carry a `bash: ` prefix. */
export const BUILTINS: ReadonlySet<string> = new Set(['echo', 'cd', 'pwd', 'jobs', 'kill', 'true', 'false', ':', 'test', '[', 'printf']);

/** The command of that name. */
export function lookupCommand(name: string): Command | undefined {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** The names of every command (for completion and documentation). */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS).sort();
