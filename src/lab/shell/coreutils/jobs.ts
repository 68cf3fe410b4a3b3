import { done, type Command } from '../command.ts';
import { Output } from '../output.ts';

/** The bash builtins jobs and kill, for the background captures. */

/** jobs: `[1]+  Running                 tcpdump -n -e -i eth0 arp &`. */
export const jobs: Command = (io) => {
  const out = new Output();
  for (const j of io.state.jobs) out.out(`[${j.number}]${io.state.jobMark(j)}  ${'Running'.padEnd(22)}  ${j.text} &\n`);
  return done(out, 0);
};

const KILL_USAGE = 'bash: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/** kill [-SIGNAL] %JOB|PID…: TERM (the default), INT or HUP end tcpdump normally; KILL ends it silently. */
export const kill: Command = (io) => {
  const out = new Output();
  let signal: 'TERM' | 'KILL' = 'TERM';
  const targets: string[] = [];
  const args = io.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-s' || a === '-n') {
      const v = args[++i];
      if (v === undefined) return done(out.err(`bash: kill: ${a}: option requires an argument\n${KILL_USAGE}`), 2);
      signal = /^(9|KILL|SIGKILL)$/i.test(v) ? 'KILL' : 'TERM';
    } else if (/^-(\d+|[A-Za-z]+)$/.test(a)) {
      const name = a.slice(1).toUpperCase().replace(/^SIG/, '');
      if (!['9', 'KILL', '15', 'TERM', '2', 'INT', '1', 'HUP'].includes(name)) return done(out.err(`bash: kill: ${a.slice(1)}: invalid signal specification\n`), 1);
      signal = name === '9' || name === 'KILL' ? 'KILL' : 'TERM';
    } else targets.push(a);
  }
  if (targets.length === 0) return done(out.err(KILL_USAGE), 2);
  let status = 0;
  for (const t of targets) {
    const job = t.startsWith('%')
      ? io.state.jobs.find((j) => (t === '%' || t === '%%' || t === '%+' ? j === io.state.jobs[io.state.jobs.length - 1] : `%${j.number}` === t))
      : io.state.jobs.find((j) => String(j.pid) === t);
    if (!job) {
      if (t.startsWith('%')) out.err(`bash: kill: ${t}: no such job\n`);
      else if (/^\d+$/.test(t)) out.err(`bash: kill: (${t}) - No such process\n`);
      else out.err(`bash: kill: ${t}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    job.stop(signal);
  }
  return done(out, status);
};
