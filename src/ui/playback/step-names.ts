import type { TraceStep } from '../../sim/model/trace.ts';

/** i18n keys of the trace steps, as the playback bar names the current record's step. */
export const STEP_KEYS: Readonly<Record<TraceStep, string>> = {
  egress: 'playback.step.egress',
  ingress: 'playback.step.ingress',
  hook: 'playback.step.hook',
  route: 'playback.step.route',
  ipvs: 'playback.step.ipvs',
  nat: 'playback.step.nat',
  filter: 'playback.step.filter',
  arp: 'playback.step.arp',
  neigh: 'playback.step.neigh',
  tunnel: 'playback.step.tunnel',
  icmp: 'playback.step.icmp',
  deliver: 'playback.step.deliver',
  app: 'playback.step.app',
  drop: 'playback.step.drop',
};
