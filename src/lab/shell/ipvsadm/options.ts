/**
 * ipvsadm 1.31's option tables (ipvsadm.c): the popt table of `parse_options`, the command and
 * option names used in messages (`cmdnames`, `optnames`), the legal combinations
 * (`commands_v_options`) and the tunnel-type combinations (`tunnel_types_v_options`).
 */
import type { PoptOption } from './popt.ts';

/** ipvsadm's commands (CMD_ADD … CMD_ZERO), in the order of `cmdnames`. */
export const COMMANDS = [
  'add-service', 'edit-service', 'delete-service', 'flush', 'list', 'add-server', 'delete-server',
  'edit-server', 'set', 'start-daemon', 'stop-daemon', 'restore', 'save', 'zero',
] as const;
/** One of ipvsadm's commands. */
export type IpvsadmCommand = (typeof COMMANDS)[number];

/** ipvsadm's options (OPTC_NUMERIC … OPTC_TUN_REMCSUM); the index is the OPTC_ number, the text is `optnames`. */
export const OPTIONS = [
  'numeric', 'connection', 'service-address', 'scheduler', 'persistent', 'netmask', 'real-server',
  'forwarding-method', 'weight', 'u-threshold', 'l-threshold', 'mcast-interface', 'timeout', 'daemon',
  'stats', 'rate', 'thresholds', 'persistent-conn', 'nosort', 'syncid', 'exact', 'ops', 'pe',
  'sched-flags', 'mcast-group', 'mcast-port', 'mcast-ttl', 'sync-maxlen', 'tun-info', 'tun-type',
  'tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum',
] as const;
/** One of ipvsadm's options, by its optnames name. */
export type IpvsadmOption = (typeof OPTIONS)[number];

/**
 * commands_v_options (ipvsadm.c:278): per command, one character per option in OPTIONS order —
 * '+' compulsory, 'x' illegal, '1' exclusive (only one of the '1' options), ' ' optional.
 */
export const COMMANDS_V_OPTIONS: Readonly<Record<IpvsadmCommand, string>> = {
  /*                 -n -c svc -s -p -M -r fwd -w -x -y -mc tot dmn -st -rt thr -pc srt sid -ex ops -pe -b grp port ttl size tinf type tprt nocs csum remc */
  'add-service':    'xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx',
  'edit-service':   'xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx',
  'delete-service': 'xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'flush':          'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'list':           ' 11xxxxxxxxx11       xxxxxxx xxxxx',
  'add-server':     'xx+xxx+    xxxxxxxxxxxxxxxxxx     ',
  'delete-server':  'xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'edit-server':    'xx+xxx+    xxxxxxxxxxxxxxxxxx     ',
  'set':            'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'start-daemon':   'xxxxxxxxxxx xxxxxxx xxxx    xxxxxx',
  'stop-daemon':    'xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx',
  'restore':        'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'save':           ' xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'zero':           'xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
};

/** The tunnel types of `--tun-type` (tunnames, IP_VS_CONN_F_TUNNEL_TYPE_*). */
export const TUNNEL_TYPES = ['ipip', 'gue', 'gre'] as const;
/** A `--tun-type` value. */
export type TunnelType = (typeof TUNNEL_TYPES)[number];

/** tunopts: the options tunnel_types_v_options speaks about. */
export const TUNNEL_OPTIONS: readonly IpvsadmOption[] = ['tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum'];

/** tunnel_types_v_options: per tunnel type, one character per TUNNEL_OPTIONS entry. */
export const TUNNEL_TYPES_V_OPTIONS: Readonly<Record<TunnelType, string>> = {
  ipip: 'xxxx',
  gue: '+111',
  gre: 'x11x',
};

/** The value poptGetNextOpt returns: the short option letter, or ipvsadm's TAG_ for long-only options. */
export type OptionTag =
  | 'A' | 'E' | 'D' | 'C' | 'L' | 'l' | 'Z' | 'a' | 'e' | 'd' | 'h' | 'v' | 'R' | 'S'
  | 't' | 'u' | 'f' | 's' | 'p' | 'M' | 'r' | 'm' | 'i' | 'g' | 'w' | 'x' | 'y' | 'n' | 'c'
  | 'I' | 'X' | '6' | 'o' | 'b'
  | 'set' | 'start-daemon' | 'stop-daemon' | 'mcast-interface' | 'timeout' | 'daemon' | 'stats'
  | 'rate' | 'thresholds' | 'persistent-conn' | 'sort' | 'nosort' | 'pe' | 'sctp-service'
  | 'mcast-group' | 'mcast-port' | 'mcast-ttl' | 'sync-maxlen' | 'tun-info' | 'tun-type'
  | 'tun-port' | 'tun-nocsum' | 'tun-csum' | 'tun-remcsum';

const none = (longName: string, shortName: string | undefined, val: OptionTag): PoptOption<OptionTag> => ({ longName, ...(shortName ? { shortName } : {}), arg: 'none', val });
const str = (longName: string, shortName: string | undefined, val: OptionTag): PoptOption<OptionTag> => ({ longName, ...(shortName ? { shortName } : {}), arg: 'string', val });

/** The popt table of parse_options (ipvsadm.c:523), in its order (popt takes the first match). */
export const POPT_TABLE: readonly PoptOption<OptionTag>[] = [
  none('add-service', 'A', 'A'), none('edit-service', 'E', 'E'), none('delete-service', 'D', 'D'),
  none('clear', 'C', 'C'), none('list', 'L', 'L'), none('list', 'l', 'l'), none('zero', 'Z', 'Z'),
  none('add-server', 'a', 'a'), none('edit-server', 'e', 'e'), none('delete-server', 'd', 'd'),
  none('set', undefined, 'set'), none('help', 'h', 'h'), none('version', 'v', 'v'),
  none('restore', 'R', 'R'), none('save', 'S', 'S'),
  str('start-daemon', undefined, 'start-daemon'), str('stop-daemon', undefined, 'stop-daemon'),
  str('tcp-service', 't', 't'), str('udp-service', 'u', 'u'), str('sctp-service', undefined, 'sctp-service'),
  str('fwmark-service', 'f', 'f'), str('scheduler', 's', 's'),
  { longName: 'persistent', shortName: 'p', arg: 'optional', val: 'p' },
  str('netmask', 'M', 'M'), str('real-server', 'r', 'r'),
  none('masquerading', 'm', 'm'), none('ipip', 'i', 'i'), none('gatewaying', 'g', 'g'),
  str('weight', 'w', 'w'), str('u-threshold', 'x', 'x'), str('l-threshold', 'y', 'y'),
  none('numeric', 'n', 'n'), none('connection', 'c', 'c'),
  str('mcast-interface', undefined, 'mcast-interface'), str('syncid', undefined, 'I'),
  none('timeout', undefined, 'timeout'), none('daemon', undefined, 'daemon'), none('stats', undefined, 'stats'),
  none('rate', undefined, 'rate'), none('thresholds', undefined, 'thresholds'),
  none('persistent-conn', undefined, 'persistent-conn'), none('nosort', undefined, 'nosort'),
  none('sort', undefined, 'sort'), none('exact', 'X', 'X'), none('ipv6', '6', '6'), none('ops', 'o', 'o'),
  str('pe', undefined, 'pe'), str('sched-flags', 'b', 'b'),
  str('mcast-group', undefined, 'mcast-group'), str('mcast-port', undefined, 'mcast-port'),
  str('mcast-ttl', undefined, 'mcast-ttl'), str('sync-maxlen', undefined, 'sync-maxlen'),
  none('tun-info', undefined, 'tun-info'), str('tun-type', undefined, 'tun-type'), str('tun-port', undefined, 'tun-port'),
  none('tun-nocsum', undefined, 'tun-nocsum'), none('tun-csum', undefined, 'tun-csum'), none('tun-remcsum', undefined, 'tun-remcsum'),
];
