import { done, type Command } from '../command.ts';
import { Output } from '../output.ts';

/**
 * yum. The lab's hosts come with their software installed and reach no repository, so yum
 * installs nothing: for the packages the lab has (what the articles install first) it says so
 * and succeeds, so `yum install -y ipvsadm && …` goes on; anything else is refused with the list.
 * These are the lab's messages, not yum's: printing yum's own transcript would invent versions.
 */

/** The packages whose commands and services the lab's hosts have, by yum name. */
const PACKAGES: Readonly<Record<string, string>> = {
  ipvsadm: 'ipvsadm', httpd: 'httpd (systemctl start httpd)', 'iproute': 'ip', 'net-tools': 'ifconfig, route, arp',
  iptables: 'iptables', 'iptables-services': 'iptables', tcpdump: 'tcpdump', curl: 'curl', iputils: 'ping, arping', arping: 'arping',
  procps: 'sysctl', 'procps-ng': 'sysctl', coreutils: 'cat, echo, ls, seq, sleep…', vim: 'vim', 'vim-enhanced': 'vim', 'vim-minimal': 'vi', kmod: 'modprobe, modinfo',
};

const HAVE = Object.keys(PACKAGES).join(', ');

export const yum: Command = (io) => {
  const args = io.argv.slice(1).filter((a) => !/^(-y|--assumeyes|-q|--quiet)$/.test(a));
  const [sub, ...names] = args;
  const out = new Output();
  if (sub !== 'install' && sub !== 'reinstall' && sub !== 'update') {
    out.err(`lab: yum${sub ? ` ${sub}` : ''}: the lab's hosts reach no repository; their software is installed already (${HAVE})\n`);
    return done(out, 1);
  }
  if (names.length === 0) {
    out.err('lab: yum: name the packages to install\n');
    return done(out, 1);
  }
  const missing = names.filter((n) => PACKAGES[n.replace(/\.x86_64$|\.noarch$/, '')] === undefined);
  const present = names.filter((n) => !missing.includes(n));
  if (present.length > 0) out.out(`lab: yum: already installed on ${io.node.id}: ${present.join(' ')}; nothing to do\n`);
  if (missing.length > 0) out.err(`lab: yum: not part of the lab: ${missing.join(' ')} (the hosts have ${HAVE})\n`);
  return done(out, missing.length > 0 ? 1 : 0);
};
