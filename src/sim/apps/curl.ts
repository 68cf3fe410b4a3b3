import { formatIpv4Address, parseIpv4Address } from '../../wire/ipv4-address.ts';
import type { EventId } from '../engine.ts';
import type { LinuxHost } from '../host/host.ts';
import type { TcpSocket } from '../host/tcp/tcp-socket.ts';
import type { CurlResult } from '../model/traffic.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `http://host[:port][/path]` with a numeric host, or an error kind. */
export function parseHttpUrl(url: string): { host: string; port: number; path: string } | 'url' | 'resolve' {
  const m = /^(?:http:\/\/)?([^/:?#\s]+)(?::(\d{1,5}))?(\/[^\s#]*)?$/i.exec(url.trim());
  if (!m) return 'url';
  const port = m[2] !== undefined ? Number(m[2]) : 80;
  if (port < 1 || port > 65535) return 'url';
  if (parseIpv4Address(m[1]!) === null) return 'resolve';
  return { host: m[1]!, port, path: m[3] ?? '/' };
}

/**
 * curl (7.29, as on the seeds' CentOS 7) fetching one URL: connect, `GET` with curl's headers,
 * read the response to its Content-Length, close. Reports once, through `done`.
 */
export function runCurl(host: LinuxHost, url: string, flowId: number, maxTimeUs: number | undefined, done: (r: CurlResult) => void): void {
  const start = host.now;
  const target = parseHttpUrl(url);
  if (typeof target === 'string') {
    done({ kind: 'curl', ok: false, url, error: target, host: url, port: 80, startUs: start, endUs: start });
    return;
  }
  const dst = parseIpv4Address(target.host)!;
  let finished = false;
  let timer: EventId | undefined;
  const finish = (r: CurlResult): void => {
    if (finished) return;
    finished = true;
    host.engine.cancel(timer);
    host.traceNote(flowId, r.ok ? 'app.curl.done' : 'app.curl.error', r.ok ? { status: r.status, body: r.body.slice(0, 80), node: host.id } : { error: r.error, node: host.id });
    done(r);
  };
  let connected = false;
  let received = new Uint8Array(0);
  const progress = (): { receivedBytes: number; expectedBytes: number } => {
    const text = decoder.decode(received);
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return { receivedBytes: 0, expectedBytes: -1 };
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end));
    return { receivedBytes: received.length - encoder.encode(text.slice(0, end + 4)).length, expectedBytes: length ? Number(length[1]) : -1 };
  };
  const fail = (error: Extract<CurlResult, { ok: false }>['error']): void =>
    finish({ kind: 'curl', ok: false, url, error, host: target.host, port: target.port, startUs: start, endUs: host.now, connected, ...progress() });
  const tryComplete = (sock: TcpSocket, eof: boolean): void => {
    const text = decoder.decode(received);
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) {
      if (eof) fail('parse');
      return;
    }
    const lines = text.slice(0, end).split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
    if (!status) {
      fail('parse');
      return;
    }
    const headers = lines.slice(1).map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i), l.slice(i + 1).trim()] as const;
    });
    const lengthHeader = headers.find(([k]) => k.toLowerCase() === 'content-length');
    const headBytes = encoder.encode(text.slice(0, end + 4)).length;
    const bodyBytes = received.subarray(headBytes);
    const length = lengthHeader ? Number(lengthHeader[1]) : undefined;
    if (length !== undefined ? bodyBytes.length < length : !eof) return;
    const body = decoder.decode(length !== undefined ? bodyBytes.subarray(0, length) : bodyBytes);
    sock.close();
    finish({
      kind: 'curl', ok: true, url, status: Number(status[1]), statusText: status[2] ?? '', headers, body,
      localAddress: formatIpv4Address(sock.localAddr), localPort: sock.localPort, startUs: start, endUs: host.now,
    });
  };
  const sock = host.tcp.connect(dst, target.port, 0, flowId, {
    onConnected: (s) => {
      connected = true;
      host.traceNote(flowId, 'app.curl.connect', { host: target.host, port: target.port, node: host.id });
      s.send(encoder.encode(`GET ${target.path} HTTP/1.1\r\nUser-Agent: curl/7.29.0\r\nHost: ${target.host}${target.port !== 80 ? `:${target.port}` : ''}\r\nAccept: */*\r\n\r\n`));
    },
    onData: (s, data) => {
      const next = new Uint8Array(received.length + data.length);
      next.set(received, 0);
      next.set(data, received.length);
      received = next;
      tryComplete(s, false);
    },
    onPeerClosed: (s) => tryComplete(s, true),
    onClosed: (_s, error) => {
      if (error) fail(error);
      else if (!finished) fail('ECONNRESET');
    },
  });
  if (typeof sock === 'string') {
    fail(sock);
    return;
  }
  if (maxTimeUs !== undefined) {
    timer = host.engine.schedule(maxTimeUs, () => {
      // Report the timeout first: the abort below closes the socket, which must not count as a reset.
      fail('timeout');
      sock.abort();
    });
  }
}
