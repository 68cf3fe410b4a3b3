/**
 * ipvsadm 1.31 for the lab's shell: the `ipvsadm`, `ipvsadm-save` and `ipvsadm-restore`
 * commands, the kernel's /proc/net/ip_vs and /proc/net/ip_vs_conn, and the saved rules that
 * `systemctl stop ipvsadm` writes to /etc/sysconfig/ipvsadm.
 */
import { findNode, type LabDocument, type LabNode } from '../../document.ts';
import type { NodeSnapshot } from '../../../sim/model/snapshot.ts';
import type { CommandResult, ShellContext } from '../types.ts';
import { executeIpvsadm, hostsOf, usageErrorResult, withModuleLoaded } from './execute.ts';
import { connTabSize, listAllText } from './list.ts';
import { parseIpvsadm } from './parse.ts';
import { procNetIpVsConnText, procNetIpVsText } from './proc.ts';
import { kernelServices } from './view.ts';

export { parseIpvsadm } from './parse.ts';
export { executeIpvsadm } from './execute.ts';
export { ipvsadmScript } from './script.ts';
export { DEFAULT_HOSTS } from './names.ts';
/** The parsed operation and the refusal parseIpvsadm returns. */
export type { IpvsadmOp, IpvsadmUsageError } from './types.ts';

/** `ipvsadm ARGS` (argv without the program name; `program` is argv[0] as typed, used in messages). */
export function runIpvsadm(argv: readonly string[], ctx: ShellContext, stdin: () => string = () => '', program = 'ipvsadm'): CommandResult {
  const loaded = withModuleLoaded(ctx);
  const op = parseIpvsadm(argv, program, hostsOf(loaded.node));
  return op.kind === 'usage-error' ? usageErrorResult(op, loaded) : executeIpvsadm(op, loaded, stdin);
}

/**
 * The ipvsadm-save script: `-n` makes it numeric, any other dash word prints its help and exits
 * 1, other words are ignored; then `ipvsadm -S [-n]`.
 */
export function runIpvsadmSave(argv: readonly string[], ctx: ShellContext): CommandResult {
  let numeric = false;
  for (const arg of argv) {
    if (arg === '-n') numeric = true;
    else if (arg.startsWith('-')) {
      return { stdout: '', stderr: 'ipvsadm-save: Script to save the IPVS table to stdout.\n   With the -n option, prints out the table in numeric format.\n', exitCode: 1, doc: ctx.doc };
    }
  }
  return runIpvsadm(numeric ? ['-S', '-n'] : ['-S'], ctx);
}

/**
 * The ipvsadm-restore script: `INPUT="$(grep -v '^#')"; ipvsadm -C; echo "$INPUT" | ipvsadm -R`
 * — comment lines removed, the table cleared, then the rules restored. Its arguments are ignored.
 */
export function runIpvsadmRestore(_argv: readonly string[], ctx: ShellContext, stdin: string): CommandResult {
  const input = stdin.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace(/\n+$/, '');
  const cleared = runIpvsadm(['-C'], ctx);
  const restored = runIpvsadm(['-R'], { ...ctx, doc: cleared.doc, node: findNode(cleared.doc, ctx.node.id) ?? ctx.node }, () => `${input}\n`);
  return { stdout: cleared.stdout + restored.stdout, stderr: cleared.stderr + restored.stderr, exitCode: restored.exitCode, doc: restored.doc };
}

/** `cat /proc/net/ip_vs` on a node whose ip_vs module is loaded (counters from the snapshot, zeros without one). */
export function formatProcNetIpVs(node: LabNode, snapshot: NodeSnapshot | undefined): string {
  return procNetIpVsText(kernelServices(node, snapshot), connTabSize(node.ipvs));
}

/** `cat /proc/net/ip_vs_conn` on a node whose ip_vs module is loaded. */
export function formatProcNetIpVsConn(snapshot: NodeSnapshot | undefined): string {
  return procNetIpVsConnText(snapshot?.connections ?? []);
}

/**
 * What `ipvsadm -S` prints for a node (`ipvsadm-save -n` unless `numeric` is false), without
 * counters: the text `systemctl stop ipvsadm` saves to /etc/sysconfig/ipvsadm.
 */
export function ipvsadmSaveText(doc: LabDocument, node: LabNode, numeric = true): string {
  const current = findNode(doc, node.id) ?? node;
  const format = { numeric, stats: false, rate: false, thresholds: false, persistentConn: false, noSort: false, exact: false, tunInfo: false, rule: true };
  return listAllText(kernelServices(current, undefined), format, hostsOf(current), connTabSize(current.ipvs));
}
