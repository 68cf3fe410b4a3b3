/**
 * A TCP socket as /proc/net/tcp and /proc/net/tcp6 list it (what netstat and ss read): its
 * state, addresses, queues and the program that holds it.
 */
export interface TcpSocketView {
  readonly state: 'LISTEN' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT1' | 'FIN_WAIT2' | 'CLOSE_WAIT' | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT';
  /** `inet6` for an IPv6 socket taking IPv4 connections (Apache's `Listen 80`): listed in tcp6 with ::ffff: addresses. */
  readonly family: 'inet' | 'inet6';
  readonly localAddr: string;
  readonly localPort: number;
  /** 0.0.0.0 and port 0 for a listening socket. */
  readonly remoteAddr: string;
  readonly remotePort: number;
  /** Bytes received and not yet read (tx_queue/rx_queue of /proc/net/tcp). */
  readonly recvQ: number;
  /** Bytes sent and not yet acknowledged, or queued. */
  readonly sendQ: number;
  /** A listening socket's accept backlog (sk_max_ack_backlog, what ss shows as its Send-Q); 0 for others. */
  readonly backlog: number;
  /** The program whose process holds the socket; undefined once closed (an orphan, TIME_WAIT). */
  readonly program: string | undefined;
}
