import { expect, test, type Page } from '@playwright/test';
import { chooseLab, jumpToEnd, nodeCentre, openFresh, waitForRun } from './helpers.ts';

/** Opens a built-in lab, unless it is the one already open (the app starts with DR). */
async function openLab(page: Page, id: string): Promise<void> {
  if ((await page.getByTestId('app').getAttribute('data-lab')) === id) await waitForRun(page);
  else await chooseLab(page, id);
}

const VIP = '192.168.122.188';

/** Opens a node's drawer on a tab. */
async function openNode(page: Page, node: string, tab: string) {
  const at = await nodeCentre(page, node);
  // Select the node and open it with Enter (the open-properties shortcut).
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Enter');
  const drawer = page.getByTestId('node-drawer');
  await expect(drawer).toHaveAttribute('data-node', node);
  await drawer.getByTestId(`node-tab-${tab}`).click();
  return drawer;
}

/** The MAC of a node's ens33, as its Interfaces tab shows it. */
async function macOf(page: Page, node: string): Promise<string> {
  const drawer = await openNode(page, node, 'interfaces');
  return (await drawer.locator('[data-testid="iface-row"][data-dev="ens33"] td.insp-mono').textContent())!.trim();
}

test('DR with arp_ignore=0: a real server takes the VIP from the director, and arp_ignore=1 gives it back', async ({ page }) => {
  await openFresh(page);
  await openLab(page, 'dr-arp-ignore');
  const web = [await macOf(page, 'web1'), await macOf(page, 'web2')];
  const director = await macOf(page, 'director');
  await jumpToEnd(page);

  // After the two requests, the gateway's entry for the VIP holds a real server's MAC.
  let gw = await openNode(page, 'gw', 'arp');
  const vipEntry = gw.locator(`[data-testid="arp-row"][data-ip="${VIP}"]`);
  const stolen = await vipEntry.getAttribute('data-mac');
  expect(web).toContain(stolen);
  await expect(vipEntry).toContainText(/MAC of web[12] ens33/);

  // The second request goes straight to that real server: no hop touches the director.
  await page.getByTestId('insp-tab-hops').click();
  await page.getByTestId('hop-flow').selectOption('2');
  const hops = page.getByTestId('hop-row');
  await expect(hops).not.toHaveCount(0);
  for (const row of await hops.all()) {
    expect(await row.getAttribute('data-from')).not.toBe('director');
    expect((await row.getAttribute('data-to'))!.split(',')).not.toContain('director');
  }

  // The fix: arp_ignore=1 on the real servers' "all", then replay.
  for (const node of ['web1', 'web2']) {
    const drawer = await openNode(page, node, 'sysctls');
    await drawer.getByTestId('sysctl-net.ipv4.conf.all.arp_ignore').selectOption('1');
    await expect(drawer.getByTestId('sysctl-effective-net.ipv4.conf.ens33.arp_ignore')).toHaveText('= 1');
  }
  await waitForRun(page);
  await page.getByTestId('replay').click();
  await jumpToEnd(page);
  gw = await openNode(page, 'gw', 'arp');
  await expect(gw.locator(`[data-testid="arp-row"][data-ip="${VIP}"]`)).toHaveAttribute('data-mac', director);
  await expect(gw.locator(`[data-testid="arp-row"][data-ip="${VIP}"]`)).toContainText('MAC of director ens33');
});
