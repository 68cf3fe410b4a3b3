import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chooseLab, openFresh } from './helpers.ts';

/**
 * Screenshots of the NAT, DR and TUN labs with a request in flight between the director and a
 * real server, at the two classroom resolutions, with the checks a reader would make: no two
 * labels of the topology overlap, none is cut off by the canvas, and the text is at least 13 px.
 */

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** The selected frame's chips (the packet layer's `data-selected-chips`) when it is the request leaving the director for a real server. */
const DIRECTOR_TO_SERVER: Readonly<Record<string, RegExp>> = {
  // DR: the IP addresses stay, only the MACs change.
  dr: /^CIP\|VIP DIPmac\|RIP\dmac$/,
  // NAT: the destination becomes the real server.
  nat: /^CIP\|RIP\d DIPmac\|RIP\dmac$/,
  // TUN: an outer header from the director to the real server around the untouched request.
  tun: /^DIP\|RIP\d CIP\|VIP /,
};

const SHOTS = 'test-results/screenshots';

interface Label {
  readonly text: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Steps forward hop by hop until the selected frame is the director's request to a real server. */
async function stepToDirectorRequest(page: Page, want: RegExp): Promise<void> {
  const packets = page.getByTestId('packets');
  for (let i = 0; i < 120; i++) {
    await page.getByTestId('step-forward').click();
    const chips = (await packets.getAttribute('data-selected-chips')) ?? '';
    if (want.test(chips)) return;
  }
  throw new Error(`no frame with chips ${want} while stepping`);
}

/** Moves playback half a hop further, so the frame is in the middle of its link. */
async function seekForward(page: Page, byUs: number): Promise<void> {
  const now = Number(await page.getByTestId('playback-time').getAttribute('data-time-us'));
  await page.getByTestId('seek').fill(String(now + byUs));
  await expect.poll(async () => Number(await page.getByTestId('playback-time').getAttribute('data-time-us'))).toBeGreaterThan(now);
}

async function labels(page: Page): Promise<{ labels: Label[]; canvas: Label; minFontPx: number }> {
  return page.getByTestId('canvas').evaluate((svg) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { text: el.textContent ?? '', left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const view = svg.querySelector('g.canvas-viewport');
    const k = view ? new DOMMatrixReadOnly(getComputedStyle(view).transform).a : 1;
    const sizes = [...svg.querySelectorAll('[font-size]')].map((el) => Number(el.getAttribute('font-size')));
    return {
      labels: [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '').map(box),
      canvas: box(svg),
      minFontPx: Math.min(...sizes) * k,
    };
  });
}

function overlaps(all: readonly Label[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!, b = all[j]!;
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return out;
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

for (const lab of ['nat', 'dr', 'tun'] as const) {
  for (const size of SIZES) {
    for (const language of size.width === 1280 ? (['en', 'zh'] as const) : (['en'] as const)) {
      test(`${lab} mid-flight at ${size.width}×${size.height} (${language}) is readable`, async ({ page }) => {
        await openFresh(page, size);
        if (language === 'zh') await page.getByTestId('lang-toggle').click();
        if ((await page.getByTestId('app').getAttribute('data-lab')) !== lab) await chooseLab(page, lab);
        await stepToDirectorRequest(page, DIRECTOR_TO_SERVER[lab]!);
        await seekForward(page, 50);
        await expect(page.getByTestId('packets')).not.toHaveAttribute('data-in-flight', '0');

        const { labels: all, canvas, minFontPx } = await labels(page);
        expect(all.length).toBeGreaterThan(10);
        expect(overlaps(all)).toEqual([]);
        const clipped = all.filter((l) => l.left < canvas.left || l.top < canvas.top || l.right > canvas.right || l.bottom > canvas.bottom);
        expect(clipped.map((l) => l.text)).toEqual([]);
        expect(minFontPx).toBeGreaterThanOrEqual(13);

        await page.screenshot({ path: `${SHOTS}/${lab}-${size.width}x${size.height}-${language}.png` });
      });
    }
  }
}
