/** The systemd units the lab's CentOS 7 hosts have installed (httpd and ipvsadm packages). */

/** A unit file shipped by a package. */
export interface UnitFile {
  readonly name: string;
  readonly description: string;
  readonly path: string;
  readonly text: string;
  readonly docs?: readonly string[];
}

/** httpd-2.4.6 (CentOS 7) httpd.service. */
const HTTPD: UnitFile = {
  name: 'httpd.service',
  description: 'The Apache HTTP Server',
  path: '/usr/lib/systemd/system/httpd.service',
  docs: ['man:httpd(8)', 'man:apachectl(8)'],
  text: [
    '[Unit]',
    'Description=The Apache HTTP Server',
    'After=network.target remote-fs.target nss-lookup.target',
    'Documentation=man:httpd(8)',
    'Documentation=man:apachectl(8)',
    '',
    '[Service]',
    'Type=notify',
    'EnvironmentFile=/etc/sysconfig/httpd',
    'ExecStart=/usr/sbin/httpd $OPTIONS -DFOREGROUND',
    'ExecReload=/usr/sbin/httpd $OPTIONS -k graceful',
    'ExecStop=/bin/kill -WINCH ${MAINPID}',
    '# We want systemd to give httpd some time to finish gracefully, but still want',
    '# it to kill httpd after TimeoutStopSec if something went wrong during the',
    '# graceful stop. Normally, Systemd sends SIGTERM signal right after the',
    '# ExecStop, which would kill httpd. We are sending useless SIGCONT here to give',
    '# httpd time to finish.',
    'KillSignal=SIGCONT',
    'PrivateTmp=true',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n'),
};

/**
 * ipvsadm-1.27 (CentOS 7) ipvsadm.service: start restores /etc/sysconfig/ipvsadm, stop saves the
 * table there (always: IPVS_SAVE_ON_STOP in ipvsadm-config is read only by the old init script)
 * and clears it.
 */
const IPVSADM: UnitFile = {
  name: 'ipvsadm.service',
  description: 'Initialise the Linux Virtual Server',
  path: '/usr/lib/systemd/system/ipvsadm.service',
  text: [
    '[Unit]',
    'Description=Initialise the Linux Virtual Server',
    'After=syslog.target network.target',
    '',
    '[Service]',
    'Type=oneshot',
    'ExecStart=/bin/bash -c "exec /sbin/ipvsadm-restore < /etc/sysconfig/ipvsadm"',
    'ExecStop=/bin/bash -c "exec /sbin/ipvsadm-save -n > /etc/sysconfig/ipvsadm"',
    'ExecStop=/sbin/ipvsadm -C',
    'RemainAfterExit=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n'),
};

/** Installed units by name. firewalld is not installed: the lab filters no packets. */
export const UNITS: Readonly<Record<string, UnitFile>> = { httpd: HTTPD, ipvsadm: IPVSADM };

/** `httpd` or `httpd.service` → `httpd`; other unit types keep their suffix. */
export const unitBase = (arg: string): string => arg.replace(/\.service$/, '');

/** `httpd` → `httpd.service`. */
export const unitName = (arg: string): string => (arg.includes('.') ? arg : `${arg}.service`);

/** Where `systemctl enable` links a unit (WantedBy=multi-user.target). */
export const wantsPath = (u: UnitFile): string => `/etc/systemd/system/multi-user.target.wants/${u.name}`;

/** A virtual time as systemd prints timestamps: `Thu 1970-01-01 00:00:05 UTC` (the lab boots at the epoch). */
export function systemdTimestamp(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

/** The journal's short timestamp: `Jan 01 00:00:05`. */
export function journalTimestamp(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** format_timestamp_relative (systemd 219): `3s ago`, `1min 5s ago`, `2h 3min ago`, `now`. */
export function relativeTime(us: number): string {
  const MIN = 60_000_000;
  const HOUR = 60 * MIN;
  const DAY = 24 * HOUR;
  const f = Math.floor;
  if (us >= 2 * DAY) return `${f(us / DAY)} days ago`;
  if (us >= 25 * HOUR) return `1 day ${f((us - DAY) / HOUR)}h ago`;
  if (us >= 6 * HOUR) return `${f(us / HOUR)}h ago`;
  if (us >= HOUR) return `${f(us / HOUR)}h ${f((us % HOUR) / MIN)}min ago`;
  if (us >= 5 * MIN) return `${f(us / MIN)}min ago`;
  if (us >= MIN) return `${f(us / MIN)}min ${f((us % MIN) / 1_000_000)}s ago`;
  if (us >= 1_000_000) return `${f(us / 1_000_000)}s ago`;
  if (us >= 1000) return `${f(us / 1000)}ms ago`;
  if (us > 0) return `${us}us ago`;
  return 'now';
}
