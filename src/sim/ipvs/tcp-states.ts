import { TcpFlag } from '../../wire/tcp.ts';

/** IPVS TCP connection states (ip_vs_proto_tcp.c IP_VS_TCP_S_*), in kernel order. */
export const TCP_STATE_NAMES = [
  'NONE', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'SYNACK',
] as const;

export type IpvsTcpState = (typeof TCP_STATE_NAMES)[number];

const [NO, ES, SS, SR, FW, TW, CL, CW, LA, LI, SA] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Default timeouts in seconds (tcp_timeouts, ip_vs_proto_tcp.c:330). */
export const TCP_TIMEOUTS_SEC: readonly number[] = [2, 900, 120, 60, 120, 120, 10, 60, 30, 120, 120];

/**
 * tcp_states (ip_vs_proto_tcp.c:404): next state by table (INPUT, OUTPUT, INPUT_ONLY), event
 * (syn, fin, ack, rst) and current state (columns NONE ES SS SR FW TW CL CW LA LI SA).
 */
const TABLES: readonly (readonly (readonly number[])[])[] = [
  // INPUT
  [
    [SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR],
    [CL, CW, SS, TW, TW, TW, CL, CW, LA, LI, TW],
    [ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES],
    [CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, SR],
  ],
  // OUTPUT
  [
    [SS, ES, SS, SR, SS, SS, SS, SS, SS, LI, SR],
    [TW, FW, SS, TW, FW, TW, CL, TW, LA, LI, TW],
    [ES, ES, SS, ES, FW, TW, CL, CW, LA, ES, ES],
    [CL, CL, SS, CL, CL, TW, CL, CL, CL, CL, CL],
  ],
  // INPUT_ONLY
  [
    [SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SR],
    [CL, FW, SS, TW, FW, TW, CL, CW, LA, LI, TW],
    [ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES],
    [CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL],
  ],
];

/**
 * tcp_states_dos (ip_vs_proto_tcp.c), used while secure_tcp is in effect (tcp_timeout_change):
 * a SYN or a bare ACK from the client no longer makes a half-open entry look established, and a
 * SYN+ACK from the server leads to SYNACK instead of SYN_RECV.
 */
const DOS_TABLES: readonly (readonly (readonly number[])[])[] = [
  // INPUT
  [
    [SR, ES, ES, SR, SR, SR, SR, SR, SR, SR, SA],
    [CL, CW, SS, TW, TW, TW, CL, CW, LA, LI, SA],
    [ES, ES, SS, SR, FW, TW, CL, CW, CL, LI, SA],
    [CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL],
  ],
  // OUTPUT
  [
    [SS, ES, SS, SA, SS, SS, SS, SS, SS, LI, SA],
    [TW, FW, SS, TW, FW, TW, CL, TW, LA, LI, TW],
    [ES, ES, SS, ES, FW, TW, CL, CW, LA, ES, ES],
    [CL, CL, SS, CL, CL, TW, CL, CL, CL, CL, CL],
  ],
  // INPUT_ONLY
  [
    [SA, ES, ES, SR, SA, SA, SA, SA, SA, SA, SA],
    [CL, FW, SS, TW, FW, TW, CL, CW, LA, LI, TW],
    [ES, ES, SS, ES, FW, TW, CL, CW, CL, LI, ES],
    [CL, CL, CL, SR, CL, CL, CL, CL, LA, LI, CL],
  ],
];

export type StateTable = 'INPUT' | 'OUTPUT' | 'INPUT_ONLY';
const TABLE_INDEX: Record<StateTable, number> = { INPUT: 0, OUTPUT: 1, INPUT_ONLY: 2 };

/** tcp_state_idx: rst > syn > fin > ack; -1 when none is set. */
export function tcpStateIndex(flags: number): number {
  if (flags & TcpFlag.Rst) return 3;
  if (flags & TcpFlag.Syn) return 0;
  if (flags & TcpFlag.Fin) return 1;
  if (flags & TcpFlag.Ack) return 2;
  return -1;
}

/** The next state after a segment with `flags` (from tcp_states_dos when `dos`), or CLOSE when the segment has no state flag. */
export function nextTcpState(table: StateTable, flags: number, state: number, dos = false): number {
  const idx = tcpStateIndex(flags);
  if (idx < 0) return CL;
  return (dos ? DOS_TABLES : TABLES)[TABLE_INDEX[table]]![idx]![state]!;
}

/** tcp_state_active_table: states counted in ActiveConn (SYN_SENT/SYN_RECV/SYNACK since 4.8). */
export function isActiveTcpState(state: number): boolean {
  return state === ES || state === SS || state === SR || state === SA;
}

export const IPVS_TCP = { NONE: NO, ESTABLISHED: ES, SYN_SENT: SS, SYN_RECV: SR, FIN_WAIT: FW, TIME_WAIT: TW, CLOSE: CL, CLOSE_WAIT: CW, LAST_ACK: LA, LISTEN: LI, SYNACK: SA } as const;

/** UDP's single state and its timeout (ip_vs_proto_udp.c). */
export const UDP_TIMEOUT_SEC = 300;
