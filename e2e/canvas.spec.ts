import { expect, test, type Page } from '@playwright/test';
import { nodeCentre, openFresh } from './helpers.ts';

/** The canvas's pan and zoom as drawn: the viewport group's transform. */
async function view(page: Page): Promise<{ x: number; y: number; k: number }> {
  return page.getByTestId('canvas').evaluate((svg) => {
    const m = new DOMMatrixReadOnly(getComputedStyle(svg.querySelector('g.canvas-viewport')!).transform);
    return { x: m.e, y: m.f, k: m.a };
  });
}

test('the wheel zooms around the pointer, dragging the background pans, F fits again', async ({ page }) => {
  await openFresh(page, { width: 1280, height: 720 });
  const fitted = await view(page);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  // An empty spot near the canvas's top-left corner.
  const spot = { x: box.x + 30, y: box.y + 30 };
  const director = await nodeCentre(page, 'director');

  // Zoom in with the wheel over the director: it stays under the pointer.
  await page.mouse.move(director.x, director.y);
  await page.mouse.wheel(0, -200);
  await expect.poll(async () => (await view(page)).k).toBeCloseTo(fitted.k * 2 ** 0.4, 3);
  const after = await nodeCentre(page, 'director');
  expect(Math.abs(after.x - director.x)).toBeLessThan(1.5);
  expect(Math.abs(after.y - director.y)).toBeLessThan(1.5);

  // Drag the background: the drawing follows the pointer.
  const zoomed = await view(page);
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  await page.mouse.move(spot.x + 40, spot.y + 25, { steps: 5 });
  await page.mouse.up();
  const panned = await view(page);
  expect(panned.x - zoomed.x).toBeCloseTo(40, 0);
  expect(panned.y - zoomed.y).toBeCloseTo(25, 0);
  expect(panned.k).toBe(zoomed.k);

  // F fits the topology to the screen again.
  await page.keyboard.press('f');
  await expect.poll(() => view(page)).toEqual(fitted);
});
