import { expect, test } from '@playwright/test';
import { chooseLab, jumpToEnd, nodeCentre, openConsole, openFresh, openNode } from './helpers.ts';

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
  await openConsole(page, 'web1');
  await page.getByTestId('console-input').fill('sysctl net.ipv4.conf.all.arp_ignore');
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-output')).toContainText('net.ipv4.conf.all.arp_ignore = 1');
  // ip route get asks the running kernel in the worker: the VIP on lo is a local route.
  await page.getByTestId('console-input').fill('ip route get 192.168.122.188');
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-output')).toContainText('local 192.168.122.188 dev lo table local src 192.168.122.188 uid 0');
  await expect(page.getByTestId('console-output')).toContainText('cache <local>');
});

test('a block pasted into the console runs command by command, and an unfinished command continues on a new line', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'director');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  // Commands copied from an article as one block (a browser's text field would join the lines).
  await input.fill('ipvsadm -C\nipvsadm -A -t 192.168.122.188:80 -s wrr\n\nipvsadm -a -t 192.168.122.188:80 -r 192.168.122.100:80 -g -w 2\nipvsadm -Ln');
  await input.press('Enter');
  await expect(out).toContainText(/192\.168\.122\.100:80\s+Route\s+2/);
  await expect(out.locator('.node-console-cmd')).toHaveText([
    '[root@director ~]# ipvsadm -C',
    '[root@director ~]# ipvsadm -A -t 192.168.122.188:80 -s wrr',
    '[root@director ~]# ipvsadm -a -t 192.168.122.188:80 -r 192.168.122.100:80 -g -w 2',
    '[root@director ~]# ipvsadm -Ln',
  ]);
  await expect(input).toHaveValue('');
  // Enter on a loop without `done` asks for more, as bash's `> ` prompt does.
  await input.fill('for i in 1 2');
  await input.press('Enter');
  await expect(input).toHaveValue('for i in 1 2\n');
  await input.pressSequentially('do echo n$i; done');
  await input.press('Enter');
  await expect(out.locator('.node-console-cmd').nth(4)).toHaveText('[root@director ~]# for i in 1 2');
  await expect(out.locator('.node-console-cmd').nth(5)).toHaveText('> do echo n$i; done');
  await expect(out.locator('.node-console-out').last()).toHaveText('n1\nn2');
  // History keeps the loop as one command of two lines.
  await input.press('ArrowUp');
  await expect(input).toHaveValue('for i in 1 2\ndo echo n$i; done');
  // clear empties the screen; what the same line prints after it stays.
  await input.fill('clear; echo after');
  await input.press('Enter');
  await expect(out.locator('.node-console-cmd')).toHaveCount(0);
  await expect(out.locator('.node-console-out')).toHaveText(['after']);
});

test('Tab completes commands and paths in the console and lists the matches on the second Tab, as bash does', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'director');
  const input = page.getByTestId('console-input');
  await input.fill('ipvsadm-s');
  await input.press('Tab');
  await expect(input).toHaveValue('ipvsadm-save ');
  await expect(input).toBeFocused();
  await input.fill('cat /etc/sysct');
  await input.press('Tab');
  await expect(input).toHaveValue('cat /etc/sysctl.');
  await input.press('Tab');
  await expect(page.getByTestId('console-candidates')).toHaveText('sysctl.conf  sysctl.d/');
  await input.pressSequentially('c');
  await expect(page.getByTestId('console-candidates')).toHaveCount(0);
  await input.press('Tab');
  await expect(input).toHaveValue('cat /etc/sysctl.conf ');
});

test('vim opens the console\'s editor; :wq writes the file through the shell and sysctl -p reads it', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'web1');
  const input = page.getByTestId('console-input');
  await input.fill('vim /etc/sysctl.conf');
  await input.press('Enter');
  const editor = page.getByTestId('console-editor-text');
  await expect(editor).toBeFocused();
  await expect(page.getByTestId('console-editor-status')).toHaveText(/^"\/etc\/sysctl\.conf" \d+L, \d+C$/);
  const original = await editor.inputValue();
  // As in seed 000 §4.5: the ARP settings appended at the end, then :wq.
  await editor.press('Control+End');
  await editor.pressSequentially('net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\n');
  // A vim user's Esc before :wq keeps the editor (the drawer's Escape would close it).
  await editor.press('Escape');
  await editor.press('Escape');
  await expect(editor).toBeFocused();
  await editor.pressSequentially(':wq');
  await editor.press('Enter');
  await expect(page.getByTestId('console-editor')).toHaveCount(0);
  await expect(input).toBeFocused();
  const out = page.getByTestId('console-output');
  await expect(out.locator('.node-console-cmd').first()).toHaveText('[root@web1 ~]# vim /etc/sysctl.conf');
  await expect(out.locator('.node-console-cmd').nth(1)).toHaveText("[root@web1 ~]# cat > /etc/sysctl.conf <<'EOF'");
  await input.fill('tail -n 2 /etc/sysctl.conf; sysctl -p | tail -n 2');
  await input.press('Enter');
  await expect(out.locator('.node-console-out').last()).toHaveText(
    'net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\nnet.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2',
  );
  expect(original).toContain('# sysctl settings are defined through files in');
  // :q refuses to drop changes; :q! does.
  await input.fill('vi /tmp/notes');
  await input.press('Enter');
  await expect(page.getByTestId('console-editor-status')).toHaveText('"/tmp/notes" [New File]');
  await editor.pressSequentially('draft\n');
  // Closing the drawer is not :q!: the console brings the editor back with the text.
  await page.getByTestId('node-close').click();
  await openConsole(page, 'web1');
  await expect(editor).toHaveValue('draft\n');
  await editor.press('Control+End');
  await editor.pressSequentially(':q');
  await editor.press('Enter');
  await expect(page.getByTestId('console-editor-status')).toHaveText('E37: No write since last change (add ! to override)');
  await expect(editor).toHaveValue('draft\n');
  await editor.pressSequentially(':q!');
  await editor.press('Enter');
  await expect(page.getByTestId('console-editor')).toHaveCount(0);
  await input.fill('cat /tmp/notes');
  await input.press('Enter');
  await expect(out.locator('.node-console-err').last()).toHaveText('cat: /tmp/notes: No such file or directory');
});

test('the drawer shares the height with the canvas: drag or arrow keys, remembered, and the refit keeps every node clear of the legend', async ({ page }) => {
  await openFresh(page, { width: 1280, height: 720 });
  await openNode(page, 'director');
  const canvas = page.getByTestId('canvas');
  const resizer = page.getByTestId('drawer-resizer');
  const drawerTop = async () => (await resizer.boundingBox())!.y;
  const canvasHeight = async () => (await canvas.boundingBox())!.height;
  const nodesClearOfLegend = async () => {
    const legendTop = (await page.getByTestId('canvas-legend').boundingBox())!.y;
    const canvasBox = (await canvas.boundingBox())!;
    for (const id of ['client', 'gw', 'sw', 'director', 'web1', 'web2']) {
      const b = (await page.getByTestId(`node-${id}`).locator('.canvas-node-shape').boundingBox())!;
      expect(b.y + b.height, `${id} above the legend`).toBeLessThanOrEqual(legendTop);
      expect(b.y, `${id} inside the canvas`).toBeGreaterThanOrEqual(canvasBox.y);
    }
  };
  await expect.poll(nodesClearOfLegend).toBeUndefined();

  // Drag the drawer's edge down by 120 px: the canvas grows by as much.
  const before = await canvasHeight();
  const box = (await resizer.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 60, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 120, { steps: 4 });
  await page.mouse.up();
  await expect.poll(canvasHeight).toBeCloseTo(before + 120, -1);
  await expect.poll(nodesClearOfLegend).toBeUndefined();

  // The keyboard moves it too, and the choice survives a reload.
  await resizer.focus();
  await page.keyboard.press('ArrowUp');
  const top = await drawerTop();
  expect(top).toBeCloseTo(box.y + 120 - 32, -1);
  await page.reload();
  await openNode(page, 'director');
  await expect.poll(drawerTop).toBeCloseTo(top, -1);

  // Double-click: back to the default height.
  await resizer.dblclick();
  await expect.poll(drawerTop).toBeCloseTo(box.y, -1);
});

test('a tutorial script with a function, an arithmetic loop and parameter defaults runs in the console against the running lab', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'client');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('hit() {\n  curl -s -o /dev/null -w "%{http_code} " http://${VIP:-192.168.122.188}/\n}\nfor ((i=1; i<=4; i++)); do hit; done; echo\necho "sum $((1+2*3)) ${HOSTNAME^^}"');
  await input.press('Enter');
  await expect(out).toContainText('200 200 200 200');
  await expect(out).toContainText('sum 7 CLIENT');
  // An arithmetic error abandons the rest of its line, as bash does.
  await input.fill('echo $((1/0)); echo not-run');
  await input.press('Enter');
  await expect(out).toContainText('bash: 1/0: division by 0 (error token is "0")');
  await expect(out.locator('.node-console-out', { hasText: 'not-run' })).toHaveCount(0);
});

test('a health check with an array reports through the initscripts\' functions, [  OK  ] in green and [FAILED] in red at column 60', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'director');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('. /etc/rc.d/init.d/functions\nRS=(192.168.122.100 192.168.122.102)\nfor i in "${!RS[@]}"; do action "RS$((i+1)) ${RS[$i]}" curl -s -m 1 -o /dev/null http://${RS[$i]}/; done');
  await input.press('Enter');
  await expect(out).toContainText('RS2 192.168.122.102');
  const ok = out.locator('span.term-fg-2', { hasText: 'OK' });
  await expect(ok).toHaveCount(1);
  await expect(out.locator('span.term-fg-1', { hasText: 'FAILED' })).toHaveCount(1);
  // The escape sequences are interpreted, not shown.
  await expect(out).not.toContainText('[60G');
  const line = out.locator('pre', { hasText: 'RS1 192.168.122.100' });
  await expect(line).toContainText(/RS1 192\.168\.122\.100 {40,}\[ {2}OK {2}\]/);
});

test('Ctrl+C stops a command that runs on, as in a terminal; the lab runs again without it and the console goes on', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'client');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('echo before');
  await input.press('Enter');
  await expect(out.locator('.node-console-out', { hasText: 'before' })).toHaveCount(1);
  // Tens of thousands of requests: far longer than the test waits.
  await input.fill('for i in {1..50000}; do curl -s -o /dev/null http://192.168.122.188/; done\necho pasted-after');
  await input.press('Enter');
  await expect(out.locator('.node-console-entry', { hasText: 'for i in {1..50000}' })).toContainText('running… (Ctrl+C stops it)');
  // Typed ahead: echoed without a prompt, read after the line ends; Ctrl+C flushes it.
  await expect(out.locator('.node-console-ps')).toHaveCount(0);
  await input.fill('echo typed-ahead');
  await input.press('Enter');
  await expect(page.getByTestId('console-typed-ahead')).toHaveText('echo typed-ahead');
  await input.press('Control+c');
  await expect(out).toContainText('^C');
  await expect(out).toContainText('lab: interrupted; the lab runs again without this command (nothing it did remains)');
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready');
  // What was pasted after the interrupted line is dropped, as the terminal flushes its input.
  await expect(out.locator('.node-console-out', { hasText: 'pasted-after' })).toHaveCount(0);
  await expect(page.getByTestId('console-typed-ahead')).toHaveCount(0);
  await expect(out.locator('.node-console-out', { hasText: 'typed-ahead' })).toHaveCount(0);
  await expect(input).toHaveValue('');
  await input.fill('echo after');
  await input.press('Enter');
  await expect(out.locator('.node-console-out', { hasText: 'after' })).toHaveCount(1);
  // Ctrl+C on a line being typed drops it.
  await input.fill('half a line');
  await input.press('Control+c');
  await expect(input).toHaveValue('');
});

test('a long command saved in the lab replays at load with its progress, and Stop drops it: the lab runs again without it', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'client');
  const input = page.getByTestId('console-input');
  await input.fill('echo before');
  await input.press('Enter');
  await expect(page.getByTestId('console-output').locator('.node-console-out', { hasText: 'before' })).toHaveCount(1);
  // The saved lab as a long loop left in it would be: tens of thousands of requests, then a line after.
  const loop = 'for i in {1..50000}; do curl -s -o /dev/null http://192.168.122.188/; done';
  await expect.poll(() => page.evaluate(() => localStorage.getItem('lvs-lab.v1.lab')?.includes('echo before'))).toBe(true);
  await page.evaluate((line) => {
    const saved = JSON.parse(localStorage.getItem('lvs-lab.v1.lab')!) as { timeline: unknown[] };
    saved.timeline.push({ kind: 'shell', node: 'client', line }, { kind: 'shell', node: 'client', line: 'echo after' });
    localStorage.setItem('lvs-lab.v1.lab', JSON.stringify(saved));
  }, loop);
  await page.reload();
  const stop = page.getByTestId('run-stop');
  await expect(stop).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('Simulating… 2/3');
  await expect(stop).toHaveAttribute('title', `Stop client$ ${loop}: the lab runs again without this command`);
  await stop.click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready');
  await expect(stop).toHaveCount(0);
  // The saved lab keeps the lines before and after it.
  await expect.poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('lvs-lab.v1.lab')!) as { timeline: { line?: string }[] }).timeline.map((e) => e.line)))
    .toEqual(['echo before', 'echo after']);
  await page.reload();
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready');
});

test('lines typed while a command runs are read when it ends, in order, as bash reads its terminal', async ({ page }) => {
  await openFresh(page);
  await openConsole(page, 'client');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('for i in {1..3000}; do curl -s http://192.168.122.188/; done | sort | uniq -c');
  await input.press('Enter');
  await expect(out).toContainText('running… (Ctrl+C stops it)');
  await input.fill('echo first');
  await input.press('Enter');
  await input.fill('for n in a b');
  await input.press('Enter');
  await input.fill('do echo $n; done');
  await input.press('Enter');
  await expect(page.getByTestId('console-typed-ahead')).toHaveText('echo first\nfor n in a b\ndo echo $n; done');
  await expect(out.locator('.node-console-out', { hasText: '1500 This is test1 web' })).toHaveCount(1, { timeout: 30_000 });
  await expect(out.locator('.node-console-entry').last()).toContainText('for n in a b');
  await expect(page.getByTestId('console-typed-ahead')).toHaveCount(0);
  const text = await out.innerText();
  expect(text.indexOf('1500 This is test2 web')).toBeLessThan(text.indexOf('echo first'));
  expect(text.indexOf('echo first')).toBeLessThan(text.indexOf('for n in a b'));
  await expect(out.locator('.node-console-entry').last().locator('.node-console-out')).toHaveText('a\nb\n');
  await expect(out.locator('.node-console-ps')).toHaveCount(1);
});

