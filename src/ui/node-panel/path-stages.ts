import type { TraceRecord } from '../../sim/model/trace.ts';

/** The boxes of the path diagram: where a packet can be inside a Linux host. */
export type PathStage =
  | 'ingress' | 'PREROUTING' | 'routing' | 'INPUT' | 'IPVS' | 'local' | 'OUTPUT' | 'FORWARD' | 'POSTROUTING' | 'neigh' | 'egress';

export const PATH_STAGES: readonly PathStage[] = ['ingress', 'PREROUTING', 'routing', 'INPUT', 'IPVS', 'local', 'OUTPUT', 'FORWARD', 'POSTROUTING', 'neigh', 'egress'];

/** The box a record belongs to, or undefined for records the diagram does not place. */
export function stageOf(r: TraceRecord): PathStage | undefined {
  switch (r.step) {
    case 'ingress':
      return 'ingress';
    case 'egress':
      return 'egress';
    case 'hook':
      return r.hook;
    case 'route':
      // ip_forward() runs after the input routing decision chose to forward (ip.forward).
      if (r.explain.key === 'ip.forward') return 'FORWARD';
      // Output routing of locally generated packets happens before LOCAL_OUT.
      return r.explain.key.startsWith('route.output') ? 'OUTPUT' : 'routing';
    case 'ipvs':
      // ip_vs_out_hook sees replies passing through in FORWARD (priority 100); its records say so.
      return r.hook === 'FORWARD' ? 'FORWARD' : 'IPVS';
    case 'tunnel':
      // Encapsulation is IPVS's transmit; decapsulation is the ipip handler of local delivery.
      return r.explain.key === 'tunnel.encap' ? 'IPVS' : 'local';
    case 'deliver':
    case 'app':
    case 'icmp':
      return 'local';
    case 'arp':
    case 'neigh':
      return 'neigh';
    case 'nat':
    case 'filter':
      return r.hook;
    case 'drop':
      return undefined;
  }
}

/** Where one packet has been inside a node, up to the playback position. */
export interface PathPosition {
  readonly packetId: number;
  /** Boxes visited, in order (a decapsulated packet passes PREROUTING twice). */
  readonly visited: readonly PathStage[];
  readonly current: PathStage | undefined;
  /** The packet was dropped here, at `current`. */
  readonly dropped: boolean;
  /** Interfaces it came in on and left by. */
  readonly inIface: string | undefined;
  readonly outIface: string | undefined;
}

/**
 * The path of packet `packetId` through `node`, from its records before `limit`. A drop marks
 * the box of the step before it.
 */
export function pathPosition(records: readonly TraceRecord[], node: string, packetId: number, limit: number): PathPosition | undefined {
  const visited: PathStage[] = [];
  let dropped = false;
  let inIface: string | undefined;
  let outIface: string | undefined;
  const end = Math.min(limit, records.length);
  for (let i = 0; i < end; i++) {
    const r = records[i]!;
    if (r.node !== node || r.packetId !== packetId) continue;
    if (r.step === 'drop') {
      dropped = true;
      continue;
    }
    const stage = stageOf(r);
    if (stage === undefined) continue;
    if (stage === 'ingress') inIface = r.iface;
    if (stage === 'egress') outIface = r.iface;
    if (visited[visited.length - 1] !== stage) visited.push(stage);
  }
  if (visited.length === 0 && !dropped) return undefined;
  return { packetId, visited, current: visited[visited.length - 1], dropped, inIface, outIface };
}

/** The last packet (by its latest record before `limit`) that passed through `node`. */
export function lastPacketAt(records: readonly TraceRecord[], node: string, limit: number): number | undefined {
  for (let i = Math.min(limit, records.length) - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.node === node && r.packetId !== undefined) return r.packetId;
  }
  return undefined;
}
