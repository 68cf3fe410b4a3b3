import { civilFromDays } from '../model/civil-date.ts';
import type { NodeConfig } from '../model/config.ts';
import type { HostModule, LinuxHost } from '../host/host.ts';
import type { TcpCallbacks, TcpSocket } from '../host/tcp/tcp-socket.ts';

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
  private last: { readonly second: number; readonly status: string; readonly body: string; readonly headOnly: boolean; readonly bytes: Uint8Array } | undefined;

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

  /** Answers one request read from `sock`. */
  answer(sock: TcpSocket, request: string): void {
    const { method, path } = requestLine(request);
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
    sock.send(this.response(status, body, method === 'HEAD'));
  }

  /**
   * The bytes of a response. The last one is kept: the same page in the same second gives the
   * same bytes (payloads are never modified once sent, so they can be shared).
   */
  private response(status: string, body: string, headOnly: boolean): Uint8Array {
    const second = Math.floor(this.host.now / 1_000_000);
    const last = this.last;
    if (last && last.second === second && last.status === status && last.body === body && last.headOnly === headOnly) return last.bytes;
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
    this.last = { second, status, body, headOnly, bytes: out };
    return out;
  }
}

/**
 * The method and path of a request's first line (`/` when the line has no second word). The
 * path is the URL without its query string (Apache's r->uri), which is what selects the file.
 */
function requestLine(request: string): { method: string; path: string } {
  const eol = request.indexOf('\r\n');
  const line = eol < 0 ? request : request.slice(0, eol);
  const sp = line.indexOf(' ');
  if (sp < 0) return { method: line, path: '/' };
  const end = line.indexOf(' ', sp + 1);
  const target = end < 0 ? line.slice(sp + 1) : line.slice(sp + 1, end);
  const query = target.indexOf('?');
  return { method: line.slice(0, sp), path: query < 0 ? target : target.slice(0, query) };
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
    this.httpd.host.engine.schedule(PROCESSING_US, () => this.httpd.answer(sock, request));
  }

  onPeerClosed(sock: TcpSocket): void {
    sock.close();
  }
}
