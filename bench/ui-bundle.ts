// Initial JavaScript of the built app, gzip: every script the page loads from navigation until the
// DR lab is interactive (the page's modules and the simulation worker), compressed from dist/ as a
// static host would serve it (gzip level 6, the common server default).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './report.ts';
import { DIST, interactiveAt, launchChromium, withPreview } from './ui/browser.ts';

const loaded = await withPreview(async (base) => {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const scripts = new Set<string>();
    context.on('request', (r) => {
      const url = new URL(r.url());
      if (url.origin === new URL(base).origin && url.pathname.endsWith('.js')) scripts.add(url.pathname);
    });
    const page = await context.newPage();
    await page.goto(base);
    await interactiveAt(page);
    // Let the worker's own imports (if it has any) arrive.
    await page.waitForTimeout(300);
    const workers = new Set(page.workers().map((w) => new URL(w.url()).pathname));
    return [...scripts].map((path) => ({ path, worker: workers.has(path) }));
  } finally {
    await browser.close();
  }
});

let page = 0, worker = 0;
for (const { path, worker: isWorker } of loaded) {
  const bytes = readFileSync(join(DIST, path.replace(/^\//, '')));
  const gz = gzipSync(bytes, { level: 6 }).length;
  if (isWorker) worker += gz;
  else page += gz;
  console.log(`  ${path}: ${(bytes.length / 1024).toFixed(1)} KiB, gzip ${(gz / 1024).toFixed(1)} KiB${isWorker ? ' (simulation worker)' : ''}`);
}
report('initial JavaScript (gzip)', (page + worker) / 1024, 'KiB', '≤ 180 KiB', 'lower');
report('initial JavaScript (gzip): the page', page / 1024, 'KiB', 'part of the above', 'lower');
report('initial JavaScript (gzip): the simulation worker', worker / 1024, 'KiB', 'part of the above', 'lower');
