import { expect, test } from '@playwright/test';
import { canvasPoint, drag, exportedLab, ifaceCentre, jumpToEnd, nodeCentre, openFresh, playToEnd, shownTimeUs, waitForRun } from './helpers.ts';

const NODES = ['node-client', 'node-switch', 'node-web1'];
const LINKS = ['link-0', 'link-1'];

test('build a topology with mouse and keyboard, undo and redo it, and find it intact after a reload', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('lab-picker').selectOption('__new');
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'custom');
  await expect(page.locator('[data-testid^="node-"]')).toHaveCount(0);

  // A client from the keyboard (N, then a click), a switch from the toolbar, a real server with W and Enter.
  await page.keyboard.press('n');
  await expect(page.getByTestId('tool-add-client')).toHaveAttribute('aria-pressed', 'true');
  let p = await canvasPoint(page, 0.2, 0.5);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('node-client')).toBeVisible();
  await expect(page.getByTestId('tool-select')).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('tool-add-switch').click();
  p = await canvasPoint(page, 0.5, 0.5);
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('node-switch')).toBeVisible();

  await page.keyboard.press('w');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-web1')).toBeVisible();

  // Connect: drag from the client to the switch, then click the server and click the switch.
  await page.keyboard.press('c');
  await expect(page.getByTestId('tool-connect')).toHaveAttribute('aria-pressed', 'true');
  await drag(page, await nodeCentre(page, 'client'), await nodeCentre(page, 'switch'));
  await expect(page.getByTestId('link-0')).toBeAttached();
  const web = await nodeCentre(page, 'web1');
  await page.mouse.click(web.x, web.y);
  const sw = await nodeCentre(page, 'switch');
  await page.mouse.click(sw.x, sw.y);
  await expect(page.getByTestId('link-1')).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tool-select')).toHaveAttribute('aria-pressed', 'true');

  for (const id of NODES) await expect(page.getByTestId(id)).toBeVisible();
  for (const id of LINKS) await expect(page.getByTestId(id)).toBeAttached();
  const built = await exportedLab(page);
  expect(built).toMatchObject({
    nodes: [{ id: 'client', role: 'client' }, { id: 'switch', role: 'switch' }, { id: 'web1', role: 'realserver' }],
    links: [{ a: { node: 'client', iface: 'eth0' }, b: { node: 'switch' } }, { a: { node: 'web1', iface: 'eth0' }, b: { node: 'switch' } }],
  });

  // Undo the two cables (the button says what it undoes), then redo them with both shortcuts.
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /connect two nodes/);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('link-1')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('link-0')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-web1')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('node-web1')).toBeVisible();
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('link-0')).toBeAttached();
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('link-1')).toBeAttached();
  await expect(page.getByTestId('redo')).toBeDisabled();
  expect(await exportedLab(page)).toEqual(built);

  // Autosave, reload: the same lab.
  await page.waitForTimeout(600);
  await page.reload();
  await waitForRun(page);
  for (const id of NODES) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.locator('[data-testid^="link-"]')).toHaveCount(2);
  expect(await exportedLab(page)).toEqual(built);
});

test('moves a node by dragging, as one undo step, and Escape puts a drag back', async ({ page }) => {
  await openFresh(page);
  const before = await exportedLab(page) as { nodes: { id: string; position: { x: number; y: number } }[] };
  const start = await nodeCentre(page, 'director');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x - 60, start.y + 40, { steps: 6 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  expect(await exportedLab(page)).toEqual(before);

  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x - 60, start.y + 40, { steps: 6 });
  await page.mouse.up();
  const after = await exportedLab(page) as typeof before;
  const moved = after.nodes.find((n) => n.id === 'director')!.position;
  const was = before.nodes.find((n) => n.id === 'director')!.position;
  expect(moved).not.toEqual(was);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /move a node/);
  await page.keyboard.press('Control+z');
  expect(await exportedLab(page)).toEqual(before);
});

test('cables a free interface, and refuses a second cable on an interface with the reason', async ({ page }) => {
  await openFresh(page);
  // At the end of the run no frame is in flight over the client's cable (a click there would pick the packet).
  await page.keyboard.press('End');
  await page.keyboard.press('c');
  // From the client's eth0, which is cabled to the gateway: refused, and the notice says why.
  await drag(page, await ifaceCentre(page, 'client', 'eth0'), await nodeCentre(page, 'director'));
  await expect(page.getByTestId('notice')).toContainText('client eth0 already has a cable (to gw eth1)');
  const lab = await exportedLab(page) as { links: unknown[] };
  expect(lab.links).toHaveLength(5);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  // From the client itself: a new eth1 on the client and eth0 on the director.
  await drag(page, await nodeCentre(page, 'client'), await nodeCentre(page, 'director'));
  const after = await exportedLab(page) as { links: unknown[] };
  expect(after.links.at(-1)).toMatchObject({ a: { node: 'client', iface: 'eth1' }, b: { node: 'director', iface: 'eth0' } });
  await expect(page.getByTestId('link-5')).toBeAttached();
});

test('shows located errors for a bad import and keeps the lab', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"title":{"en":"x","zh":"x"},"description":{"en":"","zh":""},"seed":1,"nodes":[{"id":"9bad"}],"links":[],"scenario":[]}') });
  await expect(page.getByTestId('notice')).toContainText('broken.json');
  await expect(page.getByTestId('notice-details')).toContainText('nodes[0].id: "9bad" is not a valid host name');
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'dr');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await expect(page.getByTestId('node-director')).toBeVisible();
});

test('lists every shortcut in the help overlay', async ({ page }) => {
  await openFresh(page);
  await page.keyboard.press('?');
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  for (const k of ['Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y', 'Space', '←', '→', 'Home', 'End', 'Delete', 'Esc', 'F', 'V', 'C']) await expect(help.getByText(k, { exact: true }).first()).toBeVisible();
  // The mouse gestures too, all visible without scrolling at the default size.
  for (const g of ['Wheel', 'Drag the background', 'Drag a node', 'Double-click a node']) await expect(help.getByTestId('help-mouse').getByText(g, { exact: true })).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test.describe('playback bar', () => {
  test('steps hop by hop, seeks, and plays to the end', async ({ page }) => {
    await openFresh(page);
    await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'idle');
    await page.getByTestId('step-forward').click();
    await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'paused');
    await expect(page.getByTestId('playback-step')).toHaveText('frame sent · client eth0');
    await expect(page.getByTestId('playback-time')).toContainText('0.000 ms');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('playback-step')).toHaveText('frame sent · gw eth1');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('playback-step')).toHaveText('frame sent · client eth0');
    await page.getByTestId('seek').fill('1000');
    expect(await shownTimeUs(page)).toBeCloseTo(1000, 0);
    // Escape leaves the slider, so the shortcuts work again.
    await page.keyboard.press('Escape');
    await page.keyboard.press('End');
    await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'ended');
    const end = Number(await page.getByTestId('seek').getAttribute('max'));
    expect(await shownTimeUs(page)).toBe(end);
    await page.keyboard.press('Home');
    expect(await shownTimeUs(page)).toBe(0);
    await page.keyboard.press('+');
    await expect(page.getByTestId('speed')).toHaveValue('2');
    await playToEnd(page);
    expect(await shownTimeUs(page)).toBe(end);
  });

  test('sends traffic from the chosen node and plays it', async ({ page }) => {
    await openFresh(page);
    await jumpToEnd(page);
    const before = Number(await page.getByTestId('seek').getAttribute('max'));
    await expect(page.getByTestId('send-url')).toHaveValue('http://192.168.122.188/');
    await page.getByTestId('send-curl').click();
    await waitForRun(page);
    await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'playing');
    expect(Number(await page.getByTestId('seek').getAttribute('max'))).toBeGreaterThan(before);
    const runEnd = async () => Number(await page.getByTestId('seek').getAttribute('max'));
    let last = await runEnd();
    await page.getByTestId('send-from').selectOption('gw');
    await page.getByTestId('send-url').fill('192.168.122.100');
    await expect(page.getByTestId('send-iface')).toHaveValue('eth1');
    await page.getByTestId('send-iface').selectOption('eth0');
    for (const button of ['send-arping', 'send-ping']) {
      await page.getByTestId(button).click();
      await waitForRun(page);
      await jumpToEnd(page);
      expect(await runEnd()).toBeGreaterThan(last);
      last = await runEnd();
    }
    await page.getByTestId('send-count').fill('0');
    await expect(page.getByTestId('send-n-curls')).toBeDisabled();
    await page.getByTestId('send-count').fill('2');
    await expect(page.getByTestId('send-n-curls')).toHaveText('2× curl');
    await page.getByTestId('send-n-curls').click();
    await waitForRun(page);
    await jumpToEnd(page);
    expect(await runEnd()).toBeGreaterThan(last);
  });

  test('replays the same traffic after an edit, from the start', async ({ page }) => {
    await openFresh(page);
    await page.getByTestId('send-curl').click();
    await waitForRun(page);
    await jumpToEnd(page);
    const withTwo = Number(await page.getByTestId('seek').getAttribute('max'));
    // Edit: take web2 away; the lab re-runs with the same two requests, both served by web1.
    const web2 = await nodeCentre(page, 'web2');
    await page.mouse.click(web2.x, web2.y);
    await page.keyboard.press('Delete');
    await waitForRun(page);
    await page.keyboard.press('Shift+R');
    await expect(page.getByTestId('app')).toHaveAttribute('data-phase', 'playing');
    await page.keyboard.press('End');
    const replayed = Number(await page.getByTestId('seek').getAttribute('max'));
    expect(replayed).toBeGreaterThan(0);
    expect(replayed).not.toBe(withTwo);
    await page.getByTestId('replay').click();
    await page.keyboard.press('End');
    expect(Number(await page.getByTestId('seek').getAttribute('max'))).toBe(replayed);
  });
});

test('ignores a corrupt autosave with a notice and opens a built-in lab', async ({ page }) => {
  await openFresh(page);
  await page.evaluate(() => localStorage.setItem('lvs-lab.v1.lab', '{"version":1,"doc":{"version":1,"nodes":"oops"}'));
  await page.reload();
  await waitForRun(page);
  await expect(page.getByTestId('notice')).toContainText('could not be restored');
  await expect(page.getByTestId('notice-details')).toContainText('not valid JSON');
  await expect(page.getByTestId('app')).toHaveAttribute('data-lab', 'dr');
});
