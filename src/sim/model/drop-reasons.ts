/**
 * Why a packet was dropped: the kernel's skb drop reasons (include/net/dropreason-core.h,
 * SKB_DROP_REASON_* without the prefix), plus the few places the lab drops outside the kernel
 * (a cable missing, a switch filtering a frame).
 */
export const DROP_REASONS = [
  'NOT_SPECIFIED', 'NO_SOCKET', 'OTHERHOST', 'NETFILTER_DROP', 'IP_INHDR', 'IP_RPFILTER', 'IP_NOPROTO',
  'IP_INADDRERRORS', 'IP_INNOROUTES', 'IP_OUTNOROUTES', 'IP_INVALID_SOURCE', 'IP_LOCAL_SOURCE', 'IP_INVALID_DEST',
  'PKT_TOO_BIG', 'DEV_READY', 'NEIGH_FAILED', 'NEIGH_QUEUEFULL', 'NEIGH_DEAD', 'IPVS',
  'DUP_FRAG', 'FRAG_REASM_TIMEOUT', 'NO_CARRIER', 'SWITCH_FILTER',
] as const;

export type DropReason = (typeof DROP_REASONS)[number];
