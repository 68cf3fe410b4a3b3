// Time from navigation to an interactive lab in headless Chromium: a first visit (empty cache and
// storage) until the DR lab is drawn and the play button is enabled, which needs the page's
// scripts, the simulation worker and the lab's first run. Median of several visits.
import { report } from './report.ts';
import { median } from './stats.ts';
import { interactiveAt, launchChromium, withPreview } from './ui/browser.ts';

const VISITS = 7;

const times = await withPreview(async (base) => {
  const browser = await launchChromium();
  try {
    const out: number[] = [];
    for (let i = 0; i < VISITS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(base, { waitUntil: 'commit' });
      out.push(await interactiveAt(page));
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
  }
});

console.log(`  visits: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
report('time to interactive lab (DR, headless Chromium, median)', median(times), 'ms', '≤ 1000 ms', 'lower');
