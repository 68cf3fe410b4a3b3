import { expect, test, type Page } from '@playwright/test';
import { openFresh, waitForRun } from './helpers.ts';

/** Visible strings of the top bar, tools, playback bar and inspector in one language. */
const STRINGS = {
  en: {
    toggle: '中文', importJson: 'Import JSON…', seed: 'Seed', select: 'Select', client: 'Client', connect: 'Connect',
    from: 'From', timeUnit: / ms$/, packet: 'Packet', hops: 'Hops', events: 'Events', lab: 'LVS-DR: only the MAC addresses change at the director',
  },
  zh: {
    toggle: 'English', importJson: '导入 JSON…', seed: '随机种子', select: '选择', client: '客户端', connect: '连线',
    from: '从', timeUnit: / 毫秒$/, packet: '数据包', hops: '逐跳', events: '事件', lab: 'LVS-DR：调度器只改写 MAC 地址',
  },
} as const;

async function expectLanguage(page: Page, lang: 'en' | 'zh'): Promise<void> {
  const s = STRINGS[lang];
  await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
  await expect(page.getByTestId('lang-toggle')).toHaveText(s.toggle);
  await expect(page.getByTestId('import-json')).toHaveText(s.importJson);
  await expect(page.locator('.app-seed label')).toHaveText(s.seed);
  await expect(page.getByTestId('lab-picker').locator('option:checked')).toHaveText(s.lab);
  await expect(page.getByTestId('tool-select')).toContainText(s.select);
  await expect(page.getByTestId('tool-add-client')).toContainText(s.client);
  await expect(page.getByTestId('tool-connect')).toContainText(s.connect);
  await expect(page.locator('.app-send-field > span').first()).toHaveText(s.from);
  await expect(page.locator('.app-time-value')).toHaveText(s.timeUnit);
  await expect(page.getByTestId('insp-tab-packet')).toContainText(s.packet);
  await expect(page.getByTestId('insp-tab-hops')).toContainText(s.hops);
  await expect(page.getByTestId('insp-tab-events')).toContainText(s.events);
}

test('switches to Chinese and back, everywhere, and remembers the choice', async ({ page }) => {
  await openFresh(page);
  await expectLanguage(page, 'en');
  await page.getByTestId('lang-toggle').click();
  await expectLanguage(page, 'zh');
  await page.reload();
  await waitForRun(page);
  await expectLanguage(page, 'zh');
  await page.getByTestId('lang-toggle').click();
  await expectLanguage(page, 'en');
  // The L shortcut does the same.
  await page.keyboard.press('l');
  await expectLanguage(page, 'zh');
  await page.keyboard.press('l');
  await expectLanguage(page, 'en');
});

test('shows the help overlay in the chosen language', async ({ page }) => {
  await openFresh(page);
  await page.getByTestId('lang-toggle').click();
  await page.getByTestId('help').click();
  await expect(page.getByTestId('help-overlay')).toContainText('键盘快捷键');
  await expect(page.getByTestId('help-cmd.undo')).toContainText('撤销');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
});
