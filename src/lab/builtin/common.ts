import type { RealServerConfig, VirtualServiceConfig } from '../../sim/model/config.ts';
import { EMPTY_IPVS } from '../build.ts';

/** `ipvsadm -A -t vip:port -s sched` with `-a … -r rip:port -m|-g|-i -w 1` for each server, in order. */
export function tcpService(vip: string, scheduler: string, servers: readonly string[], method: RealServerConfig['forwardingMethod']): VirtualServiceConfig {
  return {
    protocol: 'tcp', address: vip, port: 80, scheduler,
    realServers: servers.map((rip) => ({ address: rip, port: 80, forwardingMethod: method, weight: 1, upperThreshold: 0, lowerThreshold: 0 })),
  };
}

/** The IPVS configuration of a director with these services. */
export function ipvsWith(...services: VirtualServiceConfig[]) {
  return { ...EMPTY_IPVS, loaded: true, services };
}

/** Apache running with this DocumentRoot index page. */
export function httpdServing(page: string) {
  return { services: { httpd: { running: true, port: 80 } }, files: { '/var/www/html/index.html': page } };
}
