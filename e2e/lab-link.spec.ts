import { expect, test } from '@playwright/test';
import { chooseLab, jumpToEnd, openFresh, sendCurl, shownTimeUs, waitForRun } from './helpers.ts';

test('a lab link opens its lab over the saved one, which the notice brings back; the address drops the link', async ({ page }) => {
  await openFresh(page);
  // An edit of the user's own, so the saved lab is worth bringing back.
  await sendCurl(page, 'client');
  await page.goto('/#lab=nat&seed=5');
  await waitForRun(page);
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'nat');
  await expect(page.getByTestId('seed')).toHaveValue('5');
  expect(new URL(page.url()).hash).toBe('');
  await page.getByTestId('notice-restore').click();
  await waitForRun(page);
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'dr');
});

test('Copy link copies a link that opens the lab with its traffic in another browser', async ({ page, browser, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await openFresh(page);
  // The lab's document loads on demand: wait until it is open before changing its seed.
  await chooseLab(page, 'tun');
  await page.getByTestId('seed').fill('7');
  await page.getByTestId('rerun').click();
  await waitForRun(page);
  await sendCurl(page, 'client');
  await jumpToEnd(page);
  const endUs = await shownTimeUs(page);
  expect(endUs).toBeGreaterThan(0);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('notice')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#lab=1\.[A-Za-z0-9_-]+$/);

  const other = await browser.newContext();
  const reader = await other.newPage();
  await reader.goto(link);
  await waitForRun(reader);
  await expect(reader.getByTestId('app')).toHaveAttribute('data-lab', 'tun');
  await expect(reader.getByTestId('seed')).toHaveValue('7');
  await expect(reader.getByTestId('notice')).toContainText('Opened the lab from the link.');
  // The curl came along: the reader's run ends where the sender's does.
  await jumpToEnd(reader);
  expect(await shownTimeUs(reader)).toBe(endUs);
  await other.close();
});

test('a damaged lab link says where and why, and the lab stays', async ({ page }) => {
  await openFresh(page);
  await page.evaluate(() => { location.hash = 'lab=1.abc$def'; });
  await expect(page.getByTestId('notice')).toContainText('The lab in this link cannot be opened');
  await expect(page.getByTestId('notice-details')).toHaveText('lab: character 6 ("$") is not base64url (A–Z, a–z, 0–9, - and _); was the link cut or changed?');
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'dr');
});

test('the top bar keeps every button in view on a 1024-px screen, in both languages', async ({ page }) => {
  await openFresh(page, { width: 1024, height: 768 });
  for (const lang of ['en', 'zh']) {
    if (lang === 'zh') await page.getByTestId('lang-toggle').click();
    for (const id of ['lab-picker', 'import-json', 'export-json', 'copy-link', 'seed', 'rerun', 'lang-toggle', 'help']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, `${id} (${lang})`).toBeLessThanOrEqual(1024);
      expect(box.width, `${id} (${lang})`).toBeGreaterThanOrEqual(30);
    }
  }
});
