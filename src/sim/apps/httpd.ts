import { doubled } from '../columns.ts';
import { civilFromDays } from '../model/civil-date.ts';
import type { NodeConfig } from '../model/config.ts';
import type { HostModule, LinuxHost } from '../host/host.ts';
import type { TcpCallbacks, TcpSocket } from '../host/tcp/tcp-socket.ts';
import type { HttpAccessEntry } from '../model/traffic.ts';

/** The DocumentRoot file Apache serves for `/`. */
export const INDEX_PATH = '/var/www/html/index.html';
/** Time httpd takes between reading a request and writing the answer. */
const PROCESSING_US = 150;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 7231 date for virtual time (the epoch is the start of the run, 1970-01-01). */
export function httpDate(us: number): string {
  const s = Math.floor(us / 1_000_000);
  const days = Math.floor(s / 86400);
  const rem = s % 86400;
  const { year: y, month: m, day: d } = civilFromDays(days);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[(days + 4) % 7]}, ${two(d)} ${MONTHS[m - 1]} ${y} ${two(Math.floor(rem / 3600))}:${two(Math.floor((rem % 3600) / 60))}:${two(rem % 60)} GMT`;
}

/**
 * Apache httpd as far as the labs need it: listens on all addresses (Listen 80), answers `GET`
 * with the DocumentRoot's index.html (403 and the welcome page when there is none), keeps the
 * connection open (KeepAlive On) and closes when the client does.
 */
export class Httpd implements HostModule {
  private port: number | undefined;
  /** /var/log/httpd/access_log: a line per request answered (`CustomLog logs/access_log combined`). */
  readonly accessLog = new AccessLog();
  private last: { readonly second: number; readonly status: string; readonly body: string; readonly headOnly: boolean; readonly bytes: Uint8Array; readonly bodyBytes: number } | undefined;

  constructor(readonly host: LinuxHost) {}

  configure(config: NodeConfig): void {
    const want = config.services.httpd.running ? config.services.httpd.port : undefined;
    if (want === this.port) return;
    if (this.port !== undefined) this.host.tcp.unlisten(0, this.port);
    this.port = want;
    // Apache's `Listen 80` opens one IPv6 socket on [::]:80 that takes IPv4 connections too, with
    // ListenBacklog 511 (DEFAULT_LISTENBACKLOG), under net.core.somaxconn (4096 since Linux 5.4).
    if (want !== undefined) this.host.tcp.listen({ addr: 0, port: want, accept: () => this.connection(), program: 'httpd', dualStack: true, backlog: 511 });
  }

  private connection(): TcpCallbacks {
    return new HttpConnection(this);
  }

  /** Answers one request read from `sock` at `readUs`. */
  answer(sock: TcpSocket, request: string, readUs: number): void {
    const { method, path, line } = requestLine(request);
    this.host.traceNote(sock.flowId, 'app.httpd.request', () => ({ method, path, node: this.host.id }));
    const index = this.host.config.files[INDEX_PATH];
    let status = '200 OK';
    let body = index ?? '';
    if (method !== 'GET' && method !== 'HEAD') {
      status = '405 Method Not Allowed';
      body = '<html><head><title>405 Method Not Allowed</title></head><body><h1>Method Not Allowed</h1></body></html>\n';
    } else if (path !== '/' && path !== '/index.html') {
      status = '404 Not Found';
      body = `<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL ${path} was not found on this server.</p></body></html>\n`;
    } else if (index === undefined) {
      status = '403 Forbidden';
      body = '<html><head><title>Apache HTTP Server Test Page</title></head><body><h1>Testing 123..</h1></body></html>\n';
    }
    const headOnly = method === 'HEAD';
    const response = this.response(status, body, headOnly);
    sock.send(response.bytes);
    this.accessLog.add(readUs, sock.remoteAddr, request, line, Number(status.slice(0, 3)), headOnly ? 0 : response.bodyBytes);
  }

  /**
   * The bytes of a response. The last one is kept: the same page in the same second gives the
   * same bytes (payloads are never modified once sent, so they can be shared).
   */
  private response(status: string, body: string, headOnly: boolean): { readonly bytes: Uint8Array; readonly bodyBytes: number } {
    const second = Math.floor(this.host.now / 1_000_000);
    const last = this.last;
    if (last && last.second === second && last.status === status && last.body === body && last.headOnly === headOnly) return last;
    const bytes = encoder.encode(body);
    const head = [
      `HTTP/1.1 ${status}`,
      `Date: ${httpDate(this.host.now)}`,
      'Server: Apache/2.4.6 (CentOS)',
      `Content-Length: ${bytes.length}`,
      'Content-Type: text/html; charset=UTF-8',
      '', '',
    ].join('\r\n');
    const headBytes = encoder.encode(head);
    const out = new Uint8Array(headBytes.length + (headOnly ? 0 : bytes.length));
    out.set(headBytes, 0);
    if (!headOnly) out.set(bytes, headBytes.length);
    this.last = { second, status, body, headOnly, bytes: out, bodyBytes: bytes.length };
    return this.last;
  }
}

/**
 * The method and path of a request's first line (`/` when the line has no second word), and the
 * line. The path is the URL without its query string (Apache's r->uri), which selects the file.
 */
function requestLine(request: string): { method: string; path: string; line: string } {
  const line = firstLine(request);
  const sp = line.indexOf(' ');
  if (sp < 0) return { method: line, path: '/', line };
  const end = line.indexOf(' ', sp + 1);
  const target = end < 0 ? line.slice(sp + 1) : line.slice(sp + 1, end);
  const query = target.indexOf('?');
  return { method: line.slice(0, sp), path: query < 0 ? target : target.slice(0, query), line };
}

/** The request's first line. */
function firstLine(request: string): string {
  const eol = request.indexOf('\r\n');
  return eol < 0 ? request : request.slice(0, eol);
}

/** The value of a request header (names compare without case), or undefined. */
function headerValue(request: string, name: string): string | undefined {
  for (const line of request.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/**
 * The access log, kept as columns: a busy lab logs hundreds of thousands of requests, and a line
 * apiece as an object would be that many objects for the garbage collector to walk. Requests with
 * the same head share their request line and User-Agent.
 */
export class AccessLog {
  private times = new Float64Array(64);
  private clients = new Int32Array(64);
  private statuses = new Uint16Array(64);
  private bodies = new Float64Array(64);
  private heads = new Uint32Array(64);
  private readonly distinct: { readonly requestLine: string; readonly userAgent: string }[] = [];
  private readonly headIndex = new Map<string, number>();
  private count = 0;

  add(timeUs: number, clientAddr: number, request: string, requestLine: string, status: number, bodyBytes: number): void {
    let head = this.headIndex.get(request);
    if (head === undefined) {
      head = this.distinct.length;
      this.distinct.push({ requestLine, userAgent: headerValue(request, 'user-agent') ?? '-' });
      this.headIndex.set(request, head);
    }
    if (this.count === this.times.length) this.grow();
    const i = this.count++;
    this.times[i] = timeUs;
    this.clients[i] = clientAddr | 0;
    this.statuses[i] = status;
    this.bodies[i] = bodyBytes;
    this.heads[i] = head;
  }

  /** The lines, oldest first. */
  entries(): HttpAccessEntry[] {
    const out: HttpAccessEntry[] = [];
    for (let i = 0; i < this.count; i++) {
      const head = this.distinct[this.heads[i]!]!;
      out.push({
        timeUs: this.times[i]!, clientAddr: this.clients[i]! >>> 0, requestLine: head.requestLine, status: this.statuses[i]!,
        bodyBytes: this.bodies[i]!, userAgent: head.userAgent,
      });
    }
    return out;
  }

  /** Doubles the columns. */
  private grow(): void {
    this.times = doubled(this.times);
    this.clients = doubled(this.clients);
    this.statuses = doubled(this.statuses);
    this.bodies = doubled(this.bodies);
    this.heads = doubled(this.heads);
  }
}

/** One client connection: reads requests up to their blank line and answers each (KeepAlive). */
class HttpConnection implements TcpCallbacks {
  private buffer = '';

  constructor(private readonly httpd: Httpd) {}

  onData(sock: TcpSocket, data: Uint8Array): void {
    this.buffer += decoder.decode(data);
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const request = this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end + 4);
    const readUs = this.httpd.host.now;
    this.httpd.host.engine.schedule(PROCESSING_US, () => this.httpd.answer(sock, request, readUs));
  }

  onPeerClosed(sock: TcpSocket): void {
    sock.close();
  }
}
