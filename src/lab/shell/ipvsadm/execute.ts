/**
 * `executeIpvsadm`: process_options' second half (ipvsadm.c:1070) — run a parsed operation
 * against the node's IPVS (the lab document for configuration, the running simulation for
 * counters and connections) and print what ipvsadm prints, with its exit status: 0, 1 when a
 * listing cannot find its service, 255 (process_options returned -1) for a kernel error.
 */
import { updateNode, type LabDocument, type LabNode } from '../../document.ts';
import type { IpvsConfig } from '../../../sim/model/config.ts';
import type { CommandResult, ShellContext } from '../types.ts';
import { ipvsStrerror, type Errno, type LibipvsCall } from './errno.ts';
import { usageText, VERSION_LINE } from './help.ts';
import * as kernel from './kernel.ts';
import { connTabSize, listAllText, serviceEntryText, timeoutText, titleText } from './list.ts';
import { DEFAULT_HOSTS } from './names.ts';
import { inetNtoa } from './numbers.ts';
import { parseIpvsadm, tryHelp } from './parse.ts';
import { listConnText } from './proc.ts';
import { configStreamLines } from './restore.ts';
import type { IpvsadmOp, IpvsadmUsageError, ServiceArgs } from './types.ts';
import { kernelServices } from './view.ts';

/** One ipvsadm run so far: output, status, the document, and whether ipvsadm has exited. */
interface Run {
  readonly doc: LabDocument;
  readonly node: LabNode;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** exit() was called: nothing after it runs (an `ipvsadm -R` stops there). */
  exited: boolean;
}

/** The node's /etc/hosts as gethostbyname reads it. */
export function hostsOf(node: LabNode): string {
  return node.files['/etc/hosts'] ?? DEFAULT_HOSTS;
}

/** ipvs_init: when ip_vs is not loaded, ipvsadm runs `modprobe -- ip_vs` before anything else. */
export function withModuleLoaded(ctx: ShellContext): ShellContext {
  if (ctx.node.ipvs.loaded) return ctx;
  const node: LabNode = { ...ctx.node, ipvs: { ...ctx.node.ipvs, loaded: true } };
  return { ...ctx, doc: updateNode(ctx.doc, node.id, () => node), node };
}

function setIpvs(run: Run, ipvs: IpvsConfig): Run {
  // An edit that changes nothing keeps the same document object.
  if (JSON.stringify(ipvs) === JSON.stringify(run.node.ipvs)) return run;
  const node: LabNode = { ...run.node, ipvs };
  return { ...run, doc: updateNode(run.doc, node.id, () => node), node };
}

function kernelResult(run: Run, result: kernel.KernelResult, call: LibipvsCall): Run {
  if (result.ok) return setIpvs(run, result.ipvs);
  return failed(run, call, result.errno);
}

/** `fprintf(stderr, "%s\n", ipvs_strerror(errno))` and process_options returning -1. */
function failed(run: Run, call: LibipvsCall, errno: Errno): Run {
  return { ...run, stderr: run.stderr + `${ipvsStrerror(call, errno)}\n`, exitCode: 255 };
}

function usageError(run: Run, e: IpvsadmUsageError): Run {
  return { ...run, stderr: run.stderr + e.stderr, exitCode: e.exitCode, exited: e.exits };
}

/** The service a listing or -Z names, as the kernel's tables hold it. */
function sameService(svc: ServiceArgs) {
  return (s: { fwmark: number; protocol: number; address: number; port: number }): boolean =>
    svc.fwmark ? s.fwmark === svc.fwmark : s.fwmark === 0 && s.protocol === svc.protocol && s.address === svc.address && s.port === svc.port;
}

function runOp(run: Run, op: IpvsadmOp, ctx: ShellContext, stdin: () => string, readingStdin: boolean): Run {
  const snapshot = ctx.runtime?.snapshot(run.node.id);
  const hosts = hostsOf(run.node);
  const out = (text: string, exitCode = 0): Run => ({ ...run, stdout: run.stdout + text, exitCode });
  const ipvs = run.node.ipvs;
  switch (op.kind) {
    case 'help': return { ...out(usageText(op.program)), exited: true };
    case 'version': return { ...out(VERSION_LINE), exited: true };
    // Killed by SIGSEGV (128 + 11): ipvsadm prints nothing; reporting the signal is the shell's business.
    case 'crash': return { ...run, exitCode: 139, exited: true };
    case 'list': {
      switch (op.target) {
        case 'all': return out(listAllText(kernelServices(run.node, snapshot), op.format, hosts, connTabSize(ipvs)));
        case 'connections': return out(listConnText(snapshot?.connections ?? [], op.format, hosts));
        case 'timeout': return out(timeoutText(ipvs));
        // No sync daemon runs in the lab: list_daemon prints nothing.
        case 'daemon': return out('');
        case 'service': {
          // list_service: ipvs_get_service failing prints the error and exits 1.
          const se = op.service.af === 'inet' ? kernelServices(run.node, snapshot).find(sameService(op.service)) : undefined;
          if (!se) return { ...run, stderr: run.stderr + `${ipvsStrerror('get_service', op.service.af === 'inet' ? 'ESRCH' : 'EAFNOSUPPORT')}\n`, exitCode: 1, exited: true };
          return out(titleText(op.format) + serviceEntryText(se, op.format, hosts));
        }
      }
      break;
    }
    case 'save': return out(listAllText(kernelServices(run.node, snapshot), op.format, hosts, connTabSize(ipvs)));
    case 'restore': return readingStdin ? usageError(run, tryHelp(op.program)) : restore(run, op.program, ctx, stdin());
    case 'flush': return kernelResult(run, kernel.flush(ipvs), 'flush');
    case 'add-service': return kernelResult(run, kernel.addService(ipvs, op.service), 'add_service');
    case 'edit-service': return kernelResult(run, kernel.editService(ipvs, op.service), 'update_service');
    case 'delete-service': return kernelResult(run, kernel.deleteService(ipvs, op.service), 'del_service');
    case 'add-server': return kernelResult(run, kernel.addDest(run.node, ipvs, op.service, op.dest), 'add_dest');
    case 'edit-server': return kernelResult(run, kernel.editDest(ipvs, op.service, op.dest), 'update_dest');
    case 'delete-server': return kernelResult(run, kernel.deleteDest(ipvs, op.service, op.dest), 'del_dest');
    case 'set-timeouts': return kernelResult(run, kernel.setTimeouts(ipvs, op.tcp, op.tcpfin, op.udp), 'set_timeout');
    case 'zero': return zero(run, op.service, ctx);
    case 'start-daemon':
      // start_sync_thread: the multicast interface must exist; the lab's kernel has no sync daemon.
      return failed(run, 'start_daemon', run.node.interfaces.some((i) => i.name === op.daemon.mcastInterface) ? 'ENOPROTOOPT' : 'ENODEV');
    case 'stop-daemon': return failed(run, 'stop_daemon', 'ESRCH');
  }
  return run;
}

/** ipvs_zero_service: no service named (or 0.0.0.0:0) zeroes everything. */
function zero(run: Run, svc: ServiceArgs, ctx: ShellContext): Run {
  const everything = !svc.fwmark && svc.address === 0 && (svc.address6 === undefined || /^[0:.]*$/.test(svc.address6)) && svc.port === 0;
  if (everything) {
    ctx.runtime?.zeroIpvs(run.node.id, undefined);
    return run;
  }
  if (svc.af !== 'inet') return failed(run, 'zero_service', 'EAFNOSUPPORT');
  const i = kernel.findService(run.node.ipvs, svc);
  if (i < 0) return failed(run, 'zero_service', 'ESRCH');
  const s = run.node.ipvs.services[i]!;
  ctx.runtime?.zeroIpvs(run.node.id, s.protocol === 'fwmark' ? { protocol: 'fwmark', fwmark: svc.fwmark } : { protocol: s.protocol, address: inetNtoa(svc.address), port: svc.port });
  return run;
}

/** restore_table: every line of stdin as its own ipvsadm command; exit() stops it, errors do not. */
function restore(start: Run, program: string, ctx: ShellContext, stdin: string): Run {
  let run = start;
  let result = 0;
  for (const words of configStreamLines(stdin)) {
    if (words.length === 0) continue;
    const parsed = parseIpvsadm(words, program, hostsOf(run.node));
    const fresh = { ...run, exitCode: 0 };
    run = parsed.kind === 'usage-error' ? usageError(fresh, parsed) : runOp(fresh, parsed, ctx, () => '', true);
    if (run.exited) return run;
    result = run.exitCode === 0 ? 0 : 255;
  }
  return { ...run, exitCode: result };
}

/** Runs a parsed ipvsadm operation on the context's node; `stdin` feeds `-R` (read only then: a shared input stays for the next reader). */
export function executeIpvsadm(op: IpvsadmOp, ctx: ShellContext, stdin: () => string = () => ''): CommandResult {
  const loaded = withModuleLoaded(ctx);
  const start: Run = { doc: loaded.doc, node: loaded.node, stdout: '', stderr: '', exitCode: 0, exited: false };
  const run = runOp(start, op, loaded, stdin, false);
  return { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, doc: run.doc };
}

/** A usage error as a command result (the module is loaded all the same: ipvs_init runs first). */
export function usageErrorResult(e: IpvsadmUsageError, ctx: ShellContext): CommandResult {
  return { stdout: '', stderr: e.stderr, exitCode: e.exitCode, doc: withModuleLoaded(ctx).doc };
}
