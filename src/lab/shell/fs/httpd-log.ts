import type { HttpAccessEntry } from '../../../sim/model/traffic.ts';
import { formatIpv4Address } from '../../../wire/ipv4-address.ts';
import { localtime } from '../coreutils/broken-down-time.ts';
import { C_TIME, fprintftime } from '../coreutils/strftime.ts';
import type { FsView } from './files.ts';

/** httpd's log directory (the httpd package creates it; /etc/httpd/logs links to it). */
export const HTTPD_LOG_DIR = '/var/log/httpd';
/** `CustomLog "logs/access_log" combined` in CentOS 7's httpd.conf. */
export const ACCESS_LOG = `${HTTPD_LOG_DIR}/access_log`;

const utf8 = new TextEncoder();

/** ap_escape_logitem: `"` and `\` get a backslash, other bytes outside printable ASCII become \xhh. */
function escapeLogItem(s: string): string {
  let out = '';
  for (const byte of utf8.encode(s)) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** %t, Apache's `[%d/%b/%Y:%H:%M:%S %z]` in local time (the lab's machines run in UTC). */
function logTime(us: number): string {
  const tm = localtime(Math.floor(us / 1_000_000));
  return tm ? fprintftime('[%d/%b/%Y:%H:%M:%S %z]', tm, 0, C_TIME) : '[-]';
}

/**
 * One line in the `combined` format, `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`.
 * %h is the client's IPv4 address as the socket gave it (APR drops the ::ffff: of the dual-stack
 * socket's mapped address), %b is `-` for no body.
 */
export function accessLogLine(e: HttpAccessEntry): string {
  const body = e.bodyBytes === 0 ? '-' : String(e.bodyBytes);
  return `${formatIpv4Address(e.clientAddr)} - - ${logTime(e.timeUs)} "${escapeLogItem(e.requestLine)}" ${e.status} ${body} "-" "${escapeLogItem(e.userAgent)}"\n`;
}

/**
 * The access log's content, or undefined where there is none: httpd creates it when it starts,
 * so it is there while httpd runs or once it has logged a request (a httpd started and stopped
 * again without a request leaves an empty file the lab does not know of).
 */
export function accessLogFile(v: FsView): string | undefined {
  const entries = loggedRequests(v);
  return entries === undefined ? undefined : entries.map(accessLogLine).join('');
}

/** Whether the access log is there (a directory listing need not format its lines). */
export function hasAccessLog(v: FsView): boolean {
  return loggedRequests(v) !== undefined;
}

function loggedRequests(v: FsView): readonly HttpAccessEntry[] | undefined {
  const entries = v.runtime?.httpAccessLog(v.node.id) ?? [];
  return entries.length === 0 && !v.node.services.httpd.running ? undefined : entries;
}
