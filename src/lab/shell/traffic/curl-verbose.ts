import type { CurlResult } from '../../../sim/model/traffic.ts';

/**
 * curl 7.29's -v transcript (stderr): its `* ` notes (lib/url.c ConnectPlease and
 * Curl_verboseconnect, lib/connect.c, Curl_disconnect's "Closing connection", Curl_done's "left
 * intact"), the request header lines it sent (`> `) and the response head it read (`< `). The
 * body goes to stdout between the head and the last note.
 */
export function verboseLines(r: CurlResult, target: { host: string; port: number; path: string }, head: boolean): { before: string; after: string } {
  const connecting = [`* About to connect() to ${target.host} port ${target.port} (#0)`, `*   Trying ${target.host}...`];
  const hostHeader = `${target.host}${target.port !== 80 ? `:${target.port}` : ''}`;
  const request = [
    `* Connected to ${target.host} (${target.host}) port ${target.port} (#0)`,
    `> ${head ? 'HEAD' : 'GET'} ${target.path} HTTP/1.1`, '> User-Agent: curl/7.29.0', `> Host: ${hostHeader}`, '> Accept: */*', '> ',
  ];
  const closing = '* Closing connection 0';
  const text = (lines: readonly string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  if (r.ok) {
    const response = [`< HTTP/1.1 ${r.status} ${r.statusText}`, ...r.headers.map(([k, v]) => `< ${k}: ${v}`), '< '];
    return { before: text([...connecting, ...request, ...response]), after: text([`* Connection #0 to host ${target.host} left intact`]) };
  }
  const ms = Math.round((r.endUs - r.startUs) / 1000);
  switch (r.error) {
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': {
      const reason = { ECONNREFUSED: 'Connection refused', ETIMEDOUT: 'Connection timed out', EHOSTUNREACH: 'No route to host', ENETUNREACH: 'Network is unreachable' }[r.error];
      return { before: text([...connecting, `* ${reason}`, `* Failed connect to ${target.host}:${target.port}; ${reason}`, closing]), after: '' };
    }
    case 'timeout':
      return {
        before: text(r.connected
          ? [...connecting, ...request, `* Operation timed out after ${ms} milliseconds with ${r.receivedBytes ?? 0} out of ${r.expectedBytes ?? -1} bytes received`, closing]
          : [...connecting, `* Connection timed out after ${ms} milliseconds`, closing]),
        after: '',
      };
    case 'ECONNRESET':
    case 'EPROTO':
      return { before: text([...connecting, ...request, `* Recv failure: ${r.error === 'ECONNRESET' ? 'Connection reset by peer' : 'Protocol error'}`, closing]), after: '' };
    case 'parse':
      return { before: text([...connecting, ...request, '* Empty reply from server', closing]), after: '' };
    case 'resolve':
      return { before: text([`* Could not resolve host: ${r.host}; Name or service not known`, closing]), after: '' };
    case 'url':
      return { before: '', after: '' };
  }
}
