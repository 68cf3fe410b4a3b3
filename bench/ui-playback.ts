// Playback smoothness in headless Chromium:
//  - frames per second while at least 500 frames are in flight (a DR lab with 500 requests at
//    once and 1 ms links, imported through the UI and played at 1× from the crowded moment);
//  - the longest main-thread task during that playback and during an ordinary DR playback at 1×,
//    from a Chromium trace (every task the renderer's main thread ran, not only those ≥ 50 ms).
import type { Browser, Page } from '@playwright/test';
import { report } from './report.ts';
import { crowdedDrLab, crowdedWindow } from './ui/bench-lab.ts';
import { interactiveAt, launchChromium, withPreview } from './ui/browser.ts';

const IN_FLIGHT = 500;
const MEASURE_MS = 4000;

interface TraceEvent { readonly name: string; readonly ph: string; readonly pid: number; readonly tid: number; readonly ts: number; readonly dur?: number; readonly args?: { readonly name?: string } }

/** The longest task on the page's main thread in a Chromium trace, ms. */
function longestMainThreadTask(trace: Buffer): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let longest = 0;
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`)) longest = Math.max(longest, e.dur / 1000);
  }
  return longest;
}

/** Plays for MEASURE_MS while tracing and counting animation frames; returns fps, the longest task and the largest frame gap. */
async function measurePlayback(browser: Browser, page: Page): Promise<{ fps: number; longestTaskMs: number; worstFrameMs: number }> {
  // A string, so the bundler's helpers for named functions don't leak into the page.
  await page.evaluate(`window.__frames = []; (function tick(t) { window.__frames.push(t); requestAnimationFrame(tick); })(performance.now());`);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
  await page.getByTestId('play').click();
  await page.waitForTimeout(MEASURE_MS);
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  const trace = await browser.stopTracing();
  await page.getByTestId('pause').click();
  // Skip the first frames after the click: they belong to the click, not to the steady playback.
  const steady = frames.slice(5);
  const span = steady[steady.length - 1]! - steady[0]!;
  let worst = 0;
  for (let i = 1; i < steady.length; i++) worst = Math.max(worst, steady[i]! - steady[i - 1]!);
  return { fps: ((steady.length - 1) * 1000) / span, longestTaskMs: longestMainThreadTask(trace), worstFrameMs: worst };
}

const doc = crowdedDrLab(IN_FLIGHT, 1000);
const crowded = crowdedWindow(doc, IN_FLIGHT);
console.log(`  crowded lab: ≥ ${IN_FLIGHT} frames in flight from ${crowded.startUs} µs for ${crowded.lengthUs} µs (peak ${crowded.peak})`);

await withPreview(async (base) => {
  const browser = await launchChromium();
  try {
    // An ordinary lesson: the DR lab at 1× from the start.
    {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(base);
      await interactiveAt(page);
      const r = await measurePlayback(browser, page);
      console.log(`  DR at 1×: ${r.fps.toFixed(1)} fps, worst frame ${r.worstFrameMs.toFixed(1)} ms`);
      report('longest main-thread task during playback (DR, 1×)', r.longestTaskMs, 'ms', '< 50 ms', 'lower');
      await page.close();
    }
    // The crowded lab, imported as a user would.
    {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(base);
      await interactiveAt(page);
      await page.getByTestId('import-file').setInputFiles({ name: 'crowded-dr.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
      await page.waitForFunction((title) => {
        const app = document.querySelector('[data-testid="app"]');
        const picker = document.querySelector<HTMLSelectElement>('[data-testid="lab-picker"]');
        return app?.getAttribute('data-run') === 'ready' && picker?.selectedOptions[0]?.textContent?.includes(title);
      }, doc.title.en, { timeout: 120_000 });
      await page.getByTestId('speed').selectOption('1');
      // Half a millisecond into the crowded stretch, so it lasts the whole measurement.
      await page.getByTestId('seek').fill(String(crowded.startUs + 500));
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="packets"]')?.getAttribute('data-in-flight')) >= n, IN_FLIGHT, { timeout: 10_000 });
      const r = await measurePlayback(browser, page);
      const after = Number(await page.getByTestId('packets').getAttribute('data-in-flight'));
      console.log(`  ${IN_FLIGHT}+ in flight: worst frame ${r.worstFrameMs.toFixed(1)} ms, ${after} frames in flight when paused`);
      if (after < IN_FLIGHT) throw new Error(`only ${after} frames in flight at the end of the measurement`);
      report('frames per second with 500 frames in flight', r.fps, 'fps', '≥ 55 fps', 'higher');
      report('longest main-thread task during playback (500 in flight)', r.longestTaskMs, 'ms', '< 50 ms', 'lower');
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
