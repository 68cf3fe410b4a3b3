import { formatIpv4Address, type Ipv4Address } from '../../wire/ipv4-address.ts';
import type { RouteDecision } from '../host/route.ts';
import type { ForwardingMethod } from '../model/config.ts';
import type { IpvsDestSnapshot } from '../model/snapshot.ts';
import { ipVsDestInactConns } from './schedulers/overhead.ts';
import type { SchedDest } from './schedulers/types.ts';
import { Estimator, newStats, type MutableStats } from './stats.ts';

/** A real server of a virtual service (struct ip_vs_dest). */
export class IpvsDest implements SchedDest {
  weight: number;
  lastWeight: number;
  activeConns = 0;
  totalConns = 0;
  persistConns = 0;
  overloaded = false;
  /** IP_VS_DEST_F_AVAILABLE: cleared when the server is deleted (it waits in the trash). */
  available = true;
  forwardingMethod: ForwardingMethod;
  upperThreshold: number;
  lowerThreshold: number;
  readonly stats: MutableStats = newStats();
  readonly estimator = new Estimator();
  /** dest->dest_dst: the route to the server last used, and its copy with the server as next hop (DR). */
  destDst: { readonly rt: RouteDecision; readonly knownNh: RouteDecision } | undefined;

  constructor(readonly address: Ipv4Address, readonly port: number, method: ForwardingMethod, weight: number, upper: number, lower: number) {
    this.forwardingMethod = method;
    this.weight = weight;
    this.lastWeight = weight;
    this.upperThreshold = upper;
    this.lowerThreshold = lower;
  }

  /** ip_vs_dest_totalconns in the overload checks. */
  get inactConns(): number {
    return ipVsDestInactConns(this);
  }

  /** ip_vs_bind_dest: a connection or template is attached. */
  bind(template: boolean): void {
    if (template) this.persistConns++;
    else this.totalConns++;
    if (this.upperThreshold !== 0 && this.totalConns >= this.upperThreshold) this.overloaded = true;
  }

  /** ip_vs_unbind_dest: a connection or template expired; the overload flag may clear. */
  unbind(template: boolean, active: boolean): void {
    if (template) {
      this.persistConns--;
    } else {
      this.totalConns--;
      if (active) this.activeConns--;
    }
    if (this.lowerThreshold !== 0) {
      if (this.totalConns < this.lowerThreshold) this.overloaded = false;
    } else if (this.upperThreshold !== 0) {
      if (this.totalConns * 4 < this.upperThreshold * 3) this.overloaded = false;
    } else {
      this.overloaded = false;
    }
  }

  snapshot(): IpvsDestSnapshot {
    return {
      address: formatIpv4Address(this.address), port: this.port, forwardingMethod: this.forwardingMethod,
      weight: this.weight, upperThreshold: this.upperThreshold, lowerThreshold: this.lowerThreshold,
      activeConns: this.activeConns, inactConns: this.inactConns, persistConns: this.persistConns,
      overloaded: this.overloaded, stats: { ...this.stats },
    };
  }
}
