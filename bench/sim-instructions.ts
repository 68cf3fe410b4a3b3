import { spawn, spawnSync } from 'node:child_process';
import { report } from './report.ts';
import { drConnections } from './workloads.ts';

/**
 * Machine instructions per DR connection, counted by valgrind (callgrind's total Ir): a figure
 * that, unlike wall time on a shared machine, moves little unless the code does (counts of the
 * same build differ by 1–2 %, from when the garbage collector runs; wall time here varies by
 * ±25 %). It is the difference between a run of 20,000 and one of 60,000 connections, divided by
 * 40,000, so start-up and the JavaScript engine's compilation cancel out: by 20,000 connections the
 * whole packet path runs compiled (shorter runs still counted code on its way there). V8 runs
 * single-threaded so that its compiler's work is counted the same way each time. Information
 * only; it needs valgrind (Debian's package), and is skipped without it.
 */

const SMALL = 20_000;
const LARGE = 60_000;

if (process.env.BENCH_CHILD) {
  drConnections(Number(process.env.CONNECTIONS));
} else if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.log('sim.dr_connection.instructions: skipped (valgrind is not installed; apt-get install valgrind)');
} else {
  const [small, large] = await Promise.all([count(SMALL), count(LARGE)]);
  report('sim.dr_connection.instructions', (large - small) / (LARGE - SMALL), 'instructions', `information: callgrind, ${SMALL} → ${LARGE} connections`, 'lower');
}

/** callgrind's instruction count for one run of `connections` DR connections in a fresh process. */
function count(connections: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', [
      '--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, '--single-threaded', process.argv[1]!,
    ], { env: { ...process.env, BENCH_CHILD: '1', CONNECTIONS: String(connections) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const m = /Collected : (\d+)/.exec(err);
      if (code === 0 && m) resolve(Number(m[1]));
      else reject(new Error(`valgrind run of ${connections} connections failed (exit ${code}): ${err.slice(-300)}`));
    });
  });
}
