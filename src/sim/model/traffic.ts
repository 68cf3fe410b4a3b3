/** What traffic actions produced, for the shell's output and the UI. All times are virtual µs. */

export type SocketError = 'ECONNREFUSED' | 'ETIMEDOUT' | 'ECONNRESET' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'EPROTO';

export type CurlResult =
  | {
    readonly kind: 'curl'; readonly ok: true; readonly url: string; readonly status: number; readonly statusText: string;
    readonly headers: readonly (readonly [string, string])[]; readonly body: string;
    readonly localAddress: string; readonly localPort: number; readonly startUs: number; readonly endUs: number;
  }
  | {
    readonly kind: 'curl'; readonly ok: false; readonly url: string;
    /** A socket error, `resolve` for a host name, `timeout` for --max-time, `parse` for a bad response. */
    readonly error: SocketError | 'resolve' | 'timeout' | 'parse' | 'url';
    readonly host: string; readonly port: number; readonly startUs: number; readonly endUs: number;
    /** Whether the TCP connection was established before the failure (curl words timeouts differently). */
    readonly connected?: boolean;
    /** Body bytes received, and the Content-Length announced (-1 when unknown), at the failure. */
    readonly receivedBytes?: number;
    readonly expectedBytes?: number;
  };

export type PingEvent =
  | { readonly kind: 'reply'; readonly seq: number; readonly from: string; readonly ttl: number; readonly bytes: number; readonly rttUs: number; readonly timeUs: number }
  | { readonly kind: 'error'; readonly seq: number; readonly from: string; readonly message: 'Destination Host Unreachable' | 'Destination Net Unreachable' | 'Destination Port Unreachable' | 'Destination Protocol Unreachable' | 'Time to live exceeded' | `Frag needed and DF set (mtu = ${number})` | 'Redirect Host'; readonly timeUs: number }
  /** The send itself failed: with DF forced (`-M do`) the request is longer than the route's MTU (EMSGSIZE). */
  | { readonly kind: 'local-error'; readonly seq: number; readonly mtu: number; readonly timeUs: number };

export interface PingResult {
  readonly kind: 'ping';
  readonly destination: string;
  readonly source: string;
  readonly payloadBytes: number;
  readonly transmitted: number;
  readonly events: readonly PingEvent[];
  readonly startUs: number;
  readonly endUs: number;
  /** Set when ping could not start (`connect: Network is unreachable`). */
  readonly error?: 'ENETUNREACH' | 'EINVAL';
}

export interface ArpingReply {
  readonly ip: string;
  readonly mac: string;
  readonly rttUs: number;
  readonly timeUs: number;
  readonly broadcast: boolean;
}

export interface ArpingResult {
  readonly kind: 'arping';
  readonly target: string;
  readonly iface: string;
  readonly source: string;
  readonly sent: number;
  /** Probes sent to the broadcast address (the rest went unicast to the last replier). */
  readonly broadcasts: number;
  readonly replies: readonly ArpingReply[];
  readonly startUs: number;
  readonly endUs: number;
  readonly error?: 'no-device' | 'no-source';
}

export type TrafficResult = CurlResult | PingResult | ArpingResult;

/** One line of httpd's access log (the `combined` format CentOS 7's httpd.conf logs with). */
export interface HttpAccessEntry {
  /** When the request was read (%t). */
  readonly timeUs: number;
  /** The client's address as the socket sees it (%h). */
  readonly clientAddr: number;
  /** The request's first line (%r). */
  readonly requestLine: string;
  /** The status sent (%>s). */
  readonly status: number;
  /** Body bytes sent (%b; `-` when none). */
  readonly bodyBytes: number;
  /** The User-Agent header, or `-`. */
  readonly userAgent: string;
}
