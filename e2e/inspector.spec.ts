import { expect, test, type Page } from '@playwright/test';
import { chooseLab, openFresh, playToEnd, waitForRun } from './helpers.ts';

/** Opens a built-in lab, unless it is the one already open (the app starts with DR). */
async function openLab(page: Page, id: string): Promise<void> {
  if ((await page.getByTestId('app').getAttribute('data-lab')) === id) await waitForRun(page);
  else await chooseLab(page, id);
}

/** Steps back hop by hop until the inspector shows the director putting the client's SYN on the wire. */
async function stepBackToDirectorSyn(page: Page): Promise<void> {
  const where = page.getByTestId('insp-where');
  for (let i = 0; i < 300; i++) {
    await page.getByTestId('step-back').click();
    if ((await where.getAttribute('data-node')) === 'director' && (await where.getAttribute('data-step')) === 'egress'
      && (await page.getByTestId('field-tcp.flags').locator('.insp-mono').textContent()) === 'SYN') return;
  }
  throw new Error('stepped back to the start without meeting the director\'s SYN');
}

test('DR: at the director\'s egress only the MAC addresses (and TTL) have changed', async ({ page }) => {
  await openFresh(page);
  await openLab(page, 'dr');
  await playToEnd(page);
  await page.getByTestId('insp-tab-packet').click();
  await stepBackToDirectorSyn(page);

  const changed = (path: string) => page.getByTestId(`field-${path}`);
  await expect(changed('eth.dst')).toHaveAttribute('data-changed', 'true');
  await expect(changed('eth.src')).toHaveAttribute('data-changed', 'true');
  await expect(changed('ip.ttl')).toHaveAttribute('data-changed', 'true');
  await expect(changed('ip.src')).toHaveAttribute('data-changed', 'false');
  await expect(changed('ip.dst')).toHaveAttribute('data-changed', 'false');
  // The addresses carry their textbook names: the request still goes from CIP to VIP, now from DIPmac to a real server's MAC.
  await expect(changed('ip.src')).toContainText('CIP');
  await expect(changed('ip.dst')).toContainText('VIP');
  await expect(changed('eth.src')).toContainText('DIPmac');
  await expect(changed('eth.dst')).toContainText(/RIP\dmac/);
  await expect(page.getByTestId('insp-explain')).toContainText('director puts the frame on the wire from ens33');

  // Hovering a field highlights its bytes.
  await changed('ip.ttl').hover();
  await expect(page.getByTestId('insp-hex').locator('.insp-hex-bytes .insp-byte--hi')).toHaveCount(1);
});
