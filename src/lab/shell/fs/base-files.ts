import { HTTPD_LOG_DIR } from './httpd-log.ts';
import type { LabNode } from '../../document.ts';
import { IPVS_MODULE_DIR, IPVS_MODULES } from '../kernel/modules.ts';
import { KERNEL_RELEASE } from '../kernel/release.ts';
import { INIT_FUNCTIONS, SYSCONFIG_INIT } from './init-functions.ts';

/**
 * The files and directories a CentOS 7 host has before the lesson starts, as far as the seeds'
 * commands read them. They are generated, not stored: a lab document holds only the files a
 * lesson wrote (`node.files`), which take precedence.
 */

/** CentOS 7's /etc/sysctl.conf as installed (procps-ng): comments only. */
const SYSCTL_CONF = [
  '# sysctl settings are defined through files in',
  '# /usr/lib/sysctl.d/, /run/sysctl.d/, and /etc/sysctl.d/.',
  '#',
  '# Vendors settings live in /usr/lib/sysctl.d/.',
  '# To override a whole file, create a new file with the same name in',
  '# /etc/sysctl.d/ and put new settings there. To override only specific',
  '# settings, add a file with a lower priority (a higher number) in',
  '# /etc/sysctl.d/ and put new settings there.',
  '#',
  '# For more information, see sysctl.conf(5) and sysctl.d(5).',
  '',
].join('\n');

/** initscripts' ifcfg-lo. */
const IFCFG_LO = [
  'DEVICE=lo',
  'IPADDR=127.0.0.1',
  'NETMASK=255.0.0.0',
  'NETWORK=127.0.0.0',
  "# If you're having problems with gated making 127.0.0.0/8 a martian,",
  '# you can change this to something else (255.255.255.255, for example)',
  'BROADCAST=127.255.255.255',
  'ONBOOT=yes',
  'NAME=loopback',
  '',
].join('\n');

/** systemd's compatibility rc.local of CentOS 7. */
const RC_LOCAL = [
  '#!/bin/bash',
  '# THIS FILE IS ADDED FOR COMPATIBILITY PURPOSES',
  '#',
  '# It is highly advisable to create own systemd services or udev rules',
  '# to run scripts during boot instead of using this file.',
  '#',
  '# In contrast to previous versions due to parallel execution during boot',
  '# this script will NOT be run after all other services.',
  '#',
  "# Please note that you must run 'chmod +x /etc/rc.d/rc.local' to ensure",
  '# that this script will be executed during boot.',
  '',
  'touch /var/lock/subsys/local',
  '',
].join('\n');

/** The directory holding the initscripts' interface configurations. */
export const NETWORK_SCRIPTS = '/etc/sysconfig/network-scripts';

/**
 * An Ethernet device's ifcfg file as the lab's hosts have it: the device is configured by the
 * lesson's commands, so the file brings it up without addresses (BOOTPROTO=none).
 */
function ifcfgEther(dev: string): string {
  return ['TYPE=Ethernet', 'BOOTPROTO=none', `NAME=${dev}`, `DEVICE=${dev}`, 'ONBOOT=yes', ''].join('\n');
}

/** The installed kernel's module tree (/lib/modules is /usr/lib/modules through the /lib link). */
const MODULE_TREE = `/usr/lib/modules/${KERNEL_RELEASE}`;

/** The IPVS modules' files. */
const MODULE_FILES: readonly string[] = IPVS_MODULES.map((m) => `${MODULE_TREE}/${IPVS_MODULE_DIR}/${m}.ko.xz`);

/** The content of a base file, or undefined. */
export function baseFile(node: LabNode, path: string): string | undefined {
  // The modules' compressed images are not modelled: they exist, for ls and modinfo, but read empty.
  if (MODULE_FILES.includes(path)) return '';
  switch (path) {
    case '/etc/sysctl.conf':
      return SYSCTL_CONF;
    case '/etc/hostname':
      return `${node.id}\n`;
    case '/etc/rc.d/rc.local':
      return RC_LOCAL;
    case '/etc/rc.d/init.d/functions':
      return INIT_FUNCTIONS;
    case '/etc/sysconfig/init':
      return SYSCONFIG_INIT;
    case `${NETWORK_SCRIPTS}/ifcfg-lo`:
      return IFCFG_LO;
  }
  const m = new RegExp(`^${NETWORK_SCRIPTS}/ifcfg-([^/:]+)$`).exec(path);
  if (m && node.interfaces.some((i) => i.name === m[1] && i.kind === 'ether')) return ifcfgEther(m[1]!);
  return undefined;
}

/** The base files of a node (for directory listings). */
export function baseFilePaths(node: LabNode): string[] {
  return [
    '/etc/sysctl.conf', '/etc/hostname', '/etc/rc.d/rc.local', '/etc/rc.d/init.d/functions', '/etc/sysconfig/init', `${NETWORK_SCRIPTS}/ifcfg-lo`, ...MODULE_FILES,
    ...node.interfaces.filter((i) => i.kind === 'ether').map((i) => `${NETWORK_SCRIPTS}/ifcfg-${i.name}`),
  ];
}

/** Directories every host has. */
export const BASE_DIRECTORIES: readonly string[] = [
  '/', '/root', '/tmp', '/opt', '/home', '/mnt', '/usr', '/usr/share', '/var', '/var/www', '/var/www/html', '/var/log', HTTPD_LOG_DIR, '/var/lock', '/var/lock/subsys',
  '/etc', '/etc/sysconfig', NETWORK_SCRIPTS, '/etc/sysctl.d', '/etc/rc.d', '/etc/rc.d/init.d', '/etc/httpd', '/etc/httpd/conf', '/etc/systemd', '/etc/systemd/system',
  '/etc/systemd/system/multi-user.target.wants', '/proc', '/proc/net', '/proc/sys', '/dev', '/sbin', '/bin', '/usr/sbin', '/usr/bin',
  '/usr/lib', '/usr/lib/modules', MODULE_TREE, `${MODULE_TREE}/kernel`, `${MODULE_TREE}/kernel/net`, `${MODULE_TREE}/kernel/net/netfilter`,
  `${MODULE_TREE}/${IPVS_MODULE_DIR}`,
];

/** Symbolic links of the base system (CentOS 7: /etc/rc.local → rc.d/rc.local, /etc/init.d → rc.d/init.d, /lib → usr/lib). */
export const BASE_SYMLINKS: Readonly<Record<string, string>> = {
  '/etc/rc.local': '/etc/rc.d/rc.local', '/etc/init.d': '/etc/rc.d/init.d', '/lib': '/usr/lib', '/etc/httpd/logs': HTTPD_LOG_DIR,
};
