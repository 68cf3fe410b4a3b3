import { expect, test, type Page } from '@playwright/test';

/** A documentation page with <lvs-lab>, served from the app's origin; it records the lab's events. */
async function docsPage(page: Page, baseURL: string, element: string): Promise<void> {
  await page.route(`${baseURL}/docs-page.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html><head><meta charset="utf-8"><title>An LVS-DR tutorial</title>
      <script type="module" src="./lvs-lab.js"></script></head>
      <body><h1>How LVS-DR forwards a request</h1>${element}
      <script>window.labEvents = []; for (const n of ['ready', 'state', 'done', 'error']) document.getElementById('lab').addEventListener('lvs-lab-' + n, (e) => window.labEvents.push(e.detail));</script>
      </body></html>`,
  }));
  await page.goto(`${baseURL}/docs-page.html`);
}

type LabEvent = { lvsLab: string; id?: number; phase?: string; labId?: string; seed?: number; run?: string; message?: string; output?: { stdout: string; exitCode: number } };
const events = (page: Page) => page.evaluate(() => (window as unknown as { labEvents: LabEvent[] }).labEvents);

test('<lvs-lab> embeds a lab in a documentation page that drives it with the message API', async ({ page, baseURL }) => {
  await docsPage(page, baseURL!, '<lvs-lab id="lab" lab="nat" lang="zh" height="520"></lvs-lab>');
  await expect.poll(async () => (await events(page)).some((e) => e.lvsLab === 'ready'), { timeout: 15_000 }).toBe(true);
  const frame = page.frameLocator('lvs-lab iframe');
  await expect(frame.getByTestId('app')).toHaveAttribute('data-lab', 'nat');
  // No editing tools and no lab menu in a frame; the page's language is the one asked for.
  await expect(frame.getByTestId('toolbar')).toHaveCount(0);
  await expect(frame.getByTestId('lab-picker')).toHaveCount(0);
  await expect(frame.getByTestId('embed-open-full')).toHaveText('在 LVS Lab 中打开 ↗');
  expect((await page.locator('lvs-lab').boundingBox())!.height).toBe(520);

  await page.evaluate(() => {
    const lab = document.getElementById('lab') as HTMLElement & { send(m: object): void; play(): void };
    lab.send({ lvsLab: 'speed', speed: 10, id: 1 });
    lab.play();
  });
  await expect.poll(async () => (await events(page)).some((e) => e.lvsLab === 'state' && e.phase === 'ended'), { timeout: 30_000 }).toBe(true);

  await page.evaluate(() => {
    const lab = document.getElementById('lab') as HTMLElement & { send(m: object): void };
    lab.send({ lvsLab: 'rewind', id: 2 });
    lab.send({ lvsLab: 'send', id: 3, action: { kind: 'curl', node: 'nobody', url: 'http://12.0.0.10/' } });
    lab.send({ lvsLab: 'shell', id: 4, node: 'director', line: 'ipvsadm -Ln' });
    lab.send({ lvsLab: 'seek', id: 5, step: 3 });
    lab.send({ lvsLab: 'openNode', id: 6, node: 'director' });
  });
  await expect.poll(async () => (await events(page)).filter((e) => e.id !== undefined && e.id >= 2).length, { timeout: 15_000 }).toBe(5);
  const answers = (await events(page)).filter((e) => e.id !== undefined);
  expect(answers.find((e) => e.id === 1)).toMatchObject({ lvsLab: 'done', command: 'speed' });
  expect(answers.find((e) => e.id === 2)).toMatchObject({ lvsLab: 'error', message: expect.stringMatching(/^lvsLab: "rewind" is not a command; the commands are play, pause/) });
  expect(answers.find((e) => e.id === 3)).toMatchObject({ lvsLab: 'error', command: 'send', message: 'action.node: "nobody" is not a host or router of this lab' });
  const shell = answers.find((e) => e.id === 4)!;
  expect(shell).toMatchObject({ lvsLab: 'done', command: 'shell', output: { exitCode: 0 } });
  expect(shell.output!.stdout).toContain('TCP  12.0.0.10:80 rr\n');
  expect(answers.find((e) => e.id === 5)).toMatchObject({ lvsLab: 'done', command: 'seek' });
  await expect.poll(async () => (await events(page)).filter((e) => e.lvsLab === 'state').at(-1)).toMatchObject({ phase: 'paused', step: 4 });
  expect(answers.find((e) => e.id === 6)).toMatchObject({ lvsLab: 'done', command: 'openNode' });
  await expect(frame.getByTestId('node-tab-console')).toBeVisible();

  // Another lab through the attribute: the frame opens it without reloading.
  await page.evaluate(() => document.getElementById('lab')!.setAttribute('lab', 'tun'));
  await expect(frame.getByTestId('app')).toHaveAttribute('data-lab', 'tun');
  await expect(frame.getByTestId('app')).toHaveAttribute('data-run', 'ready');
});

test('the embedded lab keeps nothing in the reader\'s storage and opens in the full app as it is', async ({ page, context, baseURL }) => {
  await page.goto('/embed.html#lab=dr-arp-ignore&seed=3&lang=en');
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'dr-arp-ignore');
  await page.getByTestId('send-curl').click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready');
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

  const [full] = await Promise.all([context.waitForEvent('page'), page.getByTestId('embed-open-full').click()]);
  await expect(full.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
  await expect(full.getByTestId('app')).toHaveAttribute('data-lab', 'dr-arp-ignore');
  await expect(full.getByTestId('seed')).toHaveValue('3');
  await expect(full.getByTestId('lab-picker')).toBeVisible();
  expect(new URL(full.url()).pathname).toBe(new URL(`${baseURL}/`).pathname);
});

test('an embedded frame given a bad lab opens DR and says why', async ({ page }) => {
  await page.goto('/embed.html#lab=dr-arp&lang=en');
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'dr');
  await expect(page.getByTestId('notice')).toContainText('The lab this frame was given cannot be opened');
  await expect(page.getByTestId('notice-details')).toContainText('lab: "dr-arp" is not a built-in lab');
});

test('Copy link offers the embed code, and a page with that code shows the same lab', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/#lab=dr-no-vip&seed=4');
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
  await page.getByTestId('copy-link').click();
  await page.getByTestId('notice-copy-embed').click();
  await expect(page.getByTestId('notice')).toContainText('Embed code copied');
  const html = await page.evaluate(() => navigator.clipboard.readText());
  expect(html).toBe(`<script type="module" src="${baseURL}/lvs-lab.js"></script>\n<lvs-lab lab="dr-no-vip" seed="4" lang="en" height="560"></lvs-lab>`);

  const docs = await context.newPage();
  await docsPage(docs, baseURL!, html.replace('<lvs-lab ', '<lvs-lab id="lab" '));
  const frame = docs.frameLocator('lvs-lab iframe');
  await expect(frame.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
  await expect(frame.getByTestId('app')).toHaveAttribute('data-lab', 'dr-no-vip');
  await expect.poll(async () => (await events(docs)).filter((e) => e.lvsLab === 'state').at(-1)).toMatchObject({ labId: 'dr-no-vip', seed: 4, run: 'ready' });
});

test('<lvs-lab autoplay speed> plays by itself at that speed; a bad speed is ignored and the frame says so', async ({ page, baseURL }) => {
  await docsPage(page, baseURL!, '<lvs-lab id="lab" lab="nat" autoplay speed="10" height="480"></lvs-lab>');
  await expect.poll(async () => (await events(page)).some((e) => e.lvsLab === 'state' && e.phase === 'ended'), { timeout: 30_000 }).toBe(true);
  await expect(page.frameLocator('lvs-lab iframe').getByTestId('speed')).toHaveValue('10');

  // The frame's own address asks the same (play=1): it starts once the run is in the playback.
  await page.goto('/embed.html#lab=nat-gateway&lang=en&play=1&speed=10');
  await expect(page.getByTestId('app')).toHaveAttribute('data-phase', /playing|ended/, { timeout: 15_000 });

  // A new page load (only the fragment would differ: the open frame would take it as a new lab).
  await page.goto('about:blank');
  await page.goto('/embed.html#lab=nat&lang=en&speed=fast');
  await expect(page.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
  await expect(page.getByTestId('notice')).toContainText('Part of this frame\'s settings was ignored:');
  await expect(page.getByTestId('notice-details')).toHaveText('speed: "fast" is not a number from 0.1 to 10; the lab plays at 1×');
  await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'idle');
});

test('the embedding example page drives its lab: the gateway learns a real server for the VIP, and the director after the fix', async ({ page }) => {
  await page.goto('/embed-example.html');
  const frame = page.frameLocator('lvs-lab iframe');
  await expect(frame.getByTestId('app')).toHaveAttribute('data-run', 'ready', { timeout: 15_000 });
  const output = page.locator('#output');
  await page.click('#play');
  await expect(frame.getByTestId('app')).toHaveAttribute('data-phase', 'ended', { timeout: 30_000 });
  await page.click('#arp');
  // arp_ignore=0: a real server's answer arrived first (the lab's seed).
  await expect(output).toHaveText(/^gw\$ 192\.168\.122\.188 dev eth0 lladdr (\S+) REACHABLE\n$/);
  const before = (await output.textContent())!.split(' ')[5];
  // The director's MAC, asked through the element's API.
  const directorMac = await page.evaluate(() => new Promise<string>((resolve) => {
    const lab = document.getElementById('lab') as HTMLElement & { send(m: object): void };
    lab.addEventListener('lvs-lab-done', (e) => {
      const d = (e as CustomEvent<{ id?: string; output?: { stdout: string } }>).detail;
      if (d.id === 'mac') resolve(/link\/ether (\S+)/.exec(d.output!.stdout)![1]!);
    });
    lab.send({ lvsLab: 'shell', id: 'mac', node: 'director', line: 'ip link show ens33' });
  }));
  expect(before).not.toBe(directorMac);
  await page.click('#fix');
  await page.click('#arp');
  await expect(output).toHaveText(`gw$ 192.168.122.188 dev eth0 lladdr ${directorMac} REACHABLE\n`);
  await expect(frame.getByTestId('node-drawer')).toHaveAttribute('data-node', 'gw');
});
