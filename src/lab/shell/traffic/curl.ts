import type { CurlResult } from '../../../sim/model/traffic.ts';
import { done, type Command } from '../command.ts';
import { Output } from '../output.ts';

/** curl 7.29.0 (CentOS 7): GET a URL and print the body; the errors curl prints for each failure. */

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** curl's options as parsed. */
export interface CurlOp {
  readonly url: string;
  readonly silent: boolean;
  readonly showError: boolean;
  readonly includeHeaders: boolean;
  readonly maxTimeSec: number | undefined;
}

/** Parses curl's arguments. */
export function parseCurl(args: readonly string[]): CurlOp | { error: string; status: number } {
  let url: string | undefined;
  let silent = false;
  let showError = false;
  let includeHeaders = false;
  let maxTimeSec: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--include') includeHeaders = true;
    else if (a === '-m' || a === '--max-time') {
      const v = args[++i];
      if (v === undefined) return { error: `curl: option ${a}: requires parameter\n${TRY}`, status: 2 };
      if (!/^\d+(\.\d+)?$/.test(v)) return { error: `curl: option ${a}: expected a proper numerical parameter\n${TRY}`, status: 2 };
      maxTimeSec = Number(v);
    } else if (a.startsWith('--')) return { error: `curl: option ${a}: is unknown\n${TRY}`, status: 2 };
    else if (a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (f === 's') silent = true;
        else if (f === 'S') showError = true;
        else if (f === 'i') includeHeaders = true;
        else if (f === 'v' || f === 'I' || f === 'o' || f === 'O' || f === 'L' || f === 'H' || f === 'X' || f === 'd') {
          return { error: `lab: curl -${f} is not simulated (curl here fetches a page with GET)\n`, status: 2 };
        } else return { error: `curl: option -${f}: is unknown\n${TRY}`, status: 2 };
      }
    } else url = a;
  }
  if (url === undefined) return { error: `curl: no URL specified!\n${TRY}`, status: 2 };
  return { url, silent, showError, includeHeaders, maxTimeSec };
}

/** curl's message and exit status for a failed transfer (Curl_strerror of the connect errno). */
export function curlError(r: Extract<CurlResult, { ok: false }>): { message: string; status: number } {
  const target = `${r.host}:${r.port}`;
  switch (r.error) {
    case 'ECONNREFUSED': return { message: `curl: (7) Failed connect to ${target}; Connection refused`, status: 7 };
    case 'ETIMEDOUT': return { message: `curl: (7) Failed connect to ${target}; Connection timed out`, status: 7 };
    case 'EHOSTUNREACH': return { message: `curl: (7) Failed connect to ${target}; No route to host`, status: 7 };
    case 'ENETUNREACH': return { message: `curl: (7) Failed connect to ${target}; Network is unreachable`, status: 7 };
    case 'ECONNRESET': return { message: 'curl: (56) Recv failure: Connection reset by peer', status: 56 };
    case 'EPROTO': return { message: 'curl: (56) Recv failure: Protocol error', status: 56 };
    case 'timeout': {
      // lib/connect.c while connecting; lib/transfer.c (Curl_timeleft) once connected.
      const ms = Math.round((r.endUs - r.startUs) / 1000);
      return r.connected
        ? { message: `curl: (28) Operation timed out after ${ms} milliseconds with ${r.receivedBytes ?? 0} out of ${r.expectedBytes ?? -1} bytes received`, status: 28 }
        : { message: `curl: (28) Connection timed out after ${ms} milliseconds`, status: 28 };
    }
    case 'parse': return { message: 'curl: (52) Empty reply from server', status: 52 };
    case 'resolve': return { message: `curl: (6) Could not resolve host: ${r.host}; Name or service not known`, status: 6 };
    case 'url': return { message: `curl: (3) <url> malformed`, status: 3 };
  }
}

/** curl URL. */
export const curl: Command = (io) => {
  const out = new Output();
  const op = parseCurl(io.argv.slice(1));
  if ('error' in op) return done(out.err(op.error), op.status);
  if (!io.runtime) return done(out.err('lab: no simulation is running; traffic needs a running lab\n'), 1);
  const r = io.runtime.traffic({ kind: 'curl', node: io.node.id, url: op.url, ...(op.maxTimeSec !== undefined ? { maxTimeSec: op.maxTimeSec } : {}) });
  if (r.kind !== 'curl') return done(out.err('lab: the simulation answered with another kind of result\n'), 1);
  if (!r.ok) {
    const e = curlError(r);
    if (!op.silent || op.showError) out.err(`${e.message}\n`, r.endUs);
    return done(out, e.status);
  }
  let text = r.body;
  if (op.includeHeaders) text = `HTTP/1.1 ${r.status} ${r.statusText}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${r.body}`;
  out.out(text, r.endUs);
  return done(out, 0);
};
