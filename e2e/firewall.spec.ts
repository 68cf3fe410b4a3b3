import { expect, test } from '@playwright/test';
import { openConsole, openFresh } from './helpers.ts';

test('a firewall rule on the director: iptables -L shows it, curl is refused, and the events say which rule decided', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'director');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('iptables -A INPUT -d 192.168.122.188 -p tcp --dport 80 -j REJECT --reject-with tcp-reset');
  await input.press('Enter');
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready');
  await input.fill('iptables -L INPUT');
  await input.press('Enter');
  await expect(out).toContainText('REJECT     tcp  --  anywhere             192.168.122.188      tcp dpt:http reject-with tcp-reset');
  await page.getByTestId('node-close').click();
  await openConsole(page, 'client');
  await input.fill('curl http://192.168.122.188/');
  await input.press('Enter');
  await expect(out).toContainText('curl: (7) Failed connect to 192.168.122.188:80; Connection refused');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByTestId('events-node').selectOption('director');
  const list = page.getByTestId('events-list');
  await expect(list).toContainText('iptables filter INPUT: rule 1 matches and decides the packet: REJECT.');
  await expect(list).toContainText('iptables REJECT --reject-with tcp-reset: a TCP RST answers for port 80');
});
