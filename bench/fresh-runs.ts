import { spawnSync } from 'node:child_process';

/** Marks the line a child process reports its figures on. */
const MARK = 'bench-run-figures ';

/**
 * Runs `measure` in `runs` fresh processes, one after the other: this same script started again
 * with BENCH_CHILD=1, which calls `measure` once and prints its figures. A fresh process is how a
 * lab run meets the JavaScript engine (a new worker: nothing compiled yet), and several of them
 * keep one slow or lucky run on a shared machine from being the figure.
 *
 * Returns the figures of every run in the parent, and undefined in a child (which has reported).
 */
export function inFreshProcesses<T>(runs: number, measure: () => T): T[] | undefined {
  if (process.env.BENCH_CHILD) {
    console.log(`${MARK}${JSON.stringify(measure())}`);
    return undefined;
  }
  const figures: T[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
      env: { ...process.env, BENCH_CHILD: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24,
    });
    const line = child.stdout?.split('\n').find((l) => l.startsWith(MARK));
    if (child.status !== 0 || line === undefined) {
      throw new Error(`benchmark run ${i + 1} of ${runs} failed (exit ${child.status ?? child.signal}): ${child.error?.message ?? 'no figures reported'}`);
    }
    figures.push(JSON.parse(line.slice(MARK.length)) as T);
  }
  return figures;
}
