import type { TrafficAction } from '../sim/model/config.ts';
import type { TrafficResult } from '../sim/model/traffic.ts';

/** Seconds with microseconds, as the CLI prints virtual times. */
export const seconds = (us: number): string => (us / 1_000_000).toFixed(6);

/** The shell command an action stands for. */
export function actionCommand(a: TrafficAction): string {
  switch (a.kind) {
    case 'curl':
      return `curl ${a.url}`;
    case 'ping':
      return `ping -c ${a.count}${a.source ? ` -I ${a.source}` : ''} ${a.destination}`;
    case 'arping':
      return `arping -c ${a.count} -I ${a.iface} ${a.target}`;
  }
}

/** A one-paragraph summary of what an action produced. */
export function resultSummary(r: TrafficResult | undefined): string {
  if (!r) return '(no result: the traffic did not settle)';
  switch (r.kind) {
    case 'curl':
      return r.ok ? r.body.replace(/\n$/, '') : `curl failed: ${r.error}`;
    case 'ping': {
      if (r.error) return `ping failed: ${r.error}`;
      const replies = r.events.filter((e) => e.kind === 'reply').length;
      return `${r.transmitted} packets transmitted, ${replies} received`;
    }
    case 'arping':
      if (r.error) return `arping failed: ${r.error}`;
      return r.replies.map((x) => `reply from ${x.ip} [${x.mac}]`).join('\n') || 'no reply';
  }
}
