import { parseHttpUrl } from '../../../sim/model/http-url.ts';
import type { CurlResult } from '../../../sim/model/traffic.ts';
import { done, type Command } from '../command.ts';
import { writeFile } from '../fs/files.ts';
import { resolvePath } from '../fs/paths.ts';
import { Output } from '../output.ts';
import { verboseLines } from './curl-verbose.ts';

/** curl 7.29.0 (CentOS 7): GET a URL and print the body; the errors curl prints for each failure. */

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** curl's options as parsed. */
export interface CurlOp {
  readonly url: string;
  readonly silent: boolean;
  readonly showError: boolean;
  readonly includeHeaders: boolean;
  /** -v: curl's notes, the request it sent and the head it read, on stderr. */
  readonly verbose: boolean;
  /** -I: HEAD, and the response's head is what is printed. */
  readonly head: boolean;
  readonly maxTimeSec: number | undefined;
  /** --connect-timeout SECONDS: the limit of the connection phase. */
  readonly connectTimeoutSec: number | undefined;
  /** -o FILE: the body goes to the file. */
  readonly output: string | undefined;
  /** -w FORMAT: printed after the transfer with its %{variables}. */
  readonly writeOut: string | undefined;
}

/** Parses curl's arguments. */
export function parseCurl(args: readonly string[]): CurlOp | { error: string; status: number } {
  let url: string | undefined;
  let silent = false;
  let showError = false;
  let includeHeaders = false;
  let head = false;
  let verbose = false;
  let maxTimeSec: number | undefined;
  let connectTimeoutSec: number | undefined;
  let output: string | undefined;
  let writeOut: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--silent') silent = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--include') includeHeaders = true;
    else if (a === '--head') head = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--output' || a === '--write-out') {
      const v = args[++i];
      if (v === undefined) return { error: `curl: option ${a}: requires parameter\n${TRY}`, status: 2 };
      if (a === '--output') output = v;
      else writeOut = v;
    } else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') {
      const v = args[++i];
      if (v === undefined) return { error: `curl: option ${a}: requires parameter\n${TRY}`, status: 2 };
      // 7.29's str2num: whole seconds only (fractions came with 7.32).
      if (!/^\d+$/.test(v)) return { error: `curl: option ${a}: expected a proper numerical parameter\n${TRY}`, status: 2 };
      if (a === '--connect-timeout') connectTimeoutSec = Number(v);
      else maxTimeSec = Number(v);
    } else if (a.startsWith('--')) return { error: `curl: option ${a}: is unknown\n${TRY}`, status: 2 };
    else if (a.startsWith('-') && a.length > 1) {
      for (const [k, f] of [...a.slice(1)].entries()) {
        if (f === 's') silent = true;
        else if (f === 'S') showError = true;
        else if (f === 'i') includeHeaders = true;
        else if (f === 'I') head = true;
        else if (f === 'v') verbose = true;
        else if (f === 'o' || f === 'w') {
          // The rest of the word, or the next argument, is the option's parameter.
          const rest = a.slice(k + 2);
          const v = rest !== '' ? rest : args[++i];
          if (v === undefined) return { error: `curl: option -${f}: requires parameter\n${TRY}`, status: 2 };
          if (f === 'o') output = v;
          else writeOut = v;
          break;
        } else if (f === 'O' || f === 'L' || f === 'H' || f === 'X' || f === 'd') {
          return { error: `lab: curl -${f} is not simulated (curl here fetches a page with GET or HEAD: -s -S -i -I -v -m --connect-timeout -o -w)\n`, status: 2 };
        } else return { error: `curl: option -${f}: is unknown\n${TRY}`, status: 2 };
      }
    } else url = a;
  }
  if (url === undefined) return { error: `curl: no URL specified!\n${TRY}`, status: 2 };
  return { url, silent, showError, includeHeaders, verbose, head, maxTimeSec, connectTimeoutSec, output, writeOut };
}

/**
 * curl 7.29's --write-out (src/tool_writeout.c): `%{variable}`, `%%`, and the escapes \n \r \t;
 * an unknown variable prints nothing and a warning.
 */
function writeOut(format: string, r: CurlResult, remote: { ip: string; port: number }): { text: string; warnings: string[] } {
  const seconds = ((r.endUs - r.startUs) / 1e6).toFixed(3);
  // A failed transfer still writes out: no response (000), nothing downloaded, the server's
  // address only once connected.
  const values: Readonly<Record<string, string>> = r.ok
    ? {
      http_code: String(r.status).padStart(3, '0'), response_code: String(r.status).padStart(3, '0'), url_effective: r.url,
      remote_ip: remote.ip, remote_port: String(remote.port), local_ip: r.localAddress, local_port: String(r.localPort),
      size_download: String(new TextEncoder().encode(r.body).length),
      size_header: String(new TextEncoder().encode(`HTTP/1.1 ${r.status} ${r.statusText}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`).length),
      time_total: seconds, content_type: r.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '', num_connects: '1', num_redirects: '0',
    }
    : {
      http_code: '000', response_code: '000', url_effective: r.url, remote_ip: r.connected ? remote.ip : '', remote_port: r.connected ? String(remote.port) : '0',
      local_ip: '', local_port: '0', size_download: '0', size_header: '0', time_total: seconds, content_type: '', num_connects: r.connected ? '1' : '0', num_redirects: '0',
    };
  const warnings: string[] = [];
  let text = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '%' && format[i + 1] === '%') {
      text += '%';
      i++;
    } else if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end < 0) {
        text += c;
        continue;
      }
      const name = format.slice(i + 2, end);
      const value = values[name];
      if (value === undefined) warnings.push(`curl: unknown --write-out variable: '${name}'`);
      else text += value;
      i = end;
    } else if (c === '\\' && 'nrt'.includes(format[i + 1] ?? '')) {
      text += format[i + 1] === 'n' ? '\n' : format[i + 1] === 'r' ? '\r' : '\t';
      i++;
    } else {
      text += c;
    }
  }
  return { text, warnings };
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
  const r = io.runtime.traffic({
    kind: 'curl', node: io.node.id, url: op.url, ...(op.maxTimeSec !== undefined ? { maxTimeSec: op.maxTimeSec } : {}),
    ...(op.connectTimeoutSec !== undefined ? { connectTimeoutSec: op.connectTimeoutSec } : {}), ...(op.head ? { head: true } : {}),
  });
  if (r.kind !== 'curl') return done(out.err('lab: the simulation answered with another kind of result\n'), 1);
  const target = parseHttpUrl(op.url);
  const verbose = op.verbose && typeof target !== 'string' ? verboseLines(r, target, op.head) : undefined;
  if (verbose) out.err(verbose.before, r.endUs);
  const remote = typeof target === 'string' ? { ip: '', port: 80 } : { ip: target.host, port: target.port };
  const writeOutput = (): void => {
    if (op.writeOut === undefined) return;
    const w = writeOut(op.writeOut, r, remote);
    for (const warning of w.warnings) out.err(`${warning}\n`, r.endUs);
    out.out(w.text, r.endUs);
  };
  if (!r.ok) {
    const e = curlError(r);
    writeOutput();
    if (!op.silent || op.showError) out.err(`${e.message}\n`, r.endUs);
    return done(out, e.status);
  }
  let text = r.body;
  if (op.includeHeaders || op.head) text = `HTTP/1.1 ${r.status} ${r.statusText}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${r.body}`;
  let doc = io.doc;
  if (op.output === undefined || op.output === '-') {
    out.out(text, r.endUs);
  } else {
    const written = writeFile(io, resolvePath(io.state.cwd, op.output), text, false);
    if (typeof written === 'string') {
      if (!op.silent || op.showError) out.err(`curl: (23) Failed writing body (0 != ${new TextEncoder().encode(text).length})\n`, r.endUs);
      return done(out, 23);
    }
    if (written !== io.node) doc = { ...doc, nodes: doc.nodes.map((n) => (n.id === written.id ? written : n)) };
  }
  if (verbose) out.err(verbose.after, r.endUs);
  writeOutput();
  return done(out, 0, doc === io.doc ? undefined : doc);
};
