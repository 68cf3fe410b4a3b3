import { expect, test } from '@playwright/test';
import { chooseLab, jumpToEnd, nodeCentre, openFresh, openNode } from './helpers.ts';

test('opening a node shows its ARP table with the entries learned during the run', async ({ page }) => {
  await openFresh(page);
  // DR is open already: choosing it again opens it afresh and runs it again.
  await chooseLab(page, 'dr');
  await jumpToEnd(page);
  const at = await nodeCentre(page, 'director');
  // Select the node and open it with Enter (the open-properties shortcut).
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('node-drawer');
  await expect(drawer).toHaveAttribute('data-node', 'director');
  await drawer.getByTestId('node-tab-arp').click();
  const rows = drawer.getByTestId('arp-row');
  await expect(rows).not.toHaveCount(0);
  // The director learned the gateway (from its ARP request for the VIP) and resolved the real server it chose.
  await expect(drawer.locator('[data-testid="arp-row"][data-ip="192.168.122.1"]')).toHaveAttribute('data-mac', /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  await expect(drawer.locator('[data-testid="arp-row"][data-ip^="192.168.122.10"]').first()).toHaveAttribute('data-state', /REACHABLE|STALE|DELAY/);
  // The other tabs open too.
  await drawer.getByTestId('node-tab-ipvs').click();
  await expect(drawer.getByTestId('ipvsadm-output')).toContainText('TCP  192.168.122.188:80 rr');
  await drawer.getByTestId('node-tab-routes').click();
  await expect(drawer.getByTestId('routes-main')).toContainText('default via 192.168.122.1 dev ens33');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
});

test('the console runs shell lines on the node (the worker loads the shell with the first line)', async ({ page }) => {
  await openFresh(page);
  await openNode(page, 'web1');
  await page.getByTestId('node-tab-console').click();
  await page.getByTestId('console-input').fill('sysctl net.ipv4.conf.all.arp_ignore');
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-output')).toContainText('net.ipv4.conf.all.arp_ignore = 1');
});
