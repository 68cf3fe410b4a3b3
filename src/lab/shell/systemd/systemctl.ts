import { findNode, type LabDocument, type LabNode } from '../../document.ts';
import { done, withArgv, type Command, type CommandIo } from '../command.ts';
import { readFile } from '../fs/files.ts';
import { runIpvsadm, runIpvsadmRestore, runIpvsadmSave } from '../ipvsadm/index.ts';
import { withNode } from '../kernel/edit.ts';
import type { UnitState } from '../node-state.ts';
import { Output } from '../output.ts';
import { journalTimestamp, relativeTime, systemdTimestamp, unitBase, unitName, UNITS, wantsPath, type UnitFile } from './units.ts';

/**
 * systemctl (systemd 219, CentOS 7) for the units the lab's hosts have: httpd (whose running state
 * is part of the lab) and the oneshot ipvsadm.service (restore on start, save and clear on stop).
 * Other units, firewalld included, are not installed.
 */

const CONFIG = '/etc/sysconfig/ipvsadm';

/** What a unit operation changed. */
interface Step {
  doc: LabDocument;
  node: LabNode;
  readonly out: Output;
  status: number;
}

const now = (io: CommandIo): number => io.runtime?.nowUs() ?? 0;

function setNode(step: Step, node: LabNode): void {
  step.node = node;
  step.doc = withNode(step.doc, node);
}

function setDoc(step: Step, doc: LabDocument): void {
  step.doc = doc;
  step.node = findNode(doc, step.node.id) ?? step.node;
}

function isActive(io: CommandIo, node: LabNode, base: string): boolean {
  if (base === 'httpd') return node.services.httpd.running;
  return io.state.units.get(base)?.state === 'active';
}

function journalLine(io: CommandIo, who: string, text: string): string {
  return `${journalTimestamp(now(io))} ${io.node.id} ${who}: ${text}`;
}

function start(io: CommandIo, step: Step, u: UnitFile, base: string): void {
  if (isActive(io, step.node, base)) return;
  const pid = io.state.pid();
  const journal = [...(io.state.units.get(base)?.journal ?? []), journalLine(io, 'systemd[1]', `Starting ${u.description}...`)];
  if (base === 'httpd') {
    setNode(step, { ...step.node, services: { ...step.node.services, httpd: { ...step.node.services.httpd, running: true } } });
    io.state.units.set(base, { state: 'active', sinceUs: now(io), pid, exitStatus: 0, journal: [...journal, journalLine(io, 'systemd[1]', `Started ${u.description}.`)] });
    return;
  }
  // ExecStart=/bin/bash -c "exec /sbin/ipvsadm-restore < /etc/sysconfig/ipvsadm"
  const rules = readFile({ node: step.node, runtime: io.runtime, state: io.state }, CONFIG);
  let exitStatus: number;
  const messages: string[] = [];
  if (typeof rules === 'string') {
    const r = runIpvsadmRestore([], { doc: step.doc, node: step.node, runtime: io.runtime }, rules);
    setDoc(step, r.doc);
    exitStatus = r.exitCode;
    messages.push(...r.stderr.split('\n').filter((l) => l !== ''));
  } else {
    exitStatus = 1;
    messages.push(`/bin/bash: ${CONFIG}: No such file or directory`);
  }
  const logged = [...journal, ...messages.map((m) => journalLine(io, `bash[${pid}]`, m))];
  if (exitStatus === 0) {
    io.state.units.set(base, { state: 'active', sinceUs: now(io), pid, exitStatus, journal: [...logged, journalLine(io, 'systemd[1]', `Started ${u.description}.`)] });
    return;
  }
  io.state.units.set(base, {
    state: 'failed', sinceUs: now(io), pid, exitStatus,
    journal: [
      ...logged,
      journalLine(io, 'systemd[1]', `${u.name}: main process exited, code=exited, status=${exitStatus}/FAILURE`),
      journalLine(io, 'systemd[1]', `Failed to start ${u.description}.`),
      journalLine(io, 'systemd[1]', `Unit ${u.name} entered failed state.`),
      journalLine(io, 'systemd[1]', `${u.name} failed.`),
    ],
  });
  step.out.err(`Job for ${u.name} failed because the control process exited with error code. See "systemctl status ${u.name}" and "journalctl -xe" for details.\n`);
  step.status = 1;
}

function stop(io: CommandIo, step: Step, u: UnitFile, base: string): void {
  const st = io.state.units.get(base);
  if (!isActive(io, step.node, base)) {
    if (st?.state === 'failed') io.state.units.set(base, { ...st, state: 'inactive' });
    return;
  }
  const journal = [...(st?.journal ?? []), journalLine(io, 'systemd[1]', `Stopping ${u.description}...`)];
  if (base === 'httpd') {
    setNode(step, { ...step.node, services: { ...step.node.services, httpd: { ...step.node.services.httpd, running: false } } });
  } else {
    // ExecStop: ipvsadm-save -n > /etc/sysconfig/ipvsadm, then ipvsadm -C.
    const ctx = { doc: step.doc, node: step.node, runtime: io.runtime };
    const saved = runIpvsadmSave(['-n'], ctx);
    setNode(step, { ...step.node, files: { ...step.node.files, [CONFIG]: saved.stdout } });
    const cleared = runIpvsadm(['-C'], { doc: step.doc, node: step.node, runtime: io.runtime });
    setDoc(step, cleared.doc);
  }
  io.state.units.set(base, { state: 'inactive', sinceUs: now(io), pid: st?.pid ?? 0, exitStatus: 0, journal: [...journal, journalLine(io, 'systemd[1]', `Stopped ${u.description}.`)] });
}

function enable(step: Step, u: UnitFile, on: boolean): void {
  const path = wantsPath(u);
  const linked = path in step.node.files;
  if (on && !linked) {
    setNode(step, { ...step.node, files: { ...step.node.files, [path]: u.text } });
    step.out.out(`Created symlink from ${path} to ${u.path}.\n`);
  } else if (!on && linked) {
    const files = { ...step.node.files };
    delete files[path];
    setNode(step, { ...step.node, files });
    step.out.out(`Removed symlink ${path}.\n`);
  }
}

function statusText(io: CommandIo, node: LabNode, u: UnitFile, base: string): { text: string; code: number } {
  const enabled = wantsPath(u) in node.files ? 'enabled' : 'disabled';
  const st: UnitState | undefined = io.state.units.get(base);
  const active = isActive(io, node, base);
  const lines = [`● ${u.name} - ${u.description}`, `   Loaded: loaded (${u.path}; ${enabled}; vendor preset: disabled)`];
  const since = st?.sinceUs ?? 0;
  // format_timestamp() and format_timestamp_relative() give nothing for the epoch itself (t <= 0).
  const when = since > 0 ? `since ${systemdTimestamp(since)}; ${relativeTime(now(io) - since)}` : '';
  if (base === 'httpd') {
    if (active) {
      const pid = io.state.servicePid('httpd');
      lines.push(`   Active: active (running)${when ? ` ${when}` : ''}`);
      for (const [i, d] of (u.docs ?? []).entries()) lines.push(`${i === 0 ? '     Docs: ' : '           '}${d}`);
      lines.push(` Main PID: ${pid} (httpd)`, '   CGroup: /system.slice/httpd.service', `           └─${pid} /usr/sbin/httpd -DFOREGROUND`);
    } else {
      lines.push(st && st.state === 'inactive' && when ? `   Active: inactive (dead) ${when}` : '   Active: inactive (dead)');
      for (const [i, d] of (u.docs ?? []).entries()) lines.push(`${i === 0 ? '     Docs: ' : '           '}${d}`);
    }
  } else if (st && st.state !== 'inactive') {
    const code = st.exitStatus === 0 ? '0/SUCCESS' : `${st.exitStatus}/FAILURE`;
    lines.push(
      st.state === 'active' ? `   Active: active (exited)${when ? ` ${when}` : ''}` : `   Active: failed (Result: exit-code)${when ? ` ${when}` : ''}`,
      `  Process: ${st.pid} ExecStart=/bin/bash -c exec /sbin/ipvsadm-restore < /etc/sysconfig/ipvsadm (code=exited, status=${code})`,
      ` Main PID: ${st.pid} (code=exited, status=${code})`,
    );
  } else {
    lines.push(st && when ? `   Active: inactive (dead) ${when}` : '   Active: inactive (dead)');
  }
  const journal = st?.journal ?? [];
  if (journal.length > 0) lines.push('', ...journal.slice(-10));
  return { text: `${lines.join('\n')}\n`, code: active ? 0 : 3 };
}

/** systemctl start|stop|restart|status|enable|disable|is-active|is-enabled UNIT…. */
export const systemctl: Command = (io) => {
  const out = new Output();
  const args = io.argv.slice(1).filter((a) => a !== '--now' && a !== '-l' && a !== '--no-pager');
  const nowFlag = io.argv.includes('--now');
  const [verb, ...names] = args;
  if (verb === undefined || verb.startsWith('-')) return done(out.err('lab: systemctl lists no units here; give a command such as start, stop or status and a unit\n'), 1);
  const verbs = ['start', 'stop', 'restart', 'status', 'enable', 'disable', 'is-active', 'is-enabled', 'reload', 'try-restart'];
  if (!verbs.includes(verb)) return done(out.err(`Unknown operation '${verb}'.\n`), 1);
  if (names.length === 0) {
    if (verb === 'status') return done(out.err('lab: systemctl status without a unit is not simulated\n'), 1);
    return done(out.err(`Too few arguments.\n`), 1);
  }
  const step: Step = { doc: io.doc, node: io.node, out, status: 0 };
  for (const name of names) {
    const base = unitBase(name);
    const u = UNITS[base];
    const full = unitName(name);
    if (!u) {
      switch (verb) {
        case 'status': out.err(`Unit ${full} could not be found.\n`); step.status = 4; break;
        case 'stop': out.err(`Failed to stop ${full}: Unit ${full} not loaded.\n`); step.status = 5; break;
        case 'is-active': out.out('unknown\n'); step.status = 3; break;
        case 'is-enabled': out.err(`Failed to get unit file state for ${full}: No such file or directory\n`); step.status = 1; break;
        case 'enable': case 'disable': out.err('Failed to execute operation: No such file or directory\n'); step.status = 1; break;
        default: out.err(`Failed to ${verb} ${full}: Unit not found.\n`); step.status = 5;
      }
      continue;
    }
    switch (verb) {
      case 'start': start(io, step, u, base); break;
      case 'stop': stop(io, step, u, base); break;
      case 'restart': case 'try-restart': case 'reload':
        if (verb === 'try-restart' && !isActive(io, step.node, base)) break;
        if (verb === 'reload' && base === 'ipvsadm') { out.err(`Failed to reload ${u.name}: Job type reload is not applicable for unit ${u.name}.\n`); step.status = 1; break; }
        stop(io, step, u, base);
        start(io, step, u, base);
        break;
      case 'enable': case 'disable':
        enable(step, u, verb === 'enable');
        if (nowFlag) (verb === 'enable' ? start : stop)(io, step, u, base);
        break;
      case 'is-active': {
        const st = io.state.units.get(base)?.state;
        const active = isActive(io, step.node, base);
        out.out(`${active ? 'active' : st === 'failed' ? 'failed' : 'inactive'}\n`);
        if (!active) step.status = 3;
        break;
      }
      case 'is-enabled': {
        const on = wantsPath(u) in step.node.files;
        out.out(`${on ? 'enabled' : 'disabled'}\n`);
        if (!on) step.status = 1;
        break;
      }
      case 'status': {
        const s = statusText(io, step.node, u, base);
        out.out(s.text);
        if (s.code !== 0) step.status = s.code;
        break;
      }
    }
  }
  return done(out, step.status, step.doc === io.doc ? undefined : step.doc);
};

/** service NAME ACTION (initscripts on CentOS 7 redirects to systemctl). */
export const service: Command = (io) => {
  const [, name, action, ...rest] = io.argv;
  if (name === undefined || action === undefined) return done(new Output().err('Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n'), 1);
  if (!['start', 'stop', 'restart', 'status', 'reload', 'try-restart'].includes(action)) {
    return done(new Output().err(`lab: the legacy action "${action}" of ${name} is not simulated\n`), 1);
  }
  const r = systemctl(withArgv(io, ['systemctl', action, unitName(name), ...rest], 'systemctl'));
  return { ...r, output: [{ stream: 'stderr', text: `Redirecting to /bin/systemctl ${action}  ${unitName(name)}\n` }, ...r.output] };
};
