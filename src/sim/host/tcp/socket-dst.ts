import type { Ipv4Address } from '../../../wire/ipv4-address.ts';
import type { LinuxHost } from '../host.ts';
import { isRouteError, type RouteDecision, type RouteError } from '../route.ts';

/**
 * A connection's cached route (sk_dst_cache): reused while the host's routing generation stays
 * the same (__sk_dst_check), looked up again once tables, addresses or sysctls changed or a
 * redirect was learned.
 */
export class SocketDst {
  private route: RouteDecision | undefined = undefined;
  private genid = -1;

  constructor(
    private readonly host: LinuxHost,
    private readonly localAddr: Ipv4Address,
    private readonly remoteAddr: Ipv4Address,
  ) {}

  /** The route for the next segment: the cached one while valid, else ip_route_output. */
  get(): RouteDecision | RouteError {
    const router = this.host.router;
    const genid = router.genid;
    if (this.route !== undefined && this.genid === genid) return this.route;
    const r = router.output(this.remoteAddr, this.localAddr, undefined);
    if (!isRouteError(r)) {
      this.route = r;
      this.genid = genid;
    }
    return r;
  }

  /** __sk_dst_check alone: the cached route if it is still valid, without looking up a new one. */
  check(): RouteDecision | undefined {
    return this.route !== undefined && this.genid === this.host.router.genid ? this.route : undefined;
  }

  /** The route cached last, valid or not (the MSS a SYN advertises comes from it). */
  get last(): RouteDecision | undefined {
    return this.route;
  }
}
