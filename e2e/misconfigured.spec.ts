import { expect, test } from '@playwright/test';
import { chooseLab, openConsole, openFresh } from './helpers.ts';

test('a misconfigured cluster: the NAT director without ip_forward loses the replies; the fix typed in its console makes curl work', async ({ page }) => {
  await openFresh(page);
  await chooseLab(page, 'nat-no-forward');
  await expect(page.getByTestId('lab-picker').locator('option:checked')).toHaveText('NAT misconfigured: ip_forward=0 on the director');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByTestId('events-node').selectOption('director');
  // The list draws the rows in view: scroll past the request's way in.
  await page.getByTestId('events-list').evaluate((el) => { el.scrollTop = 500; });
  await expect(page.getByTestId('events-list')).toContainText('Dropped: the destination is not an address of this host, and it does not forward (ip_forward=0).');

  await openConsole(page, 'client');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('curl -m 3 http://12.0.0.10/');
  await input.press('Enter');
  await expect(out).toContainText('curl: (28) ');
  await page.getByTestId('node-close').click();

  await openConsole(page, 'director');
  await input.fill('sysctl -w net.ipv4.ip_forward=1');
  await input.press('Enter');
  await expect(out).toContainText('net.ipv4.ip_forward = 1');
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready');
  await page.getByTestId('node-close').click();

  await openConsole(page, 'client');
  await input.fill('curl http://12.0.0.10/');
  await input.press('Enter');
  await expect(out).toContainText(/This is test[12] web/);
});
