import { formatIpv4Address, parseIpv4Address } from '../../wire/ipv4-address.ts';
import type { EventId } from '../engine.ts';
import type { LinuxHost } from '../host/host.ts';
import type { TcpCallbacks, TcpError, TcpSocket } from '../host/tcp/tcp-socket.ts';
import { parseHttpUrl } from '../model/http-url.ts';
import type { CurlResult } from '../model/traffic.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NOTHING = new Uint8Array(0);


/** A parsed status line and header fields, and where the body starts. */
interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly (readonly [string, string])[];
  /** Bytes up to and including the blank line. */
  readonly headBytes: number;
  readonly contentLength: number | undefined;
}

// eslint-disable-next-line no-control-regex -- the test is for bytes above 0x7f
const NON_ASCII = /[^\x00-\x7f]/;

/** The index of the first CR LF CR LF in `bytes`, or −1. */
function blankLineAt(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(13); i >= 0 && i + 3 < bytes.length; i = bytes.indexOf(13, i + 1)) {
    if (bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) return i;
  }
  return -1;
}

/**
 * The head of an HTTP response read so far: the text up to the first blank line, decoded as
 * UTF-8. An ASCII head is found in the bytes directly (the usual case); otherwise the whole
 * buffer is decoded and the head's length in bytes is its text encoded again.
 */
function parseResponseHead(received: Uint8Array): ResponseHead | 'incomplete' | 'malformed' {
  let headText: string;
  let headBytes: number;
  const blank = blankLineAt(received);
  const asciiHead = blank >= 0 ? decoder.decode(received.subarray(0, blank)) : undefined;
  // Decoding yields only ASCII characters exactly when the bytes are ASCII (anything else
  // decodes to a non-ASCII character or U+FFFD); then characters and bytes line up.
  if (asciiHead !== undefined && !NON_ASCII.test(asciiHead)) {
    headText = asciiHead;
    headBytes = blank + 4;
  } else {
    const text = decoder.decode(received);
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return 'incomplete';
    headText = text.slice(0, end);
    headBytes = encoder.encode(text.slice(0, end + 4)).length;
  }
  const lines = headText.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(lines[0] ?? '');
  if (!status) return 'malformed';
  const headers = lines.slice(1).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i), l.slice(i + 1).trim()] as const;
  });
  const lengthHeader = headers.find(([k]) => k.toLowerCase() === 'content-length');
  return {
    status: Number(status[1]), statusText: status[2] ?? '', headers, headBytes,
    contentLength: lengthHeader ? Number(lengthHeader[1]) : undefined,
  };
}

/**
 * Responses read lately, by their buffer: a server sends the same bytes for the same page for a
 * second at a time, and a response that came in one segment is that very buffer (payloads are
 * never modified once sent). The memo never changes what is parsed or decoded.
 */
const recentResponses = new WeakMap<Uint8Array, { head: ResponseHead | 'incomplete' | 'malformed'; bodyFrom: number; bodyLength: number | undefined; body: string }>();

/** `parseResponseHead`, through the memo of response buffers. */
function headOf(received: Uint8Array): ResponseHead | 'incomplete' | 'malformed' {
  const seen = recentResponses.get(received);
  if (seen !== undefined) return seen.head;
  const head = parseResponseHead(received);
  recentResponses.set(received, { head, bodyFrom: -1, bodyLength: undefined, body: '' });
  return head;
}

/** The body text: `length` bytes from `from` (all the rest when undefined), decoded once per buffer. */
function bodyOf(received: Uint8Array, from: number, length: number | undefined): string {
  const seen = recentResponses.get(received);
  if (seen !== undefined && seen.bodyFrom === from && seen.bodyLength === length) return seen.body;
  const bodyBytes = received.subarray(from);
  const body = decoder.decode(length !== undefined ? bodyBytes.subarray(0, length) : bodyBytes);
  if (seen !== undefined) {
    seen.bodyFrom = from;
    seen.bodyLength = length;
    seen.body = body;
  }
  return body;
}

/**
 * curl (7.29, as on the seeds' CentOS 7) fetching one URL: connect, `GET` with curl's headers,
 * read the response to its Content-Length, close. Reports once, through `done`.
 */
export function runCurl(host: LinuxHost, url: string, flowId: number, opts: CurlOptions, done: (r: CurlResult) => void): void {
  const start = host.now;
  const request = requestFor(url, opts.head ? 'HEAD' : 'GET');
  if (typeof request === 'string') {
    done({ kind: 'curl', ok: false, url, error: request, host: url, port: 80, startUs: start, endUs: start });
    return;
  }
  const { target } = request;
  const transfer = new CurlTransfer(host, url, request, flowId, start, done);
  const sock = host.tcp.connect(request.daddr, target.port, 0, flowId, transfer);
  if (typeof sock === 'string') {
    transfer.fail(sock);
    return;
  }
  sock.program = 'curl';
  if (opts.maxTimeUs !== undefined) transfer.limit(sock, opts.maxTimeUs);
  if (opts.connectTimeoutUs !== undefined) transfer.limitConnect(sock, opts.connectTimeoutUs);
}

/** curl's time limits (µs, none when undefined) and `-I`. */
export interface CurlOptions {
  readonly maxTimeUs?: number | undefined;
  readonly connectTimeoutUs?: number | undefined;
  readonly head?: boolean;
}

/** What curl sends for a URL: the parsed target, its address, and the request's bytes. */
interface CurlRequest {
  readonly target: { host: string; port: number; path: string };
  readonly daddr: number;
  readonly bytes: Uint8Array;
  /** curl -I: a HEAD request, whose response has no body whatever its Content-Length says (RFC 7230 3.3.3). */
  readonly head: boolean;
}

/**
 * Requests made lately, by URL: a URL always parses to the same target and request (results
 * share them; payloads are never modified once sent). Bounded.
 */
const recentRequests = new Map<string, CurlRequest>();
const RECENT_REQUESTS = 64;

/** The request for `url`, or the error kind of a URL curl cannot fetch. */
function requestFor(url: string, method: 'GET' | 'HEAD'): CurlRequest | 'url' | 'resolve' {
  const key = method === 'GET' ? url : `${method} ${url}`;
  const seen = recentRequests.get(key);
  if (seen !== undefined) return seen;
  const target = parseHttpUrl(url);
  if (typeof target === 'string') return target;
  const bytes = encoder.encode(`${method} ${target.path} HTTP/1.1\r\nUser-Agent: curl/7.29.0\r\nHost: ${target.host}${target.port !== 80 ? `:${target.port}` : ''}\r\nAccept: */*\r\n\r\n`);
  const request = { target, daddr: parseIpv4Address(target.host)!, bytes, head: method === 'HEAD' };
  if (recentRequests.size >= RECENT_REQUESTS) recentRequests.clear();
  recentRequests.set(key, request);
  return request;
}

/** One transfer: the socket's callbacks, what arrived so far, and the result once known. */
class CurlTransfer implements TcpCallbacks {
  private finished = false;
  private timer: EventId | undefined;
  private connectTimer: EventId | undefined;
  private connected = false;
  private received: Uint8Array = NOTHING;
  /** The response head once it has arrived whole (it cannot change after that). */
  private head: ResponseHead | undefined;

  constructor(
    private readonly host: LinuxHost,
    private readonly url: string,
    private readonly request: CurlRequest,
    private readonly flowId: number,
    private readonly start: number,
    private readonly done: (r: CurlResult) => void,
  ) {}

  /** --max-time. */
  limit(sock: TcpSocket, maxTimeUs: number): void {
    this.timer = this.host.engine.schedule(maxTimeUs, () => this.timeOut(sock));
  }

  /**
   * --connect-timeout: Curl_timeleft while connecting is the nearer of the two limits, so a
   * timer that ends once the connection is made does the same.
   */
  limitConnect(sock: TcpSocket, connectTimeoutUs: number): void {
    this.connectTimer = this.host.engine.schedule(connectTimeoutUs, () => this.timeOut(sock));
  }

  private timeOut(sock: TcpSocket): void {
    // Report the timeout first: the abort below closes the socket, which must not count as a reset.
    this.fail('timeout');
    sock.abort();
  }

  onConnected(s: TcpSocket): void {
    const { host, request } = this;
    const { target } = request;
    this.connected = true;
    host.engine.cancel(this.connectTimer);
    host.traceNote(this.flowId, 'app.curl.connect', () => ({ host: target.host, port: target.port, node: host.id }));
    s.send(request.bytes);
  }

  onData(s: TcpSocket, data: Uint8Array): void {
    if (this.received.length === 0) {
      // Payloads are never modified once sent, so the first one can be kept as it is.
      this.received = data;
    } else {
      const next = new Uint8Array(this.received.length + data.length);
      next.set(this.received, 0);
      next.set(data, this.received.length);
      this.received = next;
    }
    this.tryComplete(s, false);
  }

  onPeerClosed(s: TcpSocket): void {
    this.tryComplete(s, true);
  }

  onClosed(_s: TcpSocket, error: TcpError | undefined): void {
    if (error) this.fail(error);
    else if (!this.finished) this.fail('ECONNRESET');
  }

  fail(error: Extract<CurlResult, { ok: false }>['error']): void {
    const { target } = this.request;
    this.finish({ kind: 'curl', ok: false, url: this.url, error, host: target.host, port: target.port, startUs: this.start, endUs: this.host.now, connected: this.connected, ...this.progress() });
  }

  private finish(r: CurlResult): void {
    if (this.finished) return;
    const host = this.host;
    this.finished = true;
    host.engine.cancel(this.timer);
    host.engine.cancel(this.connectTimer);
    host.traceNote(this.flowId, r.ok ? 'app.curl.done' : 'app.curl.error', (): Record<string, string | number> => (r.ok ? { status: r.status, body: r.body.slice(0, 80), node: host.id } : { error: r.error, node: host.id }));
    this.done(r);
  }

  /** Body bytes received and the announced length, for a failure report. */
  private progress(): { receivedBytes: number; expectedBytes: number } {
    const received = this.received;
    const text = decoder.decode(received);
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return { receivedBytes: 0, expectedBytes: -1 };
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end));
    return { receivedBytes: received.length - encoder.encode(text.slice(0, end + 4)).length, expectedBytes: length ? Number(length[1]) : -1 };
  }

  private tryComplete(sock: TcpSocket, eof: boolean): void {
    const h = this.head ?? headOf(this.received);
    if (h === 'incomplete') {
      if (eof) this.fail('parse');
      return;
    }
    if (h === 'malformed') {
      this.fail('parse');
      return;
    }
    this.head = h;
    const bodyBytes = this.received.subarray(h.headBytes);
    const length = this.request.head ? 0 : h.contentLength;
    if (length !== undefined ? bodyBytes.length < length : !eof) return;
    const body = bodyOf(this.received, h.headBytes, length);
    sock.close();
    this.finish({
      kind: 'curl', ok: true, url: this.url, status: h.status, statusText: h.statusText, headers: h.headers, body,
      localAddress: formatIpv4Address(sock.localAddr), localPort: sock.localPort, startUs: this.start, endUs: this.host.now,
    });
  }
}
