// The simulation benchmarks' workloads where the app runs them: a dedicated worker in Debian's
// Chromium (another JavaScript engine version and heap layout than Node's). Each figure comes
// from fresh pages and workers, median of several; information beside the Node figures.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { report } from './report.ts';
import { median, spread } from './stats.ts';
import { launchChromium, ROOT } from './ui/browser.ts';
import type { WorkloadRun } from './workloads.ts';

/** The worker bundle scripts/bench.sh builds from bench/worker/sim-worker.ts. */
const WORKER = join(ROOT, 'bench', 'out', 'sim-worker.js');
const PAGE = '<!doctype html><meta charset="utf-8"><title>simulation benchmark</title>';
const LAN_RUNS = 5;
const DR_RUNS = 3;

const worker = readFileSync(WORKER);
const server = createServer((req, res) => {
  const js = req.url === '/sim-worker.js';
  res.writeHead(js || req.url === '/' ? 200 : 404, { 'content-type': js ? 'text/javascript' : 'text/html' });
  res.end(js ? worker : req.url === '/' ? PAGE : '');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const browser = await launchChromium();

/** Runs the workload `name` in a fresh page's fresh worker; returns its runs. */
async function inFreshWorker(name: 'lan' | 'dr'): Promise<WorkloadRun[]> {
  const page = await browser.newPage();
  try {
    await page.goto(base);
    return await page.evaluate((n) => new Promise<WorkloadRun[]>((resolve, reject) => {
      const w = new Worker('/sim-worker.js', { type: 'module', name: n });
      w.onmessage = (e: MessageEvent<WorkloadRun[]>) => resolve(e.data);
      w.onerror = (e) => reject(new Error(e.message));
    }), name);
  } finally {
    await page.close();
  }
}

try {
  const lan: WorkloadRun[][] = [];
  for (let i = 0; i < LAN_RUNS; i++) lan.push(await inFreshWorker('lan'));
  const cold = lan.map(([r]) => r!.events / r!.wall);
  const warm = lan.map(([, r]) => r!.events / r!.wall);
  const dr: WorkloadRun[] = [];
  for (let i = 0; i < DR_RUNS; i++) dr.push((await inFreshWorker('dr'))[0]!);
  const failed = [...lan.flat(), ...dr].reduce((n, r) => n + r.failed, 0);
  if (failed) console.error(`warning: ${failed} transfers failed`);
  console.log(`  Chromium worker, ${LAN_RUNS} fresh workers: ${spread(cold)} events/s cold, ${spread(warm)} after warm-up; DR ${spread(dr.map((r) => r.wall), 2)} s`);
  const where = "information: the app's simulation worker in Debian's Chromium";
  report('sim.http_50_hosts.events_per_second.chromium_worker', median(cold), 'events/s', where, 'higher');
  report('sim.http_50_hosts.events_per_second_after_warm_up.chromium_worker', median(warm), 'events/s', where, 'higher');
  report('sim.dr_100k_connections.wall_time.chromium_worker', median(dr.map((r) => r.wall)), 's', where, 'lower');
} finally {
  await browser.close();
  server.close();
}
