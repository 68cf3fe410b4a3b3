import { hopTable, type HopRow } from '../lab/hop-table.ts';
import type { LabDocument } from '../lab/document.ts';
import { roleNames } from '../lab/roles.ts';
import type { TraceRecord } from '../sim/model/trace.ts';
import { ShellSession } from '../lab/shell/session.ts';
import { SimSession } from './session.ts';
import { sessionRuntime, deviceCounters } from './shell-runtime.ts';

/**
 * A hop-table row in a compact textbook form for tests:
 * `client>director CIPmac>VIPmac CIP:54604>VIP:80 S` (MACs and IPs by role, `outer a>b` for TUN).
 */
export function compactRows(doc: LabDocument, records: readonly TraceRecord[], flowId: number): string[] {
  const roles = roleNames(doc);
  const ip = (a: string) => roles.ip.get(a) ?? a;
  const mac = (m: string) => `${roles.mac.get(m) ?? m}mac`;
  return hopTable(records, { flowId, withoutArp: true }).map((r: HopRow) => {
    const to = r.to.map((t) => t.split(' ')[0]).join(',');
    const outer = r.outerSrc ? ` outer ${ip(r.outerSrc)}>${ip(r.outerDst!)}` : '';
    return `${r.fromNode}>${to} ${mac(r.srcMac)}>${mac(r.dstMac)}${outer} ${ip(r.srcIp)}:${r.srcPort}>${ip(r.dstIp)}:${r.dstPort} ${r.info}`;
  });
}

/** A running lab with a shell on it, as the worker keeps one. */
export class Live {
  doc: LabDocument;
  readonly sim: SimSession;
  readonly shell: ShellSession;

  constructor(doc: LabDocument, seed?: number) {
    this.doc = doc;
    this.sim = new SimSession(doc, seed !== undefined ? { seed } : {});
    this.shell = new ShellSession({
      runtime: sessionRuntime(this.sim),
      apply: (d) => {
        this.doc = d;
        this.sim.reconfigure(d);
      },
      counters: deviceCounters(this.sim),
    });
  }

  run(node: string, line: string) {
    const r = this.shell.exec(this.doc, node, line);
    if (r.doc !== this.doc) {
      this.doc = r.doc;
      this.sim.reconfigure(r.doc);
    }
    return r;
  }

  /** The simulation's virtual clock. */
  runtimeNowUs(): number {
    return this.sim.network.engine.now;
  }

  paste(node: string, lines: string): void {
    for (const line of lines.trim().split('\n')) this.run(node, line.trim());
  }
}
