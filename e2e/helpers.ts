import { expect, type Page } from '@playwright/test';

/**
 * Shared helpers for the end-to-end specs. The app root (`data-testid="app"`) carries
 * `data-run` (idle | running | ready | error, plus `stale` while a new run is pending) and
 * `data-phase` (the playback machine's state: idle | playing | paused | stepping | ended).
 */

/** Opens the app with empty storage (no autosave, default language) and waits for the first run. */
export async function openFresh(page: Page, opts: { width?: number; height?: number } = {}): Promise<void> {
  if (opts.width && opts.height) await page.setViewportSize({ width: opts.width, height: opts.height });
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForRun(page);
}

/** Waits until the latest run has arrived (not pending, not stale). */
export async function waitForRun(page: Page): Promise<void> {
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
}

/** Opens a built-in lab by id (`nat`, `dr`, `tun`, `dr-arp-ignore`, `dr-arp-announce`) and waits for its run. */
export async function chooseLab(page: Page, labId: string): Promise<void> {
  await page.getByTestId('lab-picker').selectOption(labId);
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', labId);
  await waitForRun(page);
}

/** Plays the run at 10× until the playback reaches its end. */
export async function playToEnd(page: Page, timeoutMs = 45_000): Promise<void> {
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'ended', { timeout: timeoutMs });
}

/** Jumps to the end of the run without animating. */
export async function jumpToEnd(page: Page): Promise<void> {
  await page.getByTestId('to-end').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'ended');
}

/** Starts traffic from the playback bar's send controls and waits for the extended run. */
export async function sendCurl(page: Page, from: string, url?: string): Promise<void> {
  await page.getByTestId('send-from').selectOption(from);
  if (url !== undefined) await page.getByTestId('send-url').fill(url);
  await page.getByTestId('send-curl').click();
  await waitForRun(page);
}

/** The current virtual time shown in the playback bar, µs. */
export async function shownTimeUs(page: Page): Promise<number> {
  return Number(await page.getByTestId('playback-time').getAttribute('data-time-us'));
}

/** The centre of a node's icon on the page (its labels would point at an interface). */
export async function nodeCentre(page: Page, nodeId: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId(`node-${nodeId}`).locator('.canvas-node-shape').boundingBox();
  if (!box) throw new Error(`node ${nodeId} is not on the canvas`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The centre of an interface's name at a link end on the canvas. */
export async function ifaceCentre(page: Page, nodeId: string, iface: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`.canvas-iface[data-node-id="${nodeId}"][data-iface="${iface}"]`).first().boundingBox();
  if (!box) throw new Error(`${nodeId} ${iface} is not on the canvas`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A point of the canvas, as fractions of its width and height. */
export async function canvasPoint(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Drags with the mouse from one point to another in small steps (the editor sees pointer moves). */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Opens a node's drawer (select it and press Enter). */
export async function openNode(page: Page, nodeId: string): Promise<void> {
  const c = await nodeCentre(page, nodeId);
  await page.mouse.click(c.x, c.y);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-drawer')).toBeVisible();
}

/** Opens a node's panel on its console tab. */
export async function openConsole(page: Page, nodeId: string): Promise<void> {
  await openNode(page, nodeId);
  await page.getByTestId('node-tab-console').click();
}

/** The lab as Export JSON writes it. */
export async function exportedLab(page: Page): Promise<unknown> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const stream = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
