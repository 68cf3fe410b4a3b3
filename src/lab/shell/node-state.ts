/**
 * What a node's shell remembers between command lines and that is not configuration: the working
 * directory, shell variables, directories made with mkdir, background jobs, process ids, and the runtime state of
 * systemd units that have no effect on the network (the oneshot ipvsadm.service).
 */

import { CommandHistory } from './history.ts';
import type { Command } from './syntax/command-line.ts';
import { ROOT_PATH } from './fs/command-paths.ts';
import { ShellVariables } from './variables.ts';

/** Variables root's login shell on CentOS 7 has from the start. */
const LOGIN_VARIABLES: ReadonlyMap<string, string> = new Map(Object.entries({
  HOME: '/root', USER: 'root', LOGNAME: 'root', UID: '0', EUID: '0', SHELL: '/bin/bash', BASH: '/bin/bash',
  PATH: ROOT_PATH, MAIL: '/var/spool/mail/root', HISTSIZE: '1000', HISTCONTROL: 'ignoredups', LESSOPEN: '||/usr/bin/lesspipe.sh %s',
  HOSTTYPE: 'x86_64', OSTYPE: 'linux-gnu', IFS: ' \t\n', PS1: '[\\u@\\h \\W]\\$ ', PS2: '> ', PS4: '+ ', OPTIND: '1', OPTERR: '1',
  MACHTYPE: 'x86_64-redhat-linux-gnu', BASH_VERSION: '4.2.46(2)-release', LANG: 'en_US.UTF-8', TERM: 'xterm', SHLVL: '1',
}));

/**
 * What root's login environment exports (from login and /etc/profile; the others are the shell's
 * own, the SSH and SELinux session variables and LS_COLORS are left out); bash makes UID and EUID read-only.
 */
const EXPORTED = ['HOSTNAME', 'TERM', 'SHELL', 'HISTSIZE', 'USER', 'MAIL', 'PATH', 'PWD', 'LANG', 'HISTCONTROL', 'SHLVL', 'HOME', 'LOGNAME', 'LESSOPEN'];
const READONLY = ['UID', 'EUID'];

/** A shell function: its body, and the lines of its script before its definition (its messages count from there). */
export interface ShellFunction {
  readonly body: Command;
  readonly offset: number;
  /** The script it was defined in (BASH_SOURCE), none for the console. */
  readonly source?: string;
}

/** A background job (`tcpdump … &`). */
export interface Job {
  readonly number: number;
  readonly pid: number;
  readonly text: string;
  /** The device a capture job listens on (it is in promiscuous mode meanwhile). */
  readonly dev?: string;
  running: boolean;
  /** Sends the job a signal: TERM lets it print its last lines (tcpdump's statistics), KILL does not. */
  stop(signal: 'TERM' | 'KILL'): void;
}

/** A systemd unit's runtime state: since when, its main process, how it ended, and its journal. */
export interface UnitState {
  readonly state: 'active' | 'failed' | 'inactive';
  readonly sinceUs: number;
  readonly pid: number;
  /** The exit status of a oneshot's ExecStart. */
  readonly exitStatus: number;
  readonly journal: readonly string[];
}

/** One node's shell state. */
export class NodeShellState {
  cwd = '/root';
  /** SELinux's mode as setenforce left it (not simulated; see setenforce). */
  selinux: 'Enforcing' | 'Permissive' = 'Enforcing';
  lastStatus = 0;
  /** $LINENO: the line of the command running (in a script, counted from its top). */
  lineno = 1;
  /** The console's positional parameters (`set -- a b`); a script or function has its own. */
  readonly args: string[] = [];
  /** trap's commands by signal name (EXIT, SIGINT…). */
  readonly traps = new Map<string, string>();
  /** getopts' place: the OPTIND it last set and the letter within that word. */
  readonly getopts = { optind: 1, char: 1, assignments: -1 };
  /** The shell options `set` turned on, by their long names (errexit, nounset, xtrace, pipefail…). */
  readonly options = new Set<string>(['braceexpand', 'hashall', 'histexpand', 'history', 'interactive-comments', 'monitor', 'emacs']);
  /** Shell variables, strings and arrays (a for loop's variable keeps its last value, as in bash). */
  readonly variables = new ShellVariables();
  /** Shell functions by name. */
  readonly functions = new Map<string, ShellFunction>();
  /** The assignments before the command running now (its temporary environment), in order. */
  temporaryEnv: readonly string[] = [];
  /** The functions `export -f` put into the environment (child shells have them). */
  readonly exportedFunctions = new Set<string>();
  readonly madeDirs = new Set<string>();
  readonly jobs: Job[] = [];
  readonly units = new Map<string, UnitState>();
  /** The lines typed at this node's prompt (`history`). */
  readonly history = new CommandHistory();
  /** bash's "[1]+  Done …" lines, printed before the next command runs. */
  readonly notices: string[] = [];
  private nextPid: number;

  /** The shell's own process id (`$$`). */
  readonly shellPid: number;
  /** bash's $RANDOM generator state (an unsigned long), seeded from the shell's pid as bash seeds it from its pid and the time. */
  private rseed: bigint;
  private lastRandom = 0;

  constructor(firstPid: number) {
    this.shellPid = firstPid - 1;
    this.nextPid = firstPid;
    this.rseed = BigInt(this.shellPid);
    for (const [name, value] of LOGIN_VARIABLES) this.variables.set(name, value);
    for (const name of EXPORTED) this.variables.markExported(name);
    for (const name of READONLY) this.variables.markReadonly(name);
  }

  /**
   * What a child shell (`bash FILE`, `bash -c`) starts with: the environment (exported variables),
   * the variables every bash sets itself at startup (UID, BASH_VERSION…), SHLVL one higher.
   */
  enterChildShell(): void {
    const level = Number(this.variables.get('SHLVL') ?? '0');
    this.variables.keepExported();
    // A non-interactive bash has no prompts: PS1 and PS2 stay unset (PS4 is set).
    const own = [...LOGIN_VARIABLES].filter(([name]) => name !== 'PS1' && name !== 'PS2');
    for (const [name, value] of own) if (!EXPORTED.includes(name) && !this.variables.has(name)) this.variables.set(name, value);
    for (const name of READONLY) this.variables.markReadonly(name);
    this.variables.set('SHLVL', String(Number.isInteger(level) ? level + 1 : 1));
    this.variables.markExported('SHLVL');
  }

  /** `RANDOM=N`: sbrand (strtoul of the value). */
  seedRandom(seed: bigint): void {
    this.rseed = BigInt.asUintN(64, seed);
    this.lastRandom = 0;
  }

  /**
   * `$RANDOM`: bash 4.2's get_random_number. brand() is Park–Miller's generator as bash writes
   * it, in 64-bit unsigned arithmetic without the correction of a negative step (it is under
   * `#if 0`); a value equal to the last one is drawn again.
   */
  random(): number {
    let rv: number;
    do {
      if (this.rseed === 0n) this.rseed = 123459876n;
      const h = this.rseed / 127773n;
      const l = this.rseed % 127773n;
      this.rseed = BigInt.asUintN(64, 16807n * l - 2836n * h);
      rv = Number(this.rseed & 32767n);
    } while (rv === this.lastRandom);
    this.lastRandom = rv;
    return rv;
  }

  /** Main pids of services running since boot (not started from this shell), given on first use. */
  private readonly bootPids = new Map<string, number>();

  /** A running service's main pid: the one systemctl started it with, else the one it has had since boot. */
  servicePid(unit: string): number {
    const started = this.units.get(unit);
    if (started) return started.pid;
    let pid = this.bootPids.get(unit);
    if (pid === undefined) {
      pid = this.pid();
      this.bootPids.set(unit, pid);
    }
    return pid;
  }

  /** A new process id (each command that starts a process takes one, as on a real host). */
  pid(): number {
    return this.nextPid++;
  }

  /** The lowest free job number (bash reuses numbers once jobs are gone). */
  nextJobNumber(): number {
    let n = 1;
    while (this.jobs.some((j) => j.number === n)) n++;
    return n;
  }

  /** Removes a finished job and queues bash's notice for it. */
  finishJob(job: Job, status: 'Done' | 'Killed'): void {
    const i = this.jobs.indexOf(job);
    if (i < 0) return;
    const mark = this.jobMark(job);
    this.jobs.splice(i, 1);
    job.running = false;
    this.notices.push(`[${job.number}]${mark}  ${status.padEnd(22)}  ${job.text}`);
  }

  /** `+` for the current job, `-` for the previous one, a space otherwise (bash's jobs). */
  jobMark(job: Job): string {
    const i = this.jobs.indexOf(job);
    if (i === this.jobs.length - 1) return '+';
    if (i === this.jobs.length - 2) return '-';
    return ' ';
  }
}
